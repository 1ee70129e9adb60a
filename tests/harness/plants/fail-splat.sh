# SPDX-License-Identifier: GPL-2.0-only
# Planted by tests/harness/vm.sh as a guest's whole suite: one test
# passes, one fails with a diagnostic, and the kernel log gets a splat.
echo 1..2
echo "ok 1 - planted: one"
echo "# planted: the diagnostic of two"
echo "not ok 2 - planted: two"
echo "BUG: planted by tests/harness/vm.sh" >/dev/kmsg
exit 1
