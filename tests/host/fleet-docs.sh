#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The section "Shipping records to a collector" of docs/reading.md stays
# true: its configuration is what make demo-fleet uses, and its commands
# print what it shows.
#
# In that section:
#   - a code block of "key = value" lines is configuration: each line must
#     be one that tests/guest/fleet-node.sh writes ($PORT, $NODE,
#     $COLLECTOR and $depth read as the values fleet-node.sh gives them
#     and scripts/fleet's default queue);
#   - a code block after a paragraph that ends with "`NAME`:" is the file
#     NAME, which the commands read;
#   - a code block of "$ COMMAND" lines, each followed by its output, is
#     run in a directory with those files, with the stock tools (/sbin) or
#     the patched ones ($CACHE/audit-userspace/sbin) as the heading above
#     it says, TZ=UTC and LC_ALL=C; the output must be the one shown (with
#     trailing spaces stripped: ausearch -i ends records with one).
# One TAP line per configuration block and per command.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

export TZ=UTC LC_ALL=C
DOC=$TOP/docs/reading.md
SECTION="## Shipping records to a collector"
PATCHED=$CACHE/audit-userspace/sbin
STOCK=/sbin

. "$TOP/tests/lib/ktap.sh"
ktap_label "host: fleet docs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/files" "$tmp/blocks"

# The section's blocks, one file each in $tmp/blocks: N.config, N.file
# (its first line the file's name), N.stock or N.patched (commands).
perl - "$DOC" "$SECTION" "$tmp/blocks" <<'PERL' || { ktap_set_plan 1; not_ok "$SECTION in docs/reading.md"; ktap_finished; }
use strict;
use warnings;
my ($doc, $section, $out) = @ARGV;
open(my $fh, '<', $doc) or die "$doc: $!\n";
my ($in, $heading, $prose, $fence, @block, $n) = (0, '', '', 0);
$n = 0;
while (my $line = <$fh>) {
	chomp $line;
	if (!$fence && $line =~ /^## /) {
		$in = $line eq $section;
		next;
	}
	next unless $in;
	if ($line =~ /^```/) {
		if (!$fence) {
			$fence = 1;
			@block = ();
			next;
		}
		$fence = 0;
		$n++;
		my ($kind, $name);
		if (@block && $block[0] =~ /^\$ /) {
			$kind = $heading =~ /stock tools/ ? 'stock' :
				$heading =~ /patched tools/ ? 'patched' :
				die "commands under '$heading': stock or patched tools?\n";
		} elsif (@block && !grep { !/^[a-z_]+ = \S/ } @block) {
			$kind = 'config';
		} elsif ($prose =~ /`([^`\/]+)`:$/) {
			($kind, $name) = ('file', $1);
		} else {
			next;
		}
		open(my $o, '>', sprintf("%s/%02d.%s", $out, $n, $kind)) or die "$!\n";
		print $o "$name\n" if defined $name;
		print $o "$_\n" for @block;
		close($o);
		next;
	}
	if ($fence) {
		push(@block, $line);
	} elsif ($line =~ /^###? /) {
		$heading = $line;
	} elsif ($line =~ /\S/) {
		$prose = $line;
	}
}
die "no section '$section'\n" unless $n;
PERL

# The configuration fleet-node.sh writes, as it writes it.
depth=$(sed -n 's/^queue=\([0-9]*\)$/\1/p' "$TOP/scripts/fleet")
value() { sed -n "s/^$1=\\([0-9A-Za-z.-]*\\)\$/\\1/p" "$TOP/tests/guest/fleet-node.sh"; }
sed -e "s/\\\$PORT/$(value PORT)/g" -e "s/\\\$NODE/$(value NODE)/g" \
	-e "s/\\\$COLLECTOR/$(value COLLECTOR)/g" -e "s/\\\$depth/$depth/g" \
	"$TOP/tests/guest/fleet-node.sh" >"$tmp/written"

for f in "$tmp"/blocks/*.file; do
	[ -e "$f" ] || continue
	tail -n +2 "$f" >"$tmp/files/$(head -n 1 "$f")"
done

# The plan, before the results: one for each configuration block and one
# for each command, the lines that start with "$ ".
plan=0
for f in "$tmp"/blocks/*; do
	case $f in
	*.config) plan=$((plan + 1)) ;;
	*.stock|*.patched) plan=$((plan + $(grep -c '^\$ ' "$f"))) ;;
	esac
done
ktap_set_plan "$plan"
for f in "$tmp"/blocks/*; do
	case $f in
	*.config)
		first=$(head -n 1 "$f")
		if missing=$(grep -vxF -f "$tmp/written" "$f"); then
			not_ok "configuration ($first ...) is not what fleet-node.sh writes: $(echo $missing)"
		else
			ok "configuration ($first ...) is what fleet-node.sh writes"
		fi ;;
	*.stock|*.patched)
		tools=$STOCK
		[ "${f##*.}" = patched ] && tools=$PATCHED
		# Each "$ COMMAND" and the lines up to the next.
		awk -v dir="$tmp/cmd" 'BEGIN { n = 0 }
			/^\$ / { n++; f = sprintf("%s.%02d", dir, n); print substr($0, 3) >(f ".sh"); printf "" >(f ".want"); next }
			{ print >(f ".want") }' "$f"
		for c in "$tmp"/cmd.*.sh; do
			cmd=$(cat "$c")
			sed 's/ *$//' "${c%.sh}.want" >"$tmp/want"
			(cd "$tmp/files" && PATH=$tools:$PATH bash -c "$cmd" 2>&1) |
				sed 's/ *$//' >"$tmp/got"
			if [ ! -x "$tools/ausearch" ]; then
				not_ok "${f##*.}: $cmd (no tools in $tools)"
			elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
				ok "${f##*.}: $cmd"
			else
				not_ok "${f##*.}: $cmd"
				sed 's/^/#   /' "$tmp/diff"
			fi
		done
		rm -f "$tmp"/cmd.* ;;
	esac
done
ktap_finished
