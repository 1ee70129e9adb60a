#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# On a kernel without the series (the pristine flavor, whose suite
# scripts/check makes this alone): every example loads, still enforces its
# policy, makes no record and says once that the kernel lacks the audit
# kfuncs (tests/guest/examples.sh --pristine, which states the plan).  A
# TAP program for tests/guest/run.
exec bash "$(dirname "$0")/examples.sh" --pristine
