# SPDX-License-Identifier: GPL-2.0-only
# Shared settings and helpers for the project's scripts; sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${BLA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bpf-lsm-audit}
# The kernel a script works on: 7.3 (mainline, the default) or 6.12 (LTS
# backport).  Each has its own patch series, source tree and builds.
KVER=${KVER:-7.3}
FLAVOR=${FLAVOR:-base}

# set_kernel VERSION FLAVOR: point KSRC, KBUILD, PATCHES, KSRC_TARBALL at
# one kernel.  The userspace tools (libbpf, bpftool, vmlinux.h) always come
# from the 7.3 tree: one set of BPF objects runs on both kernels.
set_kernel()
{
	KVER=$1
	FLAVOR=$2
	case $KVER in
	7.3) KSRC_TARBALL=$CACHE/src-7.3/usr/src/linux-source-7.3.tar.xz ;;
	6.12) KSRC_TARBALL=/usr/src/linux-source-6.12.tar.xz ;;
	*) die "unknown kernel '$KVER' (7.3 or 6.12)" ;;
	esac
	KSRC=$CACHE/linux-$KVER
	KBUILD=$CACHE/build-$KVER-$FLAVOR
	PATCHES=$TOP/kernel/patches/$KVER
}
TOOLS=$CACHE/tools
# What a kernel log says when the kernel warned or crashed.
SPLAT_RE='BUG:|WARNING:|Oops|general protection|kernel BUG|KASAN|UBSAN|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|Call Trace:'
LOCK=$CACHE/lock
CLANG=${CLANG:-clang-19}
LLVM_STRIP=${LLVM_STRIP:-llvm-strip-19}

stage_start=$SECONDS

# say STAGE MESSAGE: one progress line per step of long work.
say()
{
	printf '[%s] %s\n' "$1" "$2"
}

# stage_done STAGE: closes a stage with the seconds it took.
stage_done()
{
	say "$1" "done in $((SECONDS - stage_start)) s"
	stage_start=$SECONDS
}

die()
{
	printf 'error: %s\n' "$*" >&2
	exit 1
}

set_kernel "$KVER" "$FLAVOR"

# hash_of FILE...: one stable digest over the contents of FILEs (missing
# files hash as absent, so adding one changes the digest).
hash_of()
{
	local f

	for f in "$@"; do
		printf '%s\n' "${f##*/}"
		if [ -e "$f" ]; then cat "$f"; else echo '<absent>'; fi
	done | sha256sum | cut -c1-16
}
