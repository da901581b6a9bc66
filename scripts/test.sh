#!/usr/bin/env bash
# Runs Vigil's whole test suite: installs the Debian packages the tests need (when root or sudo
# allows), then the Maven build with every test and the formatter check. PostgreSQL tests run when
# a server answers at 127.0.0.1:5432 (or VIGIL_TEST_PG_URL); otherwise they skip with a message,
# except under CI=true where they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
exec mvn -B -ntp verify "$@"
