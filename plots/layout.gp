# layout.gp - terminal, margins, axes and key common to the bar charts.
# Loaded by diverging.gp and stacked100.gp; see common.gp for the inputs.
# A slide's chart (ky_slide = 1, PNG only): 1540 px wide with the same text
# sizes (the smallest, ',8', is 27.7 px: 8 pt x 2.6 at 96 px per inch), so
# that on the reference deck's 9.4 x 4.3 in content area (at most 164 px per
# inch) its text is 12 pt or more; no title, footnote or axis title (the
# slide carries them), the legend right under the axis, bars a little closer
# (66 px a row unit), 60 px on top when the grey panel's label stands
# there.  plot.c's SLIDE_* numbers must match these.
ky_slide = exists('ky_slide') ? ky_slide : 0
# A title of more than two lines (a 400-character question wraps to six)
# moves the plot down by a line height each, so that neither the bars nor
# the label over the non-substantive panel run into it.
ky_title_lines = 1
do for [ky_i = 1:strlen(ky_title)] {
    if (ky_title[ky_i:ky_i] eq "\n") { ky_title_lines = ky_title_lines + 1 }
}
ky_topp = ky_slide ? (ky_has_ns ? 60 : 10) : ky_top_px + 45 * (ky_title_lines > 2 ? ky_title_lines - 2 : 0)
ky_botp = ky_slide ? 175 : ky_bottom_px
ky_u = ky_slide ? 66 : ky_unit
ky_h = int(ky_topp + ky_botp + ky_u * (ky_ytop + 1.6))
if (ky_format eq 'png') {
    set terminal pngcairo size (ky_slide ? 1540 : 1654), ky_h font ky_font.',9' fontscale 2.6 linewidth 2.2 noenhanced background '#ffffff'
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
set multiplot
ky_left = ky_slide ? 0.42 : 0.37
ky_right = ky_has_ns ? 0.84 : 0.97
ky_bot = ky_botp * 1.0 / ky_h
ky_topm = 1 - ky_topp * 1.0 / ky_h
set lmargin at screen ky_left
set rmargin at screen ky_right
set bmargin at screen ky_bot
set tmargin at screen ky_topm
set yrange [-0.75 : ky_ytop + 0.75]
set ytics () scale 0 font ',8' textcolor rgb '#222222'
set for [i=1:ky_nrows] ytics add (ky_ylab[i] ky_ypos[i])
set xrange [ky_xmin : ky_xmax]
set xtics () scale 0.5 nomirror font ',8'
set mxtics 1
set grid xtics lc rgb '#e0e0e0' lw 0.5 dt 1
set border 1 lc rgb '#888888'
set style fill solid 1.0 border lc rgb '#ffffff'
unset key
# Legend drawn by hand: a swatch and a label per level, three to a row, in
# scale order, below the x axis.
ky_lcols = ky_nlev <= 3 ? ky_nlev : (ky_nlev == 4 ? 2 : 3)
ky_lcols = ky_nlev > 6 ? 4 : ky_lcols
ky_lw = 0.94 / ky_lcols
ky_lx(k) = 0.03 + ((k - 1) % ky_lcols) * ky_lw
ky_leg0 = ky_slide ? 105 : ky_bottom_px - 150
ky_ly(k) = (ky_leg0 - 40 * int((k - 1) / ky_lcols)) * 1.0 / ky_h
set for [k=1:ky_nlev] object k rect from screen ky_lx(k), screen ky_ly(k) - 11.0 / ky_h \
    to screen ky_lx(k) + 0.025, screen ky_ly(k) + 11.0 / ky_h fc rgb ky_colour(k) fs solid 1.0 noborder
set for [k=1:ky_nlev] label 10 + k ky_lev[k] at screen ky_lx(k) + 0.032, screen ky_ly(k) left font ',8' tc rgb '#222222'
set label 1 ky_title at screen 0.03, screen 1 - 40.0 / ky_h left front font ',11' tc rgb '#111111'
# the footnote may wrap to two lines: its first line sits 60 px above the bottom
set label 2 ky_note at screen 0.03, screen 60.0 / ky_h left front font ',7' tc rgb '#555555'
