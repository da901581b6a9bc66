#!/usr/bin/env bash
# Re-encrypts every credential secret with a new master key, then exits.
# Usage: scripts/rotate-master-key.sh /secure/path/new.key   (created with a random key when missing)
# Run it with Vigil stopped and with the same database settings (VIGIL_DATA_DIR or the postgres
# profile's VIGIL_DB_*) and the same current key (data/master.key or VIGIL_MASTER_KEY) as Vigil.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 NEW_KEY_FILE" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
jar="vigil-server/target/vigil-server-0.1.0-SNAPSHOT-exec.jar"
[ -f "$jar" ] || mvn -B -ntp -q package -DskipTests
exec java -jar "$jar" \
  --vigil.inventory.rotate-master-key="$1" \
  --spring.main.web-application-type=none \
  --vigil.scheduler.enabled=false \
  "${@:2}"
