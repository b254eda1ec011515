#!/bin/sh
# End-to-end tests of audiences: the same statements asked of residents and
# staff (tests/data/audience/, tests/data/gen_audience.py), as two exports,
# as definitions, as one export with parallel blocks; inspect, summary.json,
# warnings, errors, anonymity per audience, batch and compare.
# usage: sh tests/cli_audience.sh build/kysely
K=${1:-build/kysely}
D=tests/data/audience
tmp=$(mktemp -d /tmp/kysely-aud.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
# the cell of CSV FILE in the row whose first fields start with KEY (a
# regular expression over the raw line), column N (1-based; quoted fields
# with commas are kept whole)
cell() {
	awk -v key="$2" -v n="$3" '
	function parse(line,    i, c, f, q, k) {
		k = 1; f = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { f = f c; i++ } else q = 0
				} else f = f c
			} else if (c == "\"") q = 1
			else if (c == ",") { F[k++] = f; f = "" }
			else f = f c
		}
		F[k] = f
		return k
	}
	{ sub(/\r$/, ""); nf = parse($0); j = F[1]; for (i = 2; i <= nf; i++) j = j "," F[i]
	  if (j ~ key) { print F[n]; exit } }' "$1"
}

# Two exports, one per audience: the grouping `audience`, groups named by
# the files.  Values from R (tests/ref/audience/exports, made by
#   Rscript tests/ref/audience.R tests/ref/audience/exports exports \
#     tests/data/audience/asukkaat.csv tests/data/audience/henkilosto.csv -- Palvelualue
# i.e. wilcox.test(asukkaat, henkilosto, exact = FALSE, correct = TRUE) and
# t.test() on the first statement, p.adjust over the twelve).
check "two exports analyse" "$K" analyze "$D/asukkaat.csv" "$D/henkilosto.csv" --group Palvelualue --no-charts -q -o "$tmp/a"
check "Mann-Whitney p between audiences = R" test "$(cell "$tmp/a/comparisons.csv" '^Q3,Linkki.*,audience,mann_whitney' 11)" = 0.00343514207446901
check "its Holm p over the 12 statements = R" test "$(cell "$tmp/a/comparisons.csv" '^Q3,Linkki.*,audience,mann_whitney' 12)" = 0.020610852446814
check "Welch t = R" test "$(cell "$tmp/a/comparisons.csv" '^Q3,Linkki.*,audience,welch_t' 9)" = -3.2225802968271
check "item_text is the statement" test "$(cell "$tmp/a/descriptives.csv" '^Q3,' 2)" = "Linkkihenkilötoiminta, hyvinvointilähete"
check "residents' mean = R's mean(1:5 codes)" test "$(cell "$tmp/a/descriptives.csv" '^Q3,.*,audience,asukkaat' 8)" = 2.7962962962963
check "non-substantive 'En ole käyttänyt' apart" test "$(cell "$tmp/a/descriptives.csv" '^Q3,.*,audience,asukkaat' 6)" = 7
check "Palvelualue works as --group across the files" grep -q ',Palvelualue,kruskal_wallis,' "$tmp/a/comparisons.csv"
check "summary.json: shape exports" grep -q '"shape": "exports"' "$tmp/a/summary.json"
check "summary.json: both questions kept" sh -c "grep -q 'perheesi arkeen' '$tmp/a/summary.json' && grep -q 'alueen väestön kannalta' '$tmp/a/summary.json'"
check "rerun" "$K" analyze "$D/asukkaat.csv" "$D/henkilosto.csv" --group Palvelualue --no-charts -q -o "$tmp/b"
for f in summary.json frequencies.csv descriptives.csv comparisons.csv report.md; do
	check "rerun gives identical $f" cmp -s "$tmp/a/$f" "$tmp/b/$f"
done

# The same answers coded 0-5 / 1-5 with the legend in the question text:
# 0 = En ole käyttänyt is no point of the scale, and the tables are the same.
check "coded exports analyse" "$K" analyze "$D/koodit/asukkaat.csv" "$D/koodit/henkilosto.csv" --delimiter ';' --group Palvelualue --no-charts -q -o "$tmp/c"
for f in frequencies.csv descriptives.csv; do
	check "coded exports give the same $f" cmp -s "$tmp/a/$f" "$tmp/c/$f"
done

mkdir -p "$tmp/kaksoispiste"
sed 's/\([0-5]\)=/\1: /g' "$D/koodit/asukkaat.csv" >"$tmp/kaksoispiste/asukkaat.csv"
check "a legend written '0: En ole käyttänyt, 1: …' reads the same" sh -c "'$K' analyze '$tmp/kaksoispiste/asukkaat.csv' '$D/koodit/henkilosto.csv' --delimiter ';' --group Palvelualue --no-charts -q -o '$tmp/c2' && cmp -s '$tmp/a/descriptives.csv' '$tmp/c2/descriptives.csv'"

# Definitions: one per export naming its audience, or one naming both.
cat >"$tmp/asukkaat.ini" <<EOF
[survey]
export = $PWD/$D/asukkaat.csv
audience = Asukkaat
group = Palvelualue
min_n = 0
EOF
cat >"$tmp/henkilosto.ini" <<EOF
[survey]
export = $PWD/$D/henkilosto.csv
audience = Henkilöstö
EOF
check "two definitions analyse" "$K" analyze "$tmp/asukkaat.ini" "$tmp/henkilosto.ini" --no-charts -q -o "$tmp/d"
check "groups named by audience =" grep -q ',audience,mann_whitney,Asukkaat,Henkilöstö,' "$tmp/d/comparisons.csv"
check "the first definition's group applies" grep -q ',Palvelualue,' "$tmp/d/comparisons.csv"
mkdir -p "$tmp/batch"
cat >"$tmp/batch/palvelut.ini" <<EOF
[survey]
exports = $PWD/$D/asukkaat.csv | $PWD/$D/henkilosto.csv
audiences = Asukkaat | Henkilöstö
title = Kehitettyjen palvelujen vaikutukset 9/2024
EOF
check "exports = and audiences = in one definition" "$K" analyze "$tmp/batch/palvelut.ini" --no-charts -q -o "$tmp/e"
check "... named by audiences =, the same test" test "$(cell "$tmp/e/comparisons.csv" '^Q3,Linkki.*,audience,mann_whitney,Asukkaat,Henkilöstö' 11)" = 0.00343514207446901
cat >"$tmp/bad.ini" <<EOF
[survey]
exports = $PWD/$D/asukkaat.csv | $PWD/$D/henkilosto.csv
audiences = Asukkaat
EOF
check "audiences = of the wrong length is an error (4)" sh -c "'$K' analyze '$tmp/bad.ini' -q -o '$tmp/x' 2>'$tmp/err'; test \$? -eq 4 && grep -q 'names 1 audiences for 2 exports' '$tmp/err' && test ! -e '$tmp/x'"
check "batch takes a survey of two exports" sh -c "'$K' batch '$tmp/batch' --no-charts -o '$tmp/f' >/dev/null"
check "... and writes it" test -s "$tmp/f/palvelut/comparisons.csv"

# [item] was = pairs a statement worded differently in the other export.
sed '1s/:Sosiaali- ja terveysneuvonta, suora puhelinlinja ja chat;/:Suora puhelinlinja ja chat (neuvonta);/' "$D/henkilosto.csv" >"$tmp/toisin.csv"
cat >"$tmp/was.ini" <<EOF
[survey]
exports = $PWD/$D/asukkaat.csv | $tmp/toisin.csv

[item Q4]
was = Suora puhelinlinja ja chat (neuvonta)
EOF
check "reworded statement: not matched without was =" sh -c "'$K' inspect '$D/asukkaat.csv' '$tmp/toisin.csv' | grep -q 'statements matched (14)'"
check "... matched by was =" sh -c "'$K' inspect '$tmp/was.ini' | grep -q 'Q4 *by was *4 *4'"
check "... and tested as the others" sh -c "'$K' analyze '$tmp/was.ini' --no-charts -q -o '$tmp/w' && grep -q '^Q4,.*,audience,mann_whitney,asukkaat,toisin,54,55,' '$tmp/w/comparisons.csv'"

# One export with a routing question and a block per audience.
check "parallel blocks analyse" "$K" analyze "$D/yhdessa.csv" --group Palvelualue --no-charts -q -o "$tmp/g"
check "audiences named by the routing answers" grep -q ',audience,mann_whitney,asukkaana,työntekijänä,' "$tmp/g/comparisons.csv"
check "the same test as from two exports" test "$(cell "$tmp/g/comparisons.csv" '^Q4,Linkki.*,audience,mann_whitney' 11)" = 0.00343514207446901
check "summary.json: parallel blocks and the route" sh -c "grep -q '\"shape\": \"parallel_blocks\"' '$tmp/g/summary.json' && grep -q '\"route\": \"Vastaan kyselyyn\"' '$tmp/g/summary.json'"
check "--group ROUTE: its groups are the audiences" "$K" analyze "$D/yhdessa.csv" --group "Vastaan kyselyyn" --no-charts -q -o "$tmp/h"
check "... without a second grouping" sh -c "! grep -q ',audience,' '$tmp/h/comparisons.csv' && grep -q ',Vastaan kyselyyn,mann_whitney,asukkaana,työntekijänä,' '$tmp/h/comparisons.csv'"
check "Forms' repeated headers are parallel blocks too" "$K" analyze "$D/forms.csv" --no-charts -q -o "$tmp/i"
check "... with the same test" test "$(cell "$tmp/i/comparisons.csv" '^Q8,Linkki.*,audience,mann_whitney' 11)" = 0.00343514207446901
check "inspect shows the blocks and the matching" sh -c "'$K' inspect '$D/yhdessa.csv' >'$tmp/ins' && grep -q '^audiences (parallel blocks of one export' '$tmp/ins' && grep -q 'statements matched (12)' '$tmp/ins' && grep -q 'Q4 *by statement *4 *16' '$tmp/ins'"
check "inspect --write-definition of two exports: exports = and audiences =" sh -c "'$K' inspect '$D/asukkaat.csv' '$D/henkilosto.csv' --write-definition '$tmp/kirjoitettu.ini' >/dev/null && grep -q '^exports = .*asukkaat.csv | .*henkilosto.csv' '$tmp/kirjoitettu.ini' && grep -q '^audiences = asukkaat | henkilosto' '$tmp/kirjoitettu.ini'"
check "... which analyses as the exports do" sh -c "'$K' analyze '$tmp/kirjoitettu.ini' --no-charts -q -o '$tmp/kd' && '$K' analyze '$D/asukkaat.csv' '$D/henkilosto.csv' --no-charts -q -o '$tmp/ke' && cmp -s '$tmp/kd/comparisons.csv' '$tmp/ke/comparisons.csv'"
check "inspect takes two exports" sh -c "'$K' inspect '$D/asukkaat.csv' '$D/henkilosto.csv' | grep -q '^audiences (one export each'"
check "with charts: one bar per audience" sh -c "'$K' analyze '$D/yhdessa.csv' -q -o '$tmp/j' --format svg && grep -q 'asukkaana, n = 54' '$tmp/j/charts/b1-impact.svg'"

# An open question after each block, the same text: one question, each
# copy its own audience's (answers listed per audience).
awk -F';' 'BEGIN { OFS = ";" } NR == 1 { $15 = $15 ";Perustele vastauksesi"; $27 = $27 ";Perustele vastauksesi"; print; next }
	{ r = ($2 == "asukkaana"); a = (r && NR % 3 == 0) ? "asukas " NR : ""; b = (!r && NR % 3 == 0) ? "työntekijä " NR : ""
	  $15 = $15 ";" a; $27 = $27 ";" b; print }' "$D/yhdessa.csv" >"$tmp/yh3.csv"
check "a repeated open question is one" sh -c "'$K' inspect '$tmp/yh3.csv' | grep -q 'Q16 *by repeated *16 *29 *Perustele vastauksesi'"
check "... listed per audience" sh -c "'$K' analyze '$tmp/yh3.csv' --min-n 0 --no-charts -q -o '$tmp/yo' && grep -q 'asukas 3' '$tmp/yo/report.md' && grep -q 'työntekijä 6' '$tmp/yo/report.md'"

# Parallel blocks declared in a definition ([audience NAME] items =, item k
# of each one statement): a reworded statement is then one item too, and
# the numbers are those of the detected blocks (R, tests/ref/audience/blocks).
sed '1s/:Sosiaali- ja terveysneuvonta, suora puhelinlinja ja chat;\(.*\):Sosiaali- ja terveysneuvonta, suora puhelinlinja ja chat;/:Sosiaali- ja terveysneuvonta, suora puhelinlinja ja chat;\1:Puhelinlinja ja chat;/' "$D/yhdessa.csv" >"$tmp/yh2.csv"
cat >"$tmp/decl.ini" <<EOF
[survey]
export = $tmp/yh2.csv

[audience Asukkaat]
items = Q4 | Q5 | Q6 | Q7 | Q8 | Q9 | Q10 | Q11 | Q12 | Q13 | Q14 | Q15

[audience Henkilöstö]
items = Q16 | Q17 | Q18 | Q19 | Q20 | Q21 | Q22 | Q23 | Q24 | Q25 | Q26 | Q27
EOF
check "reworded: detected as 11 statements" sh -c "'$K' inspect '$tmp/yh2.csv' | grep -q 'statements matched (11)'"
check "declared: 12, by definition" sh -c "'$K' inspect '$tmp/decl.ini' | grep -q 'Q5 *by definition *5 *17'"
check "declared: the reworded one tested = R" sh -c "'$K' analyze '$tmp/decl.ini' --no-charts -q -o '$tmp/dd' && test \"\$(grep '^Q5,.*,audience,mann_whitney,Asukkaat,Henkilöstö,' '$tmp/dd/comparisons.csv' | cut -d, -f12)\" = 0.000662503381326298"
printf '[survey]\nexport = %s\n[audience A]\nitems = Q4 | Q5\n[audience B]\nitems = Q16\n' "$tmp/yh2.csv" >"$tmp/bad1.ini"
check "declared blocks of different lengths: error naming the line" sh -c "'$K' analyze '$tmp/bad1.ini' -q -o '$tmp/x1' 2>'$tmp/err'; test \$? -eq 4 && grep -q 'bad1.ini:5: \[audience B\] has 1 items' '$tmp/err' && test ! -e '$tmp/x1'"

# A respondent in both blocks: counted once, said so.
{
	echo "Ryhmä;Asukkaiden arki?:A;Asukkaiden arki?:B;Henkilöstön työ?:A;Henkilöstön työ?:B"
	i=0
	while [ $i -lt 30 ]; do
		l1=$(( i % 4 )) l2=$(( (i + 1) % 4 ))
		set -- "Ei vaikutusta" "Vähäinen vaikutus" "Kohtalainen vaikutus" "Merkittävä vaikutus"
		eval a=\${$((l1 + 1))} b=\${$((l2 + 1))}
		if [ $((i % 2)) -eq 0 ]; then echo "asukas;$a;$b;;"; else echo "työntekijä;;;$a;$b"; fi
		i=$((i + 1))
	done
	echo "työntekijä;Ei vaikutusta;;Vähäinen vaikutus;Kohtalainen vaikutus"
} >"$tmp/both.csv"
check "both blocks answered: a warning" sh -c "'$K' analyze '$tmp/both.csv' --no-charts -o '$tmp/k' 2>'$tmp/err' >/dev/null && grep -q '1 respondent answered more than one of the parallel blocks' '$tmp/err'"
check "... and in summary.json" grep -q '"respondents_in_several_blocks": 1' "$tmp/k/summary.json"

# Scales that differ (agreement 5 points vs impact): shown, not tested.
printf 'Mielipide:A;Mielipide:B\nTäysin samaa mieltä;Jokseenkin eri mieltä\n' >"$tmp/x5.csv"
printf 'Vaikutus:A;Vaikutus:B\nEi vaikutusta;Merkittävä vaikutus\n' >"$tmp/y5.csv"
for n in 1 2 3 4 5 6; do
	printf 'Jokseenkin samaa mieltä;Täysin eri mieltä\n' >>"$tmp/x5.csv"
	printf 'Vähäinen vaikutus;Kohtalainen vaikutus\n' >>"$tmp/y5.csv"
done
check "different scales: analysed" sh -c "'$K' analyze '$tmp/x5.csv' '$tmp/y5.csv' --no-charts -o '$tmp/l' 2>'$tmp/err' >/dev/null"
check "... the report says why" sh -c "grep -q 'answered on different scales' '$tmp/err' && grep -q 'answered on different scales' '$tmp/l/report.md'"
check "... and nothing is tested between them" test "$(wc -l <"$tmp/l/comparisons.csv")" -eq 1
check "... an unknown answer is named in its own export and line" grep -q "y5.csv:2:1: unknown answer 'Ei vaikutusta' in column 1 'A'" "$tmp/err"

# Weights with audiences: an audience's weighted row is its export's own.
awk -F';' 'BEGIN { OFS = ";" } { print $0, (NR == 1 ? "Paino" : 0.5 + (NR % 4) * 0.25) }' "$D/asukkaat.csv" | sed 's/\r;/;/' >"$tmp/pa.csv"
awk -F';' 'BEGIN { OFS = ";" } { print $0, (NR == 1 ? "Paino" : 1 + (NR % 3) * 0.5) }' "$D/henkilosto.csv" | sed 's/\r;/;/' >"$tmp/ph.csv"
check "weighted audiences" "$K" analyze "$tmp/pa.csv" "$tmp/ph.csv" --weight Paino --min-n 0 --no-charts -q -o "$tmp/wm"
check "... residents alone, weighted" "$K" analyze "$tmp/pa.csv" --weight Paino --min-n 0 --no-charts -q -o "$tmp/wa"
# (n, weighted mean and SD: the same; the standard errors are a domain's of
# the whole design, as R's svyby gives them, not those of the export alone)
check "... the audience's weighted mean is its export's" sh -c "test \"\$(grep '^Q3,.*,audience,pa,' '$tmp/wm/descriptives.csv' | cut -d, -f6-10)\" = \"\$(grep '^Q3,.*,\*,\*,' '$tmp/wa/descriptives.csv' | cut -d, -f6-10)\""

# Anonymity per audience: an audience of three is hidden (min_n 5).
head -4 "$D/henkilosto.csv" >"$tmp/pieni.csv"
check "a small audience" "$K" analyze "$D/asukkaat.csv" "$tmp/pieni.csv" --no-charts -q -o "$tmp/m"
check "... is suppressed" sh -c "grep '^Q3,.*,audience,pieni,' '$tmp/m/descriptives.csv' | grep -q 'suppressed for anonymity'"

# Errors: a ragged row in the second export names it; nothing is written.
cp "$D/henkilosto.csv" "$tmp/rikki.csv"
printf '99;Kokkola;Ei vaikutusta\r\n' >>"$tmp/rikki.csv"
check "ragged row in the second export: exit 4, named, no output" sh -c "'$K' analyze '$D/asukkaat.csv' '$tmp/rikki.csv' -q -o '$tmp/n' 2>'$tmp/err'; test \$? -eq 4 && grep -q 'rikki.csv:61:3: record has 3 fields' '$tmp/err' && test ! -e '$tmp/n'"
check "a second argument that is no file: the --group hint (2)" sh -c "'$K' analyze '$D/asukkaat.csv' --group Palvelualue Vastaajanumero 2>'$tmp/err' >/dev/null; test \$? -eq 2 && grep -q 'give each --group its own flag' '$tmp/err'"
check "-o must not be a folder holding the second export" sh -c "'$K' analyze '$D/asukkaat.csv' '$tmp/pieni.csv' -q -o '$tmp' 2>/dev/null; test \$? -eq 2"

# compare: rounds of audience surveys; statements matched across stems.
check "compare two exports as rounds: statements matched" sh -c "'$K' compare '$D/asukkaat.csv' '$D/henkilosto.csv' --no-charts -q -o '$tmp/o' && test \"\$(grep -c '\"matched_by\": \"statement\"' '$tmp/o/summary.json')\" -eq 12"
check "compare audience surveys by audience" sh -c "'$K' compare '$tmp/batch/palvelut.ini' '$D/yhdessa.csv' --group audience --no-charts -q -o '$tmp/p' 2>/dev/null; test -s '$tmp/p/changes.csv'"

echo "audience: $pass passed, $failed failed"
test "$failed" -eq 0
