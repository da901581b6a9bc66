#!/bin/sh
# SCE check for the nine-results test content: fails until the rule's fix has run in this same
# oscap process (so `oscap xccdf eval --remediate` reports "fixed", and a plain eval "fail").
# State: one file in a private per-user directory, keyed by oscap's pid and start time.
key="$PPID $(cut -d' ' -f22 "/proc/$PPID/stat")"
if [ "$(cat "/tmp/vigil-nine-results-$(id -u)/fixed" 2>/dev/null)" = "$key" ]; then
  exit "$XCCDF_RESULT_PASS"
fi
echo "the fix has not run in this oscap process"
exit "$XCCDF_RESULT_FAIL"
