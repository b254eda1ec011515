# bars.gp - plain bars of a share: the terms of an open question, how many
# of a group's answers mention each (report_charts.c terms_chart).  The x
# axis runs from 0 to ky_xmax % (the longest bar rounded up), a tick every
# ky_xstep; the share is written inside a bar long enough for it, else
# beside it.  No legend: the axis title says what the bars are.
ky_bottom_saved = ky_bottom_px   # no legend: less room below the axis
ky_bottom_px = 230
load ky_plots.'/layout.gp'
ky_bottom_px = ky_bottom_saved
unset for [k=1:ky_nlev] object k
unset for [k=1:ky_nlev] label 10 + k
ky_every = ky_xstep * (int(ky_xmax / ky_xstep / 6) + 1)
set for [v=0:int(ky_xmax / ky_every + 0.5)] xtics add (sprintf('%g', v * ky_every).' %%' v * ky_every)
set xlabel ky_xlabel font ',8' offset 0, 0.3
plot $ky_data index 0 using (($2 + $3) / 2):1:2:3:($1 - 0.36):($1 + 0.36) \
         with boxxyerror fc rgb ky_colour(1) notitle, \
     $ky_data index 0 using (($2 + $3) / 2):1:($4 >= ky_xmax / 8 ? sprintf('%.0f', $4) : '') \
         with labels tc rgb ky_txt(1) font ',7' notitle, \
     $ky_data index 0 using ($3 + ky_xmax / 80):1:($4 < ky_xmax / 8 ? sprintf('%.0f', $4) : '') \
         with labels left tc rgb '#222222' font ',7' notitle
unset multiplot
