#!/bin/sh
# SCE check for the nine-results test content: always reports "error".
exit "$XCCDF_RESULT_ERROR"
