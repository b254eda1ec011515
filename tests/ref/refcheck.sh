#!/bin/sh
# refcheck.sh - kysely against the R references for any export (make refcheck).
#   sh tests/ref/refcheck.sh KYSELY EXPORT [GROUP] [REVERSE]
# GROUP: a grouping column (may be empty); REVERSE: reverse-keyed items by
# header text, separated by '|'.  Writes build/refcheck/{kysely,r,rtypes}.
set -e
ky=$1 export_=$2 group=$3 reverse=$4
out=build/refcheck
rm -rf "$out"
set --
if [ -n "$reverse" ]; then
	rest=$reverse
	while [ -n "$rest" ]; do
		h=${rest%%|*}
		set -- "$@" --reverse "$h"
		case $rest in *"|"*) rest=${rest#*|} ;; *) rest= ;; esac
	done
fi
if [ -n "$group" ]; then
	"$ky" analyze "$export_" --group "$group" "$@" --min-n 0 --no-charts -q -o "$out/kysely"
	Rscript tests/ref/types.R "$export_" "$out/rtypes" "$@" "$group"
	Rscript tests/ref/describe.R "$export_" "$out/r" "$group"
	Rscript tests/ref/groups.R "$export_" "$out/r" "$group"
else
	"$ky" analyze "$export_" "$@" --min-n 0 --no-charts -q -o "$out/kysely"
	Rscript tests/ref/types.R "$export_" "$out/rtypes" "$@"
	Rscript tests/ref/describe.R "$export_" "$out/r"
fi
ok=0
Rscript tests/ref/compare.R "$out/kysely" "$out/r" || ok=1
Rscript tests/ref/compare.R "$out/kysely" "$out/rtypes" || ok=1
exit $ok
