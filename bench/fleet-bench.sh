#!/usr/bin/env bash
# Fleet on one node: one Vigil node in a JVM of its own, with the named scan double answering each
# target after 3 s with a unique copy (only its TestResult differs) of a real ARF that oscap wrote
# here for the SSG Debian 11 standard profile (8.3 MB), runs one job over 2,000 targets on
# PostgreSQL. Prints sustained targets/hour, the node's CPU (process CPU time / wall time, per core
# and for the machine), CPU-ms per target run, against the ingest of the same ARF alone (CPU-ms per
# ARF) measured in the same run. FLEET_MODE=scale-out (bench/scaleout-bench.sh): one node, then two
# nodes, each under a cgroup v1 CPU quota of one core (needs root and /sys/fs/cgroup/cpu).
# PostgreSQL: VIGIL_TEST_PG_URL (default 127.0.0.1:5432/test, user postgres); a throw-away database.
# The ARF and its HTML report are made once with oscap and kept in bench/target.
# Per node by default the shipped concurrency (20 scan slots, 24 scheduler threads), polling 200 ms.
# Usage: bench/fleet-bench.sh [targets] [scan ms] [scan slots per node] [scheduler threads]
#        [polling ms] [job max parallel] [datastream.xml] [profile id]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v oscap >/dev/null || { echo "fleet-bench needs oscap (openscap-scanner)" >&2; exit 1; }
mode="${FLEET_MODE:-fleet}"
ds="${7:-/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml}"
profile="${8:-xccdf_org.ssgproject.content_profile_standard}"
mvn -B -ntp -q -pl bench -am package -DskipTests
arf="bench/target/arf-$(basename "$ds" .xml)-${profile##*_profile_}.xml"
report="${arf%.xml}-report.html"
if [ ! -s "$arf" ] || [ ! -s "$report" ]; then
  rc=0
  oscap xccdf eval --profile "$profile" --results-arf "$arf.tmp" --report "$report.tmp" "$ds" \
    >/dev/null 2>&1 || rc=$?
  # 0: all selected rules passed (or none applied); 2: some rule failed. Both wrote an ARF.
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    echo "oscap xccdf eval failed with exit code $rc" >&2
    exit 1
  fi
  mv "$arf.tmp" "$arf"
  mv "$report.tmp" "$report"
fi
if [ "$mode" = scale-out ]; then
  defaults=(2000 3000 32 36 200 64)
else
  defaults=(2000 3000 20 24 200 20)
fi
exec java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.FleetBenchmark "$mode" \
  "${1:-${defaults[0]}}" "${2:-${defaults[1]}}" "${3:-${defaults[2]}}" "${4:-${defaults[3]}}" \
  "${5:-${defaults[4]}}" "${6:-${defaults[5]}}" "$arf" "$report" "$ds" "$profile" \
  "${VIGIL_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}" \
  "${VIGIL_TEST_PG_USER:-postgres}" "${VIGIL_TEST_PG_PASSWORD:-}"
