#!/bin/sh
# End-to-end tests of weights: --weight and weight =, raking with
# [weighting] margins =, the added columns only in weighted runs, the same
# numbers whichever way the weight is given, byte-identical reruns, bad
# weights and bad margins (file:line:column, non-zero exit, nothing
# written), and compare on weighted rounds.  The numbers themselves are
# checked against R's survey package in tests/test_weights.c.
# usage: sh tests/cli_weights.sh build/kysely
K=${1:-build/kysely}
D=tests/data
tmp=$(mktemp -d /tmp/kysely-weights.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
run() { "$K" analyze "$@" --no-charts -q; }

# Given weights, from the command line and from a definition.
check "weighted run" run $D/weights.csv --weight Paino --group Alue --group Rooli --min-n 0 -o "$tmp/w"
check "descriptives: weighted columns at the end" sh -c "head -1 $tmp/w/descriptives.csv | grep -q ',type,scale,note,weighted_n,n_eff,mean_se'"
check "frequencies: weighted_count at the end" sh -c "head -1 $tmp/w/frequencies.csv | grep -q ',note,weighted_count'"
check "comparisons: df2 at the end" sh -c "head -1 $tmp/w/comparisons.csv | grep -q ',note,df2'"
check "summary.json states the weighting" sh -c "grep -q '\"kish_design_effect\"' $tmp/w/summary.json && grep -q '\"weight_column\": \"Paino\"' $tmp/w/summary.json"
check "report says the numbers are weighted" grep -q "Luvut on painotettu (painot sarakkeesta Paino)" "$tmp/w/report.md"
check "methods note on the weights" grep -q "svydesign(ids = \\\\~1, weights = \\\\~w)" "$tmp/w/report.md"
check "the weight column is not an item" sh -c "! grep -q ',Paino,' $tmp/w/descriptives.csv"
check "counts stay unweighted (90 respondents)" sh -c "grep -q '^Q7,.*,\\*,\\*,82,' $tmp/w/descriptives.csv"
check "weighted rerun" run $D/weights.csv --weight Paino --group Alue --group Rooli --min-n 0 -o "$tmp/w2"
for f in descriptives.csv frequencies.csv comparisons.csv summary.json report.md; do
	check "weighted rerun gives identical $f" cmp -s "$tmp/w/$f" "$tmp/w2/$f"
done
printf '[survey]\nexport = %s/%s/weights.csv\ngroup = Alue | Rooli\nmin_n = 0\nweight = Paino\n' "$PWD" "$D" > "$tmp/def.ini"
check "weight = in a definition" run "$tmp/def.ini" -o "$tmp/wd"
for f in descriptives.csv frequencies.csv comparisons.csv; do
	check "definition and --weight agree: $f" cmp -s "$tmp/w/$f" "$tmp/wd/$f"
done

# Unweighted runs keep today's columns.
check "unweighted run" run $D/weights.csv --group Alue -o "$tmp/u"
check "unweighted descriptives: no added columns" sh -c "head -1 $tmp/u/descriptives.csv | grep -q ',type,scale,note.\$'"
check "unweighted frequencies: no added columns" sh -c "head -1 $tmp/u/frequencies.csv | grep -q ',percent_of_answers,note.\$'"
check "unweighted summary.json: no weighting" sh -c "! grep -q weighting $tmp/u/summary.json"

# Raking.
check "raking to margins" run $D/weights_rake.ini -o "$tmp/r"
check "summary.json: raking variables and iterations" sh -c "grep -q '\"raking\"' $tmp/r/summary.json && grep -q '\"iterations\"' $tmp/r/summary.json"
check "report: how the weights were made" grep -q "vakioimalla (raking" "$tmp/r/report.md"
check "raked weights add up to the population" sh -c "grep -q '\"sum_of_weights\": 13000' $tmp/r/summary.json"
check "raking from base weights" run $D/weights_rake_base.ini -o "$tmp/rb"
check "raking from base weights differs from plain raking" sh -c "! cmp -s $tmp/r/descriptives.csv $tmp/rb/descriptives.csv"

# Bad weights: the message names file:line:column, exit non-zero, nothing written.
bad() {
	desc=$1 want=$2
	shift 2
	rm -rf "$tmp/bad"
	"$K" analyze "$@" --no-charts -q -o "$tmp/bad" 2>"$tmp/err" >/dev/null
	rc=$?
	if [ $rc -ne 0 ] && grep -qF -- "$want" "$tmp/err" && [ ! -e "$tmp/bad" ]; then ok; else
		no "$desc (exit $rc: $(cat "$tmp/err"))"; fi
}
printf 'a;w\nKyllä;1\nEi;-2\n' > "$tmp/neg.csv"
bad "negative weight" "$tmp/neg.csv:3:2: weight '-2' in column 'w' is negative" "$tmp/neg.csv" --weight w
printf 'a;w\nKyllä;1\nEi;paljon\n' > "$tmp/text.csv"
bad "text weight" "$tmp/text.csv:3:2: weight 'paljon' in column 'w' is not a number" "$tmp/text.csv" --weight w
printf 'a;w\nKyllä;\nEi;1\n' > "$tmp/empty.csv"
bad "missing weight" "$tmp/empty.csv:2:2: no weight for this respondent" "$tmp/empty.csv" --weight w
printf 'a;w\nKyllä;0\nEi;0,0\n' > "$tmp/zero.csv"
bad "all weights zero" "$tmp/zero.csv: every weight in column 'w' is 0" "$tmp/zero.csv" --weight w
bad "unknown weight column" "no column 'Weight' for --weight" $D/weights.csv --weight Weight
bad "weight column is a grouping" "is also a grouping column" $D/weights.csv --weight Paino --group Paino
printf 'a;w\nKyllä;1,5\nEi;2\n' > "$tmp/comma.csv"
check "decimal comma in a weight" run "$tmp/comma.csv" --weight w -o "$tmp/comma"

# Bad margins.
mk() { printf '[survey]\nexport = %s/%s/weights.csv\n\n[weighting]\nmargins = %s\n' "$PWD" "$D" "$1" > "$tmp/m.ini"; }
printf 'variable,category,population\nIkäryhmä,18-39,41000\nIkäryhmä,40-64,52000\n' > "$tmp/m1.csv"
mk "$tmp/m1.csv"
bad "respondent in a category absent from the margins" "weights.csv:4:4: '65+' of the margin variable 'Ikäryhmä' is not a category of $tmp/m1.csv" "$tmp/m.ini"
printf 'variable,category,population\nIkäryhmä,18-39,41000\nIkäryhmä,40-64,52000\nIkäryhmä,65+,37000\nSukupuoli,Nainen,1000\nSukupuoli,Mies,1000\n' > "$tmp/m2.csv"
mk "$tmp/m2.csv"
bad "margins of different totals" "$tmp/m2.csv:5:3: the populations of 'Sukupuoli' add up to 2000 but those of 'Ikäryhmä' to 130000" "$tmp/m.ini"
printf 'muuttuja,luokka,väestö\n' > "$tmp/m3.csv"
mk "$tmp/m3.csv"
bad "margins header" "$tmp/m3.csv:1:1: the margins file must start with the header variable,category,population" "$tmp/m.ini"
printf 'variable,category,population\nIkä,18-39,41000\n' > "$tmp/m4.csv"
mk "$tmp/m4.csv"
bad "unknown margin variable" "$tmp/m4.csv:2:1: no column 'Ikä'" "$tmp/m.ini"
printf 'variable,category,population\nIkäryhmä,18-39,paljon\n' > "$tmp/m5.csv"
mk "$tmp/m5.csv"
bad "population not a number" "$tmp/m5.csv:2:3: population of 'Ikäryhmä' = 'paljon' is not a positive number" "$tmp/m.ini"
sed 's/^\(3;[^;]*;[^;]*;\)65+;/\1;/' $D/weights.csv > "$tmp/gap.csv"
printf '[survey]\nexport = %s\n\n[weighting]\nmargins = %s/%s/weights_margins.csv\n' "$tmp/gap.csv" "$PWD" "$D" > "$tmp/gap.ini"
bad "respondent without a margin value" "gap.csv:4:4: no value of the margin variable 'Ikäryhmä' for this respondent" "$tmp/gap.ini"
bad "weights on a summary table" "weights need the respondents' rows" $D/summary_long.csv --weight Paino

# compare: each round's definition weights it.
for r in 1 2; do
	printf '[survey]\nexport = %s/%s/weights_r%s.csv\nround = R%s\nweight = Paino\nmin_n = 0\n' "$PWD" "$D" $r $r > "$tmp/r$r.ini"
done
check "compare weighted rounds" "$K" compare "$tmp/r1.ini" "$tmp/r2.ini" --group Rooli --min-n 0 --no-charts -q -o "$tmp/cmp"
check "changes of weighted rounds have numbers" sh -c "grep -q '^Q7,.*,\\*,\\*,R1,R2,41,41,2\\.' $tmp/cmp/changes.csv"
printf '[survey]\nexport = %s/%s/weights_r2.csv\nround = R2\nmin_n = 0\n' "$PWD" "$D" > "$tmp/r2u.ini"
check "compare weighted with unweighted round" "$K" compare "$tmp/r1.ini" "$tmp/r2u.ini" --no-charts -q -o "$tmp/cmp2"
check "a round weighted alone is not compared" grep -q "weighted in one round only" "$tmp/cmp2/changes.csv"

# batch: every survey and the series comparison take their own definition's weights.
mkdir -p "$tmp/batch"
for r in 1 2; do
	printf '[survey]\nexport = %s/%s/weights_r%s.csv\nround = R%s\nseries = paino\nweight = Paino\nmin_n = 0\n' "$PWD" "$D" $r $r > "$tmp/batch/r$r.ini"
done
check "batch of weighted rounds" sh -c "'$K' batch '$tmp/batch' -o '$tmp/bout' --no-charts >/dev/null"
check "batch: each survey weighted" sh -c "grep -q '\"weighting\"' '$tmp/bout/r1/summary.json' && grep -q '\"weighting\"' '$tmp/bout/r2/summary.json'"
"$K" compare "$tmp/r1.ini" "$tmp/r2.ini" --min-n 0 --no-charts -q -o "$tmp/cmp3"
check "batch: the series compared with weights" cmp -s "$tmp/cmp3/changes.csv" "$tmp/bout/compare/paino/changes.csv"

echo "weights: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
