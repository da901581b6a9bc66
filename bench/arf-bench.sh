#!/usr/bin/env bash
# Read a real SSG ARF with vigil's ArfReader in a warm JVM and compare with a plain JDK StAX pass.
# The ARF is made once with oscap and reused from bench/target.
# Usage: bench/arf-bench.sh [datastream.xml] [profile id] [warm-ups] [measured runs]
set -euo pipefail
cd "$(dirname "$0")/.."
ds="${1:-/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml}"
profile="${2:-xccdf_org.ssgproject.content_profile_standard}"
mvn -B -ntp -q -pl bench -am package -DskipTests
arf="bench/target/arf-$(basename "$ds" .xml)-${profile##*_profile_}.xml"
if [ ! -s "$arf" ]; then
  rc=0
  oscap xccdf eval --profile "$profile" --results-arf "$arf.tmp" "$ds" >/dev/null 2>&1 || rc=$?
  # 0: all selected rules passed (or none applied); 2: some rule failed. Both wrote an ARF.
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    echo "oscap xccdf eval failed with exit code $rc" >&2
    exit 1
  fi
  mv "$arf.tmp" "$arf"
fi
exec java -Xms256m -Xmx256m -cp "bench/target/classes:vigil-scap/target/classes" \
  dev.vigil.bench.ArfBenchmark "$arf" "${3:-10}" "${4:-10}"
