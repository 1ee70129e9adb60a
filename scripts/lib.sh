# SPDX-License-Identifier: GPL-2.0-only
# Shared settings and helpers for the project's scripts; sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${BLA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bpf-lsm-audit}
KSRC_TARBALL=${KSRC_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
KSRC=$CACHE/linux
FLAVOR=${FLAVOR:-base}
KBUILD=$CACHE/build-$FLAVOR
TOOLS=$CACHE/tools
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
