# diverging.gp - diverging stacked bars for a bipolar scale (agreement,
# satisfaction, quality): negative answers left of 0, positive right, a
# neutral middle level centred on 0.  Percent of valid answers.
load ky_plots.'/layout.gp'
# ticks every 20 %, or every 25 % when the axis runs to 100 % (labels would crowd)
ky_step = ky_xmax > 80 ? 25 : 20
set for [v=-100:100:ky_step] xtics add (sprintf('%d', abs(v)).' %%' v)
set xlabel ky_xlabel font ',8' offset 0, 0.3
set arrow 1 from 0, graph 0 to 0, graph 1 nohead front lc rgb '#444444' lw 0.8
plot for [k=1:ky_nlev] $ky_data index (k - 1) using (($2 + $3) / 2):1:2:3:($1 - 0.36):($1 + 0.36) \
         with boxxyerror fc rgb ky_colour(k) title ky_lev[k], \
     for [k=1:ky_nlev] $ky_data index (k - 1) using (($2 + $3) / 2):1:($4 >= 6 ? sprintf('%.0f', $4) : '') \
         with labels tc rgb ky_txt(k) font ',7' notitle
load ky_plots.'/apart.gp'
unset multiplot
