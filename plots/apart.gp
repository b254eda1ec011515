# apart.gp - the non-substantive answers ("En osaa sanoa", "En ole
# käyttänyt") as a separate grey panel right of the scale, in percent of all
# answers, so they are never read as part of the scale.
if (ky_has_ns) {
    unset label 1
    unset label 2
    unset arrow 1
    unset xlabel
    unset for [k=1:ky_nlev] object k
    unset for [k=1:ky_nlev] label 10 + k
    set lmargin at screen 0.87
    set rmargin at screen 0.97
    unset ytics
    set xrange [0 : 100]
    set xtics () 
    set xtics add ('' 0, '50 %%' 50, '100 %%' 100) font ',7'   # no '0': it would touch the scale's '100 %'
    # centred over the narrow panel when short; a long one ("En osaa sanoa /
    # Ei koske minua / En ole käyttänyt") ends at the panel's right edge and
    # runs left over the empty space above the bars, never off the page
    if (strlen(ky_ns_label) > 18) {
        set label 3 ky_ns_label at graph 1, graph 1 right offset 0, 1.2 font ',7' tc rgb '#333333'
    } else {
        set label 3 ky_ns_label at graph 0.5, graph 1 center offset 0, 1.2 font ',7' tc rgb '#333333'
    }
    plot $ky_ns using ($2 / 2):1:(0):2:($1 - 0.36):($1 + 0.36) with boxxyerror fc rgb ky_ns_colour notitle, \
         $ky_ns using ($2 + 4):1:($3 > 0 ? sprintf('%.0f', $2) : '') with labels left font ',7' tc rgb '#333333' notitle
}
