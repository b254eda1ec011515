# stacked100.gp - stacked bars on a 0-100 % axis, levels left to right in
# order: a unipolar scale (impact, frequency, ratings), the positions of a
# ranking (1st darkest), or with one level plain bars of a share
# (multi-select).
load ky_plots.'/layout.gp'
set for [v=0:100:25] xtics add (sprintf('%d', v).' %%' v)
set xlabel ky_xlabel font ',8' offset 0, 0.3
plot for [k=1:ky_nlev] $ky_data index (k - 1) using (($2 + $3) / 2):1:2:3:($1 - 0.36):($1 + 0.36) \
         with boxxyerror fc rgb ky_colour(k) title ky_lev[k], \
     for [k=1:ky_nlev] $ky_data index (k - 1) using (($2 + $3) / 2):1:($4 >= 6 ? sprintf('%.0f', $4) : '') \
         with labels tc rgb ky_txt(k) font ',7' notitle
load ky_plots.'/apart.gp'
unset multiplot
