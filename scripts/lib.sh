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

# selftests_make KBUILD OUTPUT LOG TARGET...: builds TARGETs (test_progs,
# test_verifier) of upstream's BPF selftests in $KSRC into OUTPUT, against
# the kernel built in KBUILD (its vmlinux's BTF gives vmlinux.h, its
# Module.symvers bpf_testmod); make's output to LOG, whose errors are
# printed when it fails.  The caller holds $LOCK.
selftests_make()
{
	local kbuild=$1 output=$2 log=$3 bin t
	local targets=()

	shift 3
	for t in "$@"; do
		targets+=("$output/$t")
	done
	# 7.3's libarena is compiled with no -mcpu=, which clang-19 takes as
	# v1: its 32-bit cmpxchg is then an "unsupported atomic operation"
	# (LLVM 20 made v3 the default), and clang-19 also leaves a signed
	# modulo in test_buddy that only v4 has ("unsupported signed
	# division").  The wrapper gives BPF compiles without -mcpu= v4,
	# which the x86-64 JITs of 6.12 and 7.3 support; test_progs' own
	# programs name v3, later on the command line, and keep it.
	bin=${output%/*}/bin
	mkdir -p "$bin" "$output"
	cat >"$bin/clang" <<WRAP
#!/bin/sh
case " \$* " in
*" --target=bpf"*|*" -target bpf"*) exec $CLANG -mcpu=v4 "\$@" ;;
esac
exec $CLANG "\$@"
WRAP
	chmod +x "$bin/clang"
	# Tests that the kernel's source package ships without what they
	# need, set aside for the build (test_progs builds every file of
	# prog_tests/) and put back after it: 6.12.118's bpf_attr_size.c, a
	# stable backport, includes a skeleton of a program that the
	# backport left out (progs/cgroup_skb_direct_packet_access.c).
	# selftests_put_back undoes a build that was killed.
	local aside=() f rc=0 pahole
	case $KVER in
	6.12) aside=(prog_tests/bpf_attr_size.c) ;;
	esac
	pahole=$("$TOP/scripts/pahole") || return 1
	selftests_put_back "$KSRC" || return 1
	for f in "${aside[@]}"; do
		f=$KSRC/tools/testing/selftests/bpf/$f
		mv "$f" "$f.bla-aside" || return 1
		echo "# set aside for the build, as shipped without its program: ${f#"$KSRC"/}" >&2
	done
	# The test objects' dependency files name the skeletons relative to
	# OUTPUT, where they are compiled; 7.3's Makefile tells make to look
	# for them there (vpath), 6.12's does not, and a second build then
	# finds "no rule to make target" for them.  The same lines, read
	# after the Makefile, for both.
	printf 'vpath %%.%s $(OUTPUT)\n' skel.h lskel.h subskel.h >"$bin/vpath.mk"
	# A dependency file that names a file which no longer exists (at an
	# earlier step of scripts/series-check, a header that a later patch
	# adds) stops make with "no rule to make target": drop it with its
	# object, which is then compiled again, and the file made anew.
	python3 - "$output" <<'PY' || { selftests_put_back "$KSRC"; return 1; }
import glob, os, sys

out = sys.argv[1]
for dep in glob.glob(os.path.join(out, "*.d")):
    with open(dep) as f:
        text = f.read().replace("\\\n", " ")
    targets, _, prereqs = text.partition(":")
    if any(not os.path.exists(os.path.join(out, p)) for p in prereqs.split()):
        for obj in targets.split() + [dep[:-2] + ".o"]:
            if os.path.exists(os.path.join(out, obj)):
                os.unlink(os.path.join(out, obj))
        os.unlink(dep)
PY
	make -s -C "$KSRC/tools/testing/selftests/bpf" -f Makefile -f "$bin/vpath.mk" \
		O="$kbuild" OUTPUT="$output" CLANG="$bin/clang" LLC=llc-19 \
		LLVM_STRIP="$LLVM_STRIP" LLVM_OBJCOPY=llvm-objcopy-19 \
		PAHOLE="$pahole" -j"$(nproc)" \
		"${targets[@]}" >"$log" 2>&1 || rc=$?
	selftests_put_back "$KSRC" || return 1
	if [ $rc != 0 ]; then
		grep -E 'error|Error' "$log" | head -30 >&2
		return 1
	fi
}

# selftests_put_back TREE: puts back the tests that selftests_make set
# aside in TREE, were its build killed before it could.  Fails, naming
# the file, if one cannot be put back.
selftests_put_back()
{
	local f

	while IFS= read -r -d '' f; do
		mv "$f" "${f%.bla-aside}" ||
			{ echo "error: cannot put back ${f%.bla-aside}" >&2; return 1; }
	done < <(find "$1/tools/testing/selftests/bpf" -name '*.bla-aside' -print0 2>/dev/null)
}
