#!/bin/sh
# lib/progress.c: months, terms and the levels at the end of each (tests/unit/test-progress.c).
exec "$LP_BUILD/tests/test-progress" 2>/dev/null
