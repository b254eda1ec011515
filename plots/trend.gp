# trend.gp - means over three or more survey rounds: one line per item with
# its 95 % confidence band, rounds along the x axis, items in the legend.
# $ky_data has one index per item: x (round 1..n) mean low high.
# a title of more than two lines moves the plot down a line height each
ky_title_lines = 1
do for [ky_i = 1:strlen(ky_title)] {
    if (ky_title[ky_i:ky_i] eq "\n") { ky_title_lines = ky_title_lines + 1 }
}
ky_title_extra = 45 * (ky_title_lines > 2 ? ky_title_lines - 2 : 0)
ky_h = int(900 + ky_title_extra + 56 * ky_nitems)
if (ky_format eq 'png') {
    set terminal pngcairo size 1654, ky_h font ky_font.',9' fontscale 2.6 linewidth 2.2 noenhanced background '#ffffff'
} else {
    if (ky_format eq 'svg') {
        set terminal svg size 827, int(ky_h / 2) dynamic font ky_font.',9' noenhanced background '#ffffff'
    } else {
        set terminal pdfcairo size 8.27in, (ky_h / 200.0)in font ky_font.',9' noenhanced
    }
}
set output ky_output
reset
set encoding utf8
ky_qual = 1
ky_bot = (200.0 + 56 * ky_nitems) / ky_h
set lmargin at screen 0.10
set rmargin at screen 0.97
set tmargin at screen 1 - (170.0 + ky_title_extra) / ky_h
set bmargin at screen ky_bot
set xrange [0.7 : ky_nlev + 0.3]
set xtics () scale 0 nomirror font ',9'
set for [k=1:ky_nlev] xtics add (ky_lev[k] k)
ky_pad = 0.2 * ky_ystep
set yrange [ky_ymin - ky_pad : ky_ymax + ky_pad]
set ytics ky_ymin, ky_ystep, ky_ymax nomirror font ',8'
set ylabel ky_xlabel font ',8'
set grid ytics lc rgb '#e0e0e0' lw 0.5 dt 1
set border 3 lc rgb '#888888'
set style fill transparent solid 0.12 noborder
set key at screen 0.03, screen ky_bot - 70.0 / ky_h left top Left reverse samplen 2 spacing 1.2 font ',8' maxrows ky_nitems
set label 1 ky_title at screen 0.03, screen 1 - 40.0 / ky_h left front font ',11' tc rgb '#111111'
set label 2 ky_note at screen 0.03, screen 80.0 / ky_h left front font ',7' tc rgb '#555555'
plot for [i=1:ky_nitems] $ky_data index (i - 1) using 1:3:4 with filledcurves lc rgb ky_colour(i) notitle, \
     for [i=1:ky_nitems] $ky_data index (i - 1) using 1:2 with linespoints lc rgb ky_colour(i) \
         pt ky_pt(i) ps 1.2 lw 1.8 title ky_item[i]
