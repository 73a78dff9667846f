#!/bin/sh
# lib/utf8.c: display width and control-character quoting, unit-tested
# in C (tests/unit/test-utf8.c).
exec "$LP_BUILD/tests/test-utf8" 2>/dev/null
