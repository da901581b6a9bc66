#!/usr/bin/env bash
# Read latency at fleet scale over HTTP against the real application: a server's Security tab (page
# and API) with 1,000 scans, GET /api/job-executions with 100,000 executions; p50/p95 on an H2 file
# database and on PostgreSQL with generated rows, against GET /api/ping in the same run.
# PostgreSQL: VIGIL_TEST_PG_URL (default 127.0.0.1:5432/test, user postgres); set it empty for H2 only.
# Usage: bench/latency-bench.sh [scans] [executions] [warm-ups] [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
pg_url="${VIGIL_TEST_PG_URL-jdbc:postgresql://127.0.0.1:5432/test}"
work="$(mktemp -d /tmp/vigil-latencybench.XXXXXX)"
trap 'rm -rf -- "$work"' EXIT
java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.LatencyBenchmark "$work" "${1:-1000}" "${2:-100000}" "${3:-100}" "${4:-400}" \
  "$pg_url" "${VIGIL_TEST_PG_USER:-postgres}" "${VIGIL_TEST_PG_PASSWORD:-}"
