#!/usr/bin/env bash
# Runs every benchmark, one after the other, each with its defaults, and keeps each one's output in
# bench/target/results/<name>.txt (the tables are at the end of each). About 60 minutes on 2 cores
# (fleet and scaleout take about 35 of them; scaleout needs root for its cgroups).
# Usage: bench/run-all.sh [names...]   (default: index arf scan ingest latency fleet-views input wizard fanout fleet scaleout)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/target/results
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(index arf scan ingest latency fleet-views input wizard fanout fleet scaleout)
status=0
for n in "${names[@]}"; do
  out="bench/target/results/$n.txt"
  echo "== $n-bench ($(date -u +%H:%M:%S)) -> $out"
  if ! bash "bench/$n-bench.sh" >"$out" 2>&1; then
    echo "   $n-bench failed; see $out" >&2
    status=1
  fi
done
exit $status
