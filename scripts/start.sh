#!/usr/bin/env bash
# Builds Vigil, starts it on its embedded H2 database and runs a first scan of this host.
#
# - Installs what is missing (JDK 17, Maven, OpenSCAP, the SCAP Security Guide; as root or through
#   sudo), builds Vigil unless its jar is newer than every source, and starts it on
#   http://localhost:${VIGIL_PORT:-8080}/ with its data in ${VIGIL_DATA_DIR:-./data}.
# - On the first start Vigil registers this host as a local server, the SCAP Security Guide
#   datastream for this OS as a security package (when the installed guide has none, the upstream
#   SCAP Security Guide release archive, VIGIL_QUICKSTART_UPSTREAM_URL or its default, and its
#   datastream for this OS; when that fetch fails or it has none, the project's own Linux baseline
#   in quickstart/), makes the job "First scan" and executes it once. This script waits for that
#   scan and prints its summary (with which content was scanned and why), the URL and how to log in.
# - The first start creates the user 'admin': with VIGIL_ADMIN_PASSWORD when set, otherwise with a
#   generated password printed once in the log, which this script shows.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
scripts/install-deps.sh
jar="vigil-server/target/vigil-server-0.1.0-SNAPSHOT-exec.jar"
if [ ! -f "$jar" ] || [ -n "$(find pom.xml vigil-scap vigil-server -path '*/target' -prune \
    -o -type f -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building Vigil (a minute or two the first time)..."
  mvn -B -ntp -q package -DskipTests
fi
port="${VIGIL_PORT:-8080}"
data="${VIGIL_DATA_DIR:-$repo/data}"
mkdir -p "$data"
log="$data/vigil.log"
ssg=/usr/share/xml/scap/ssg/content
echo "Starting Vigil on http://localhost:${port}/ (log: $log)"
# the log is appended to: only what this start writes counts (not an earlier start's summary)
from=$(( $( (stat -c %s "$log" 2>/dev/null) || echo 0) + 1 ))
upstream=()
if [ -n "${VIGIL_QUICKSTART_UPSTREAM_URL+set}" ]; then
  upstream=("--vigil.quickstart.upstream-url=${VIGIL_QUICKSTART_UPSTREAM_URL}")
fi
VIGIL_PORT="$port" VIGIL_DATA_DIR="$data" java -jar "$jar" \
  --vigil.quickstart.first-scan=true "${upstream[@]}" \
  --vigil.quickstart.baseline="$repo/quickstart/vigil-linux-baseline-ds.xml" \
  --vigil.packages.allowed-file-roots="$ssg,$repo/quickstart" \
  >>"$log" 2>&1 &
pid=$!
up=""
for _ in $(seq 1 180); do
  if curl -fs "http://localhost:${port}/actuator/health" >/dev/null 2>&1; then up=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "Vigil stopped; see $log" >&2; exit 1; fi
  sleep 1
done
if [ -z "$up" ]; then
  echo "Vigil (pid $pid) did not answer on port $port within 3 minutes; see $log" >&2
  exit 1
fi
echo "Vigil is up; waiting for the first scan of this host..."
wait_s="${VIGIL_FIRST_SCAN_WAIT:-1800}"
summary=""
for _ in $(seq 1 "$wait_s"); do
  summary="$(tail -c +"$from" "$log" | grep -a "Vigil first scan: " | tail -n 1 \
    | sed 's/.*Vigil first scan: //')" || true
  if [ -n "$summary" ]; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "Vigil stopped; see $log" >&2; exit 1; fi
  sleep 1
done
echo
echo "First scan: ${summary:-not finished yet; follow it under Provisioning -> Jobs -> Job Executions}"
echo
echo "Vigil is running (pid $pid): http://localhost:${port}/"
echo "  the scan: Infrastructure -> Hosts -> this host -> Security; the job: Provisioning -> Jobs"
if [ -n "${VIGIL_ADMIN_PASSWORD:-}" ]; then
  echo "Log in as 'admin' with the password in VIGIL_ADMIN_PASSWORD."
elif grep -q "created with password" "$log"; then
  grep "created with password" "$log" | tail -n 1 | sed 's/.*Vigil first start: /Log in: /'
else
  echo "Log in as 'admin' with the password printed at Vigil's first start."
fi
echo "Stop it with: kill $pid"
