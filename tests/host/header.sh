#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# include/bpf_lsm_audit.h refuses, with its own #error, to be included
# before libbpf's <bpf/bpf_helpers.h> (whose bpf_ksym_exists() it needs),
# and compiles after it, with the Makefile's BPF_CFLAGS.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: header"
ktap_set_plan 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -ra bpf_cflags <<<"$(cd "$TOP" && make -qp -f Makefile 2>/dev/null |
	sed -n 's/^BPF_CFLAGS := //p' | head -1)"
MESSAGE='include <bpf/bpf_helpers.h> before bpf_lsm_audit.h'
if [ ${#bpf_cflags[@]} = 0 ]; then
	not_ok "the Makefile defines BPF_CFLAGS"
	ktap_finished
fi

# compile NAME: the file NAME.c of $tmp, with the Makefile's flags.
compile() { (cd "$TOP" && "$CLANG" "${bpf_cflags[@]}" -fsyntax-only "$tmp/$1.c" 2>&1); }

# refused NAME WHAT: NAME.c must fail with the header's message.
refused()
{
	local out

	if out=$(compile "$1"); then
		not_ok "$2: compiled"
	elif [[ $out == *"error: \"$MESSAGE\""* ]]; then
		ok "$2"
	else
		not_ok "$2: not with the header's #error"
		printf '%s\n' "$out" | head -n 5 | sed 's/^/#   /'
	fi
}

printf '#include "vmlinux.h"\n#include "bpf_lsm_audit.h"\n' >"$tmp/none.c"
refused none "refused without <bpf/bpf_helpers.h>"
printf '#include "vmlinux.h"\n#include "bpf_lsm_audit.h"\n#include <bpf/bpf_helpers.h>\n' \
	>"$tmp/after.c"
refused after "refused before <bpf/bpf_helpers.h>"
cat >"$tmp/good.c" <<'C'
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpf_lsm_audit.h"

int supported(void)
{
	return bpf_audit_log_supported();
}
C
if out=$(compile good); then
	ok "compiles after <bpf/bpf_helpers.h>"
else
	not_ok "compiles after <bpf/bpf_helpers.h>"
	printf '%s\n' "$out" | head -n 5 | sed 's/^/#   /'
fi
ktap_finished
