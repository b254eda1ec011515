#!/bin/sh
# pspp.sh - the benchmark job as a PSPP user would write it: writes the
# syntax (bench/peers/job.sps is the one for the 50-item files) and runs it.
# usage: sh bench/peers/pspp.sh EXPORT.csv OUTDIR [ITEMS]
# Labels -> codes 1..5 (En ole käyttänyt and empty cells are missing); per
# item and group the frequencies (CROSSTABS), n, mean, SD, median and
# quartiles (EXAMINE; PSPP's default HAVERAGE percentiles), Mann-Whitney U
# (groups 1 vs 2) and Kruskal-Wallis over the three groups (NPAR TESTS);
# the tables go to OUTDIR/tables.csv.
set -eu
f=$1 out=$2 k=${3:-50}
mkdir -p "$out"
s="$out/job.sps"
{
	echo "SET DECIMAL=DOT."
	echo "GET DATA /TYPE=TXT /FILE='$f' /ENCODING='UTF-8'"
	echo "  /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /DELIMITERS=\";\" /QUALIFIER='\"'"
	printf "  /VARIABLES=id F8.0 ryhma A40"; i=1; while [ $i -le $k ]; do printf " s%d A40" $i; i=$((i + 1)); done; echo " avoin A400."
	echo "AUTORECODE ryhma /INTO g."
	echo "RECODE s1 TO s$k ('Ei vaikutusta'=1) ('Vähäinen vaikutus'=2)"
	echo "  ('Kohtalainen vaikutus'=3) ('Merkittävä vaikutus'=4)"
	echo "  ('Erittäin merkittävä vaikutus'=5) (ELSE=SYSMIS) INTO n1 TO n$k."
	echo "CROSSTABS /TABLES=n1 TO n$k BY g."
	echo "EXAMINE /VARIABLES=n1 TO n$k BY g /STATISTICS=DESCRIPTIVES"
	echo "  /PERCENTILES(25,50,75) /MISSING=PAIRWISE."
	echo "NPAR TESTS /M-W=n1 TO n$k BY g(1,2) /K-W=n1 TO n$k BY g(1,3)."
} >"$s"
pspp -O format=csv -o "$out/tables.csv" "$s"
