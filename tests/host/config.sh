#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The config check must turn an option that Kconfig drops into an error
# naming it, and must accept the project's own fragments.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label host
ktap_set_plan 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Synthetic: a dropped y, a wrong value, and a "not set" that got set.
cat >"$tmp/.config" <<'CFG'
CONFIG_A=y
CONFIG_B=m
CONFIG_C=y
CONFIG_E="x"
CFG
cat >"$tmp/frag" <<'CFG'
CONFIG_A=y
CONFIG_B=y
CONFIG_D=y
# CONFIG_C is not set
CONFIG_E="x"
CFG
out=$("$TOP/scripts/check-config" "$tmp/.config" "$tmp/frag" 2>&1)
rc=$?
want='  CONFIG_B: asked y, got m
  CONFIG_D: asked y, got n
  CONFIG_C: asked n, got y
error: olddefconfig dropped 3 option(s) asked for by '"$tmp/frag"
if [ $rc -eq 1 ] && [ "$out" = "$want" ]; then
	ok "check-config lists each dropped option"
else
	not_ok "check-config lists each dropped option"
	printf '#   rc=%s output:\n%s\n' "$rc" "$out" | sed 's/^/#   /'
fi

# 2. Real Kconfig: BPF_LSM cannot survive without BPF_SYSCALL.
if [ -f "$KBUILD/.config" ]; then
	mkdir -p "$tmp/o"
	printf 'CONFIG_BPF_LSM=y\n# CONFIG_BPF_SYSCALL is not set\n' >"$tmp/impossible.config"
	cp "$KBUILD/.config" "$tmp/o/.config"
	KCONFIG_CONFIG=$tmp/o/.config "$KSRC/scripts/kconfig/merge_config.sh" \
		-m -O "$tmp/o" "$tmp/o/.config" "$tmp/impossible.config" >/dev/null 2>&1
	make -s -C "$KSRC" O="$tmp/o" HOSTCC=gcc-12 olddefconfig >/dev/null 2>&1
	out=$("$TOP/scripts/check-config" "$tmp/o/.config" "$tmp/impossible.config" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && grep -qx '  CONFIG_BPF_LSM: asked y, got n' <<<"$out"; then
		ok "olddefconfig drops an impossible option and the check names it"
	else
		not_ok "olddefconfig drops an impossible option and the check names it"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi

	# 3. The project's fragments all survive in the built config: those
	# scripts/kernel merges for the base flavor, base.config and then the
	# kernel's own, which may override it.
	frags=("$TOP/kernel/config/base.config")
	[ -r "$TOP/kernel/config/$KVER.config" ] && frags+=("$TOP/kernel/config/$KVER.config")
	what="every option of ${frags[*]##*/} is in the built $KVER kernel"
	if out=$("$TOP/scripts/check-config" "$KBUILD/.config" "${frags[@]}" 2>&1); then
		ok "$what"
	else
		not_ok "$what"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
else
	not_ok "olddefconfig drops an impossible option (no $KBUILD/.config: run make kernel)"
	not_ok "kernel/config/base.config is in the built kernel (no $KBUILD/.config)"
fi
ktap_finished
