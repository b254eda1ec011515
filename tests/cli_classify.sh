#!/bin/sh
# End-to-end checks of the classification side of issue #21 that the shape
# corpus (tests/shapes/cl_*, numbers) does not make: what `inspect` says
# about legends, repeated blocks and other-answers, the definition it writes
# for a legend block, and where a chart puts the non-substantive panel's
# label under a 400-character title (read from the SVG).
# usage: sh tests/cli_classify.sh build/kysely
K=${1:-build/kysely}
S=tests/shapes
tmp=$(mktemp -d /tmp/kysely-classify.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }

# inspect: the legend it read, which block repeats which, other answers
"$K" inspect $S/cl_soite_impact_0_5.csv --delimiter ';' >"$tmp/soite.txt" 2>&1
check "inspect shows the legend's non-substantive code" \
	grep -q "legend: 0 = 'En ole käyttänyt' (non-substantive), 1 = 'Ei vaikutusta'" "$tmp/soite.txt"
check "inspect counts the code apart" grep -q "non-substantive: 'En ole käyttänyt'" "$tmp/soite.txt"
check "inspect shows the header without the legend" \
	sh -c "grep -q 'answered  Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun tai perheesi arkeen?:Kotihoito\$' $tmp/soite.txt"
check "inspect: an end-point legend names its range" \
	sh -c "$K inspect $S/cl_legend_fi_ends.csv --delimiter ';' | grep -q \"legend: 1 = 'täysin eri mieltä', 5 = 'täysin samaa mieltä'; scale 1-5\""
check "inspect: a legend whose codes the answers leave is only taken out of the text" \
	sh -c "$K inspect $S/cl_legend_en_own.csv 2>&1 | grep -q 'legend (taken out of the text; its labels not applied)'"
"$K" inspect $S/cl_forms_repeated_en3.csv >"$tmp/forms.txt" 2>&1
check "inspect: b2 repeats b1" sh -c "grep -A3 '^  b2 ' $tmp/forms.txt | grep -q 'repeats the statements of b1'"
check "inspect: b3 repeats b1" sh -c "grep -A3 '^  b3 ' $tmp/forms.txt | grep -q 'repeats the statements of b1'"
check "inspect: b1 repeats nothing" sh -c "! grep -A2 '^  b1 ' $tmp/forms.txt | grep -q 'repeats'"
check "inspect: three blocks of three" sh -c "test \$(grep -c '^  b[0-9]  3 items, agreement-5-en' $tmp/forms.txt) -eq 3"
check "inspect: Muu, mikä? is Q2's other answers" \
	sh -c "$K inspect $S/cl_open_fi.csv | grep -A2 'Muu, mikä?' | grep -q 'other answers of Q2'"

# identical headers: the text is ambiguous, the ids are not
"$K" analyze $S/cl_forms_repeated_fi.csv --group "Sain apua nopeasti" --no-charts -q -o "$tmp/amb" 2>"$tmp/amb.err"
check "an identical header named by text is a usage error (2)" test $? -eq 2
check "the message names both columns and their ids" \
	grep -qF "cl_forms_repeated_fi.csv:1: 'Sain apua nopeasti' for --group names columns 7 and 11 (identical headers); give its id (Q7, Q11) or its 1-based number" "$tmp/amb.err"
check "nothing written" test ! -e "$tmp/amb"
check "by its id it is found" "$K" analyze $S/cl_forms_repeated_fi.csv --group Q11 --no-charts -q -o "$tmp/amb"
printf '[survey]\nexport = %s\n\n[block nyt]\nitems = Palveluun oli helppo päästä | Sain apua nopeasti\n' \
	"$(pwd)/$S/cl_forms_repeated_fi.csv" >"$tmp/amb.ini"
"$K" analyze "$tmp/amb.ini" --no-charts -q -o "$tmp/amb2" 2>"$tmp/amb2.err"
check "in a definition too, naming its line" \
	grep -qF "amb.ini:5: 'Palveluun oli helppo päästä' for [block nyt] items names columns 6 and 10 (identical headers); give its id (Q6, Q10)" "$tmp/amb2.err"

# the definition inspect writes for a legend block reads the same numbers
"$K" inspect $S/cl_soite_impact_0_5.csv --delimiter ';' --write-definition "$tmp/soite.ini" >/dev/null 2>&1
check "definition leaves a legend block's scale to detection" \
	sh -c "grep -q '^; scale: the codes as the legend' $tmp/soite.ini && ! grep -q '^\[scale' $tmp/soite.ini"
"$K" analyze "$tmp/soite.ini" --delimiter ';' --group Vastaajaryhmä --no-charts -q -o "$tmp/def" 2>"$tmp/err"
check "analyze with it succeeds" test -s "$tmp/def/descriptives.csv"
"$K" analyze $S/cl_soite_impact_0_5.csv --delimiter ';' --group Vastaajaryhmä --no-charts -q -o "$tmp/plain"
check "same descriptives with and without the written definition" \
	cmp -s "$tmp/def/descriptives.csv" "$tmp/plain/descriptives.csv"

# a 400-character title: the label over the grey panel stays below its last
# line (SVG: <g transform="translate(x,y)"> before each <text>)
"$K" analyze $S/cl_soite_long_title.csv --delimiter ';' --format svg -q -o "$tmp/long" 2>"$tmp/err"
svg="$tmp/long/charts/b1-impact.svg"
check "long-title chart written" test -s "$svg"
title_y=$(awk '/translate/ { match($0, /translate\([0-9.]+,[0-9.]+\)/); t = substr($0, RSTART + 10, RLENGTH - 11); split(t, xy, ","); y = xy[2] }
	/<text>/ && /välillä\?/ { print y; exit }' "$svg")
label_y=$(awk '/translate/ { match($0, /translate\([0-9.]+,[0-9.]+\)/); t = substr($0, RSTART + 10, RLENGTH - 11); split(t, xy, ","); y = xy[2] }
	/<text>En ole käyttänyt<\/text>/ { print y; exit }' "$svg")
lines=$(grep -c 'font-size="11.00"' "$svg")
check "the title wraps to six lines (got $lines)" test "$lines" -ge 6
check "label '$label_y' clear of the title's last line '$title_y'" \
	awk -v t="$title_y" -v l="$label_y" 'BEGIN { exit !(t > 0 && l - 7 > t + 4) }'
# a title of two lines keeps the height it had before (measured on this
# export with the layout of commit 9c51695: 1654 x 847 px)
printf '%s\n' "$(head -1 $S/cl_soite_impact_0_5.csv | cut -d';' -f1-2,5)" >"$tmp/two.csv"
sed -n '2,8p' $S/cl_soite_impact_0_5.csv | cut -d';' -f1-2,5 >>"$tmp/two.csv"
"$K" analyze "$tmp/two.csv" --delimiter ';' --format png -q -o "$tmp/two"
check "a two-line title keeps today's chart height" python3 -c "
import struct, sys
d = open('$tmp/two/charts/b1-impact.png', 'rb').read(24)
sys.exit(struct.unpack('>II', d[16:24]) != (1654, 847))"

# a long label over the grey panel ends at the panel's right edge instead
# of running off the page (centred, half of it was cut)
{
	echo 'Palvelu:A;Palvelu:B'
	i=0
	while [ $i -lt 30 ]; do
		a=$(echo 'Täysin eri mieltä|Jokseenkin eri mieltä|Jokseenkin samaa mieltä|Täysin samaa mieltä|En osaa sanoa|Ei koske minua' | cut -d'|' -f$((i % 6 + 1)))
		b=$(echo 'Täysin eri mieltä|Jokseenkin eri mieltä|Jokseenkin samaa mieltä|Täysin samaa mieltä|En ole käyttänyt' | cut -d'|' -f$((i % 5 + 1)))
		echo "$a;$b"
		i=$((i + 1))
	done
} >"$tmp/ns.csv"
"$K" analyze "$tmp/ns.csv" --delimiter ';' --format svg -q -o "$tmp/ns"
grep -B1 '<text>En osaa sanoa / Ei koske minua / En ole käyttänyt</text>' \
	"$tmp/ns/charts/b1-agreement.svg" >"$tmp/ns.label"
check "a long non-substantive label ends at the panel's edge" \
	grep -q 'translate(802.18,[0-9.]*)".*text-anchor="end"' "$tmp/ns.label"

echo "classify: $pass passed, $failed failed"
test "$failed" -eq 0
