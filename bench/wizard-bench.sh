#!/usr/bin/env bash
# The job wizard's target step with 10 (baseline), 1,000 and 5,000 servers: GET
# /provisioning/jobs/new/details as a signed-in page session over HTTP, H2 file database, real
# application; median and p95. Needs ssg-firefox-ds.xml (ssg-nondebian).
# Usage: bench/wizard-bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl bench -am package -DskipTests
work="$(mktemp -d /tmp/vigil-wizardbench.XXXXXX)"
trap 'rm -rf -- "$work"' EXIT
java -Xms512m -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vigil.bench.WizardBenchmark "$work" "${1:-40}"
