#!/usr/bin/env bash
# ARF ingest as Vigil records a scan (parse + compact store: datastream cut out, rest compressed,
# rule result codes) on an H2 file database inside the real application, against baselines in the
# same run: ArfReader parse only, gzip of the raw ARF, parse + the whole ARF into the blob store.
# Prints median MB/s of raw ARF, ratios and bytes stored per scan / raw ARF.
# The ARF is made once with oscap and reused from bench/target.
# Usage: bench/ingest-bench.sh [datastream.xml] [profile id] [warm-ups] [measured runs]
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
work="$(mktemp -d /tmp/vigil-ingestbench.XXXXXX)"
trap 'rm -rf -- "$work"' EXIT
# The package is fetched from a file: URL, so the datastream is copied where the bench may read it.
mkdir -p "$work/content"
cp "$ds" "$work/content/"
java ${INGEST_JAVA_OPTS:-} -Xms512m -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.IngestBenchmark "$arf" "$work/content/$(basename "$ds")" "$work/run" \
  "${3:-15}" "${4:-15}"
