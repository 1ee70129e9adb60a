# SPDX-License-Identifier: GPL-2.0-only
#
# The shell tests' TAP lines, written by the kernel tree's own helpers
# (tools/testing/selftests/kselftest/ktap_helpers.sh of the 7.3 tree that
# make kernel unpacks into the cache), with the project's "ok N - LABEL:
# what" form.  Sourced after scripts/lib.sh:
#
#   ktap_label "host: harness"    the prefix of every description
#   ktap_set_plan N               "1..N"
#   ok WHAT / not_ok WHAT         one result
#   check WHAT FILE TEXT          ok if a line of FILE starts with TEXT,
#                                 else not ok and FILE's last lines
#   ktap_failed                   true if a result so far failed
KTAP_HELPERS=$CACHE/linux-7.3/tools/testing/selftests/kselftest/ktap_helpers.sh
if [ ! -f "$KTAP_HELPERS" ]; then
	echo "Bail out! no $KTAP_HELPERS: run make kernel"
	exit 1
fi
# shellcheck source=/dev/null
. "$KTAP_HELPERS"

KTAP_LABEL=
ktap_label() { KTAP_LABEL=$1; }

# ktap_helpers.sh echoes a description unquoted: no file name expansion
# of it while it does ("local -" restores the option).
ok()
{
	local -
	set -f
	ktap_test_pass "- $KTAP_LABEL: $1"
}

not_ok()
{
	local -
	set -f
	ktap_test_fail "- $KTAP_LABEL: $1"
}

ktap_failed() { [ "$KTAP_CNT_FAIL" -gt 0 ]; }

check()
{
	if awk -v s="$3" 'index($0, s) == 1 { found = 1 } END { exit !found }' "$2"; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   no line: $3"
		sed 's/^/#   | /' "$2" | tail -n 40
	fi
}
