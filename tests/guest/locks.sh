#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The selftests that race two tasks on a hook whose caller holds a lock
# (ptrace_access_check(), under the target's task lock), alone: scripts/check
# runs them under multi-threaded TCG, where the guest's vCPUs really run
# at the same time, on the kernels with lockdep.
set -u
cd "$(dirname "$0")/../.."
exec "build/selftests/$(uname -r | cut -d. -f1,2)/lsm_audit_kfuncs" \
	-t lsm_audit_kfuncs/ptrace_locked
