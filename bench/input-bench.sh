#!/usr/bin/env bash
# Large job target lists over HTTP against the real application: POST /api/jobs with 100,000 targets
# (servers inserted by SQL) validated, stored and answered, and with 500,000 (400,000 of them
# unknown: a 400 naming the first 20), on an H2 file database and on PostgreSQL; medians against a
# 1,000-target job and GET /api/ping in the same run. Needs ssg-firefox-ds.xml (ssg-nondebian).
# PostgreSQL: VIGIL_TEST_PG_URL (default 127.0.0.1:5432/test, user postgres); set it empty for H2 only.
# Usage: bench/input-bench.sh [servers] [big list] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
pg_url="${VIGIL_TEST_PG_URL-jdbc:postgresql://127.0.0.1:5432/test}"
work="$(mktemp -d /tmp/vigil-inputbench.XXXXXX)"
trap 'rm -rf -- "$work"' EXIT
java -Xms1g -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.InputBenchmark "$work" "${1:-100000}" "${2:-500000}" "${3:-5}" \
  "$pg_url" "${VIGIL_TEST_PG_USER:-postgres}" "${VIGIL_TEST_PG_PASSWORD:-}"
