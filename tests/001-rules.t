#!/bin/sh
# SPEC 6 rules, unit-tested in C (tests/unit/test-rules.c).
exec "$LP_BUILD/tests/test-rules" 2>/dev/null
