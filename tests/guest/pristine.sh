#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# On a kernel without the series (the pristine flavor): every example
# loads, still enforces its policy, makes no record and says once that the
# kernel lacks the audit kfuncs (examples/demo.sh --pristine).  A TAP
# program for tests/guest/run; the demo prints no plan of its own.
EXAMPLES=9
echo "1..$EXAMPLES"
exec "$(dirname "$0")/../../examples/demo.sh" --pristine
