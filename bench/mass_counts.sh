#!/bin/sh
# A check to run by hand (not a project test: it needs ../shared/data/mass):
# the Math Anxiety Scale's count tables give the same frequencies,
# descriptives and group comparisons as its raw export.  Item ids differ
# (Q<position> of each file) and the raw export's headers carry the question
# stem, so both are taken out before comparing; the raw run's scale-score
# tests have no counterpart (a summary table has no respondent rows).
# usage: sh bench/mass_counts.sh [build/kysely] [../shared/data/mass]
K=${1:-build/kysely}
M=${2:-../shared/data/mass}
tmp=$(mktemp -d /tmp/kysely-mass.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
S='How much do you agree or disagree with the following statements?:'
"$K" analyze "$M/export.csv" --no-charts -q -o "$tmp/raw" &&
"$K" analyze "$M/counts.csv" --no-charts -q -o "$tmp/cnt" &&
"$K" analyze "$M/export.csv" --group Gender --no-charts -q -o "$tmp/rawg" &&
"$K" analyze "$M/counts_by_gender.csv" --no-charts -q -o "$tmp/cntg" || exit 1
rc=0
for pair in "raw cnt" "rawg cntg"; do
	set -- $pair
	for f in frequencies descriptives comparisons; do
		cut -d, -f2- "$tmp/$1/$f.csv" | sed "s/^$S//" | grep -v '^Gender,\*' |
			grep -v '^Scale score: ' >"$tmp/r"
		cut -d, -f2- "$tmp/$2/$f.csv" >"$tmp/c"
		if cmp -s "$tmp/r" "$tmp/c"; then
			echo "same: $2 $f.csv ($(($(wc -l <"$tmp/c") - 1)) rows)"
		else
			echo "DIFFERENT: $2 $f.csv"; diff "$tmp/r" "$tmp/c" | head; rc=1
		fi
	done
done
exit $rc
