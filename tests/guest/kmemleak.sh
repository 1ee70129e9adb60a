#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A kmemleak scan, as a TAP program for tests/guest/run, which runs it last
# on a kernel with kmemleak (the debug flavor).  A leak is only reported
# once it is old enough (kmemleak's minimum age, 5 s) and unreferenced in a
# scan: wait, then scan twice.
KMEMLEAK=/sys/kernel/debug/kmemleak
MIN_AGE_S=6
SHOWN_LINES=40

echo 1..1
sleep "$MIN_AGE_S"
echo scan >"$KMEMLEAK"
echo scan >"$KMEMLEAK"
if [ -s "$KMEMLEAK" ]; then
	echo "not ok 1 - guest: kmemleak finds no leak"
	head -n "$SHOWN_LINES" "$KMEMLEAK" | sed 's/^/#   /'
	exit 1
fi
echo "ok 1 - guest: kmemleak finds no leak"
