#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo in its checking mode (examples/demo.sh --tap) as a TAP program,
# for tests/guest/run.  The demo prints no plan of its own: this states
# it, so that a demo that stops early is a short count.  It makes one
# result per example and three of auditd's tools.
EXAMPLES=6
TOOL_CHECKS=3
echo "1..$((EXAMPLES + TOOL_CHECKS))"
exec "$(dirname "$0")/../../examples/demo.sh" --tap
