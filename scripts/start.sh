#!/usr/bin/env bash
# Builds Vigil and starts it on its embedded H2 database under ./data, on http://localhost:8080.
# The first start creates the user 'admin'; its password is VIGIL_ADMIN_PASSWORD when set,
# otherwise a generated one printed once in the log (data/vigil.log).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "Building Vigil (a minute or two the first time)..."
mvn -B -ntp -q package -DskipTests
port="${VIGIL_PORT:-8080}"
mkdir -p data
echo "Starting Vigil on http://localhost:${port}/ (log: data/vigil.log)"
java -jar vigil-server/target/vigil-server-0.1.0-SNAPSHOT-exec.jar >data/vigil.log 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -fs "http://localhost:${port}/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "Vigil stopped; see data/vigil.log" >&2; exit 1; fi
  sleep 1
done
echo
echo "Vigil is running (pid $pid): http://localhost:${port}/"
if [ -n "${VIGIL_ADMIN_PASSWORD:-}" ]; then
  echo "Log in as 'admin' with the password in VIGIL_ADMIN_PASSWORD."
elif grep -q "created with password" data/vigil.log; then
  grep "created with password" data/vigil.log | sed 's/.*Vigil first start: /Log in: /'
else
  echo "Log in as 'admin' with the password printed at Vigil's first start."
fi
echo "Stop it with: kill $pid"
