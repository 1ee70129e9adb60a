#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The example records in docs/*.md must be records that the tests or the
# examples expect, so that the documentation cannot drift from them.
#
# Every line of a fenced code block in docs/*.md that contains "prog-id="
# is an example record.  What follows its comm="..." field must be, whole,
# one of:
#
#   - a C string literal of a test in C: tests/test_*.c, the selftests'
#     runner (tests/selftests) and the C files that the series' patches add
#     under tools/testing/selftests (after C unescaping), where
#     %d, %u, %lu (and %i, %ld, %llu, ...) stand for a run of digits
#     and %s for a run of characters other than a quote or a space;
#   - the part after comm=\"...\" of a record pattern of the example
#     policies' runs, examples/runs.sh, which the demo shows and
#     tests/guest/examples.sh checks (an extended regex in which a shell
#     variable stands for a number).
#
# Another document is never a source: a record is documented only once a
# test or an example's run expects it.
#
# Two kinds of lines are special:
#
#   - auditd removes a trailing space from a record when it writes it
#     (format_raw() in auditd-event.c), so a line in auditd's log form,
#     "type=UNKNOWN[1427] msg=audit(...)", may lack the trailing space of
#     "capability=N ";
#   - lines that ausearch -i printed (their time stamp reads
#     "msg=audit(11/14/23 ...") carry interpreted values, not records, and
#     are only counted; so are the kernel's "type=BPF" records of program
#     loads ("prog-id=N op=LOAD"), which are not 1427 records.
#
# One TAP line per docs file, after the plan.  DOCS_VERBOSE=1 names, as
# TAP comments, the source each example record was found in.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

. "$TOP/tests/lib/ktap.sh"
ktap_label host

shopt -s nullglob
docs=("$TOP"/docs/*.md)
if [ ${#docs[@]} -eq 0 ]; then
	ktap_set_plan 1
	not_ok "docs/*.md exist"
	ktap_finished
fi
ktap_set_plan ${#docs[@]}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The perl below checks each docs file and prints, for each, its verdict:
# "ok" or "not ok", a tab and what it found; the loop after it gives each
# verdict to ok or not_ok, which number it and print it as TAP, and passes
# on its other lines (the diagnostics, DOCS_VERBOSE's sources, a die's
# message) as they are.
perl - "$TOP" "${docs[@]}" >"$tmp/perl" 2>&1 <<'PERL'
use strict;
use warnings;

my ($top, @docs) = @ARGV;
my (@pats, $failed);
# Unbuffered, so that a die's message, on stderr, follows the last result.
$| = 1;

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "$f: $!\n";
	local $/;
	my $s = <$fh>;
	close($fh);
	return $s;
}

# C escape sequences of a string literal's body.
sub c_unescape {
	my ($s) = @_;
	my %simple = (n => "\n", t => "\t", r => "\r", a => "\a", b => "\b",
		      f => "\f", v => "\x0b", '"' => '"', "'" => "'",
		      '\\' => '\\', '?' => '?');
	$s =~ s{\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)}{
		my $e = $1;
		$e =~ /^x/ ? chr(hex(substr($e, 1))) :
		$e =~ /^[0-7]/ ? chr(oct($e)) :
		exists $simple{$e} ? $simple{$e} : $e
	}ge;
	return $s;
}

# A printf format as a regex: integer conversions match a number.
sub format_regex {
	my ($s) = @_;
	my $re = '';
	for my $tok (split(/(%%|%s|%(?:hh|h|ll|l|z|j|t)?[diu])/, $s)) {
		if ($tok eq '%%') {
			$re .= '%';
		} elsif ($tok eq '%s') {
			$re .= '[^" ]*';
		} elsif ($tok =~ /^%.*[di]$/) {
			$re .= '-?[0-9]+';
		} elsif ($tok =~ /^%/) {
			$re .= '[0-9]+';
		} else {
			$re .= quotemeta($tok);
		}
	}
	return $re;
}

# 1. String literals of the tests in C; adjacent literals are joined.
my @c_tests = map { s{^\Q$top\E/}{}r }
	(glob("$top/tests/test_*.c"), glob("$top/tests/selftests/*.c"));
# The selftests the series adds: the C files of its patches, as added.
my %patched;
for my $patch (glob("$top/kernel/patches/*/*.patch")) {
	my $file;
	for my $line (split(/\n/, slurp($patch))) {
		if ($line =~ m{^\+\+\+ b/(tools/testing/selftests/\S+\.c)$}) {
			my $path = $1;
			$file = ($patch =~ s{^\Q$top\E/}{}r) . ":$path";
			$patched{$file} //= '';
		} elsif ($line =~ /^(?:diff|\+\+\+|---) /) {
			undef $file;
		} elsif (defined $file && $line =~ /^\+(.*)$/) {
			$patched{$file} .= "$1\n";
		}
	}
}
push(@c_tests, sort keys %patched);
die "no tests in C to read records from\n" unless @c_tests;
for my $f (@c_tests) {
	my $src = exists $patched{$f} ? $patched{$f} : slurp("$top/$f");
	my (@lits, $cur);
	while ($src =~ m{\G(?:("(?:[^"\\\n]|\\.)*")|(/\*.*?\*/|//[^\n]*|'(?:[^'\\\n]|\\.)*')|(\s+)|(.))}gs) {
		if (defined $1) {
			$cur = '' unless defined $cur;
			$cur .= c_unescape(substr($1, 1, -1));
		} elsif (defined $3) {
			next;
		} elsif (defined $cur) {
			push(@lits, $cur);
			undef $cur;
		}
	}
	push(@lits, $cur) if defined $cur;
	push(@pats, map { [format_regex($_), $f] } @lits);
}

# 2. Record patterns of the examples' runs: "$ID comm=\"NAME\"REST".
{
	my $f = "examples/runs.sh";
	for my $line (split(/\n/, slurp("$top/$f"))) {
		while ($line =~ /"\$ID comm=\\"[^"\\]*\\"((?:[^"\\]|\\.)*)"/g) {
			my $rest = $1;
			my $re = '';
			while ($rest =~ /\G(?:\\(.)|\$\{?[A-Za-z_][A-Za-z_0-9]*\}?|(.))/gs) {
				if (defined $1) {
					$re .= $1 eq '$' ? '$' : quotemeta($1);
				} elsif (defined $2) {
					$re .= $2;
				} else {
					$re .= '[0-9]+';
				}
			}
			$re =~ s/\$$//;
			push(@pats, [$re, $f]);
		}
	}
}

sub known {
	my ($tail) = @_;
	for my $p (@pats) {
		return $p->[1] if $tail =~ /^(?:$p->[0])$/;
	}
	return undef;
}

$failed = 0;
for my $doc (@docs) {
	(my $name = $doc) =~ s{^\Q$top\E/}{};
	my ($fence, $records, $other, @bad) = ('', 0, 0);
	my $lineno = 0;
	for my $line (split(/\n/, slurp($doc), -1)) {
		$lineno++;
		if ($line =~ /^\s*(`{3,}|~{3,})/) {
			my $mark = substr($1, 0, 1);
			if ($fence eq '') {
				$fence = $mark;
			} elsif ($fence eq $mark) {
				$fence = '';
			}
			next;
		}
		next if $fence eq '' || $line !~ /prog-id=/;
		if ($line =~ m{msg=audit\(\d+/\d+/\d+ } ||
		    $line =~ /\btype=BPF msg=audit\(/) {
			$other++;
			next;
		}
		$records++;
		if ($line !~ /\bprog-id=\d+ pid=\d+ comm=(?:"[^"]*"|[0-9A-F]+)(.*)$/) {
			push(@bad, "$lineno: no prog-id= pid= comm= prefix: $line");
			next;
		}
		my $tail = $1;
		my $from = known($tail);
		if (!defined $from && $tail !~ / $/ &&
		    $line =~ /^type=UNKNOWN\[1427\] msg=audit\(/) {
			$from = known("$tail ");
		}
		if (!defined $from) {
			push(@bad, "$lineno: matches no expected record: $tail");
		} elsif ($ENV{DOCS_VERBOSE}) {
			print "# $name:$lineno: $from\n";
		}
	}
	my $what = $records ?
		"$name: $records example record(s) are expected by the tests or examples" :
		"$name: no example records";
	$what .= " ($other ausearch -i or type=BPF line(s) not compared)" if $other;
	if (@bad || $fence ne '') {
		$failed++;
		print "not ok\t$what\n";
		print "#   unterminated code fence\n" if $fence ne '';
		print "#   $name:$_\n" for @bad;
	} else {
		print "ok\t$what\n";
	}
}
exit($failed ? 1 : 0);
PERL
rc=$?
tab=$'\t'
while IFS= read -r line; do
	case $line in
	"ok$tab"*) ok "${line#*"$tab"}" ;;
	"not ok$tab"*) not_ok "${line#*"$tab"}" ;;
	*) printf '%s\n' "$line" ;;
	esac
done <"$tmp/perl"
# Above 1, perl died before its last result: the short count fails it.
[ $rc -le 1 ] || echo "# docs check: perl exited $rc"
ktap_finished
