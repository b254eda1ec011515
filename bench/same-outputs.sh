#!/bin/sh
# same-outputs.sh - two kysely builds give byte-identical output folders on
# the bundled sample, tests/data/*.csv and ../shared/data/*/export.csv.
# usage: sh bench/same-outputs.sh OLD_KYSELY NEW_KYSELY
set -u
A=$1 B=$2
w=$(mktemp -d /tmp/kysely-same.XXXXXX)
trap 'rm -rf "$w"' EXIT
rc=0 n=0
for f in surveys/asukas-henkilosto-2024.csv tests/data/*.csv ../shared/data/*/export.csv; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	for g in "" "--group 3"; do
		"$A" analyze "$f" $g --no-charts -q -o "$w/a" 2>"$w/ea"; ra=$?
		"$B" analyze "$f" $g --no-charts -q -o "$w/b" 2>"$w/eb"; rb=$?
		if [ $ra -ne $rb ] || ! cmp -s "$w/ea" "$w/eb" || { [ $ra -eq 0 ] && ! diff -r "$w/a" "$w/b" >/dev/null; }; then
			echo "DIFFERENT: $f $g (exit $ra vs $rb)"
			rc=1
		fi
		rm -rf "$w/a" "$w/b"
	done
done
echo "same-outputs: $n exports, each without and with --group 3: $([ $rc -eq 0 ] && echo identical || echo DIFFERENT)"
exit $rc
