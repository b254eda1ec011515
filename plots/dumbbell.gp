# dumbbell.gp - change between survey rounds: per item a dot with its 95 %
# interval for each round (colour and shape), the dots joined by a grey bar.
# $ky_data has one index per round (y mean low high); $ky_link the dots of
# each item in round order, items separated by a blank line.
load ky_plots.'/layout.gp'
ky_pad = 0.3 * ky_xstep
set xrange [ky_xmin - ky_pad : ky_xmax + ky_pad]
set for [v=0:int((ky_xmax - ky_xmin) / ky_xstep + 0.5)] xtics add (sprintf('%g', ky_xmin + v * ky_xstep) ky_xmin + v * ky_xstep)
set xlabel ky_xlabel font ',8' offset 0, 0.3
set errorbars small
plot $ky_link using 2:1 with lines lc rgb '#b0b0b0' lw 3 notitle, \
     for [k=1:ky_nlev] $ky_data index (k - 1) using 2:1:3:4 with xerrorbars \
         lc rgb ky_colour(k) pt ky_pt(k) ps 1.3 lw 1.6 notitle
unset multiplot
