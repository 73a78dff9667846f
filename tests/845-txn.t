#!/bin/sh
# lib/commit.c's write journal (lib/txn.h): a failed or abandoned
# transaction puts every file back, unit-tested in C (tests/unit/test-txn.c).
exec "$LP_BUILD/tests/test-txn" 2>/dev/null
