#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The selftests of hooks whose callers hold a task lock, alone (the
# subtests named *_locked: ptrace_access_check() under the target's task
# lock, raced by two tasks; task_setrlimit() under the caller's leader's).
# scripts/check runs them under multi-threaded TCG, where the guest's
# vCPUs really run at the same time, on the kernels with lockdep.
set -u
cd "$(dirname "$0")/../.."
exec "build/selftests/$(uname -r | cut -d. -f1,2)/lsm_audit_kfuncs" \
	-t lsm_audit_kfuncs/_locked
