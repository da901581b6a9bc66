#!/usr/bin/env bash
# Index an SSG datastream with vigil's ContentIndexer in a warm JVM and compare with `oscap info`.
# Usage: bench/index-bench.sh [datastream.xml] [warm-ups] [measured runs]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
exec java -Xms64m -Xmx64m -cp "bench/target/classes:vigil-scap/target/classes" \
  dev.vigil.bench.IndexBenchmark "$@"
