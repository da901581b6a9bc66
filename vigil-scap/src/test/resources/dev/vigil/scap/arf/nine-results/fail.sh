#!/bin/sh
# SCE check for the nine-results test content: always reports "fail".
exit "$XCCDF_RESULT_FAIL"
