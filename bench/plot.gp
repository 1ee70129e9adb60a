# SPDX-License-Identifier: GPL-2.0-only
#
# ns/op per variant, from bench's CSV: one bar per variant (median, with
# the min-max spread of its iterations), in a syscall audit context and
# without one; skipped variants have no bar.
#
# Usage: gnuplot -e "csv='bench-7.3.csv'; png='bench-7.3.png'; kver='7.3'" bench/plot.gp
# The CSV's columns: 1 variant, 3 ctx, 7 median, 8 min, 9 max.

set datafile separator ","
set terminal pngcairo size 1200,650 font "sans,10"
set output png
set title sprintf("kill(TARGET, 0) with each variant, Linux %s, qemu -icount (guest ns = instructions)", kver)
set ylabel "ns per operation (log scale)"
set logscale y
set yrange [100:500000]
set grid ytics
set style fill solid 0.8 border -1
set boxwidth 0.7
set xtics noenhanced
set offsets 0.6, 0.6, 0, 0
set key top left
set bars 2

# Column 7 is 0 for a variant that did not run: no bar.
bar(m) = m > 0 ? m : NaN

# Blue in a syscall audit context, red without one.
colour(ctx) = ctx eq "yes" ? 0x4477aa : 0xcc6677

plot csv every ::1 using 0:(bar($7)):(colour(strcol(3))):xtic(strcol(1)) \
	with boxes lc rgb variable title "median ns/op (blue: in a syscall audit context, red: without)", \
     csv every ::1 using 0:(bar($7)):8:9 with yerrorbars lc rgb "black" \
	pt -1 title "min-max of the iterations", \
     csv every ::1 using 0:(bar($7)):(sprintf("%.0f", $7)) with labels \
	offset 0,0.8 font "sans,8" notitle
