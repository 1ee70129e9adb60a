#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo in its checking mode (examples/demo.sh --tap) as a TAP program,
# for tests/guest/run.  The demo prints no plan of its own: this states
# it, so that a demo that stops early is a short count.  It makes one
# result per run of an example (nine runs of the six: its record, and that the verdict the trigger met is
# the record's decision=) and four of the audit tools (ausearch -m 1427,
# the SYSCALL records' serials, auparse, the patched ausearch).
set -u
EXAMPLES=9
TOOL_CHECKS=4
echo "1..$((EXAMPLES + TOOL_CHECKS))"
exec "$(dirname "$0")/../../examples/demo.sh" --tap
