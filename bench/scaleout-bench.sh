#!/usr/bin/env bash
# Scale-out: the fleet benchmark (bench/fleet-bench.sh) with one node, then two nodes, each a JVM
# of its own held to one core's worth by a cgroup v1 CPU quota (/sys/fs/cgroup/cpu/vigil-bench-<n>,
# cpu.cfs_quota_us = cpu.cfs_period_us = 100000; removed afterwards), PostgreSQL unconstrained, the
# same database: targets/hour of two nodes / one node (goal 1.8) and CPU-ms per target run of each.
# Per node 32 scan slots and 36 scheduler threads by default (the pool has 30 connections, and two
# nodes must fit PostgreSQL's 100), job max parallel 64: more slots than one core can feed.
# Usage: bench/scaleout-bench.sh [same arguments as fleet-bench.sh]
set -euo pipefail
[ -w /sys/fs/cgroup/cpu ] || { echo "scaleout-bench needs a writable /sys/fs/cgroup/cpu (cgroup v1, root)" >&2; exit 1; }
FLEET_MODE=scale-out exec bash "$(dirname "$0")/fleet-bench.sh" "$@"
