#!/usr/bin/env bash
# Fleet views at scale on PostgreSQL over HTTP against the real application: the rule view (API,
# page, CSV), the dashboard (page, summary API) and server lists filtered by a count, with generated
# rows (1,000 servers x 2 profiles x 30 days of scans, 1,500-rule dictionary, two jobs over every
# server); p50/p95 against GET /api/ping in the same run, and the load average before and after.
# PostgreSQL: VIGIL_TEST_PG_URL (default 127.0.0.1:5432/test, user postgres); a throw-away database.
# Usage: bench/fleet-views-bench.sh [servers] [days] [warm-ups] [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl bench -am package -DskipTests
work="$(mktemp -d /tmp/vigil-fleetviewsbench.XXXXXX)"
trap 'rm -rf -- "$work"' EXIT
java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.FleetViewsBenchmark "$work" "${1:-1000}" "${2:-30}" "${3:-50}" "${4:-200}" \
  "${VIGIL_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}" \
  "${VIGIL_TEST_PG_USER:-postgres}" "${VIGIL_TEST_PG_PASSWORD:-}"
