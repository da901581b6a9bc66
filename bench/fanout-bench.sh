#!/usr/bin/env bash
# Fan-out of job executions with the scan double (vigil-server's test support: a few ms per target,
# a real oscap ARF parsed and recorded for every target run): target runs per second and heap on
# one node at 250 and 1,000 targets, on H2 (file) and PostgreSQL, then two nodes on PostgreSQL;
# against db-scheduler alone running no-op tasks in the same shape on the same database.
# Every node runs in one JVM. PostgreSQL: VIGIL_TEST_PG_URL (default 127.0.0.1:5432/test, user
# postgres); set it empty to measure H2 only. Makes the nine-results ARF once with local oscap.
# FANOUT_JAVA_OPTS: extra JVM options: -Dfanout.h2=false (PostgreSQL only), -Dfanout.warmup=N
# (executions of the large job before measuring, default 3), or a flight recording for profiling:
#   FANOUT_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/fanout.jfr,settings=profile
# Usage: bench/fanout-bench.sh [targets] [small targets] [runs] [scan ms] [threads] [polling ms] [max parallel]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v oscap >/dev/null || { echo "fanout-bench needs oscap (openscap-scanner)" >&2; exit 1; }
mvn -B -ntp -q -pl bench -am package -DskipTests
cp="$PWD/bench/target/classes:$(cat bench/target/classpath.txt)"
pg_url="${VIGIL_TEST_PG_URL-jdbc:postgresql://127.0.0.1:5432/test}"
# The nine-results content is found relative to vigil-server, as in its tests.
cd vigil-server
exec java ${FANOUT_JAVA_OPTS:-} -Xms1g -Xmx1g -cp "$cp" dev.vigil.bench.FanoutBenchmark \
  "${1:-1000}" "${2:-250}" "${3:-3}" "${4:-2}" "${5:-20}" "${6:-200}" "${7:-100}" \
  "$pg_url" "${VIGIL_TEST_PG_USER:-postgres}" "${VIGIL_TEST_PG_PASSWORD:-}"
