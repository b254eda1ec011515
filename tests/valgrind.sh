#!/bin/sh
# The command line end to end under valgrind (memcheck, full leak check):
# the sample analysed without charts, inspect with --write-definition, an
# XLSX workbook, a definition, and bad inputs (the error paths).  A run
# passes when it exits with its expected status; valgrind's own error exit
# status is 1, which kysely never uses.
# usage: sh tests/valgrind.sh build/kysely
K=${1:-build/kysely}
tmp=$(mktemp -d /tmp/kysely-vg.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
VG="valgrind -q --error-exitcode=1 --suppressions=tests/valgrind.supp --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
pass=0 failed=0
run() { # EXPECTED-STATUS ARGS...
	want=$1; shift
	$VG "$K" "$@" >/dev/null 2>"$tmp/log"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		echo "FAIL (exit $rc, want $want): kysely $*"
		grep -v '^kysely: ' "$tmp/log" | head -40
	fi
}
S=surveys/asukas-henkilosto-2024.csv
run 0 analyze "$S" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/a"
run 0 analyze "$S" --group Vastaajaryhmä --no-charts -q -o "$tmp/a"
run 0 analyze "$S" --group Vastaajaryhmä --no-charts --no-mask -q -o "$tmp/a"   # terms without masking
run 0 inspect "$S" --group Vastaajaryhmä -w "$tmp/def.ini"
run 0 analyze "$tmp/def.ini" --no-charts -q -o "$tmp/d"
run 0 analyze tests/data/forms_export.csv --group Unit --no-charts -q -o "$tmp/f"
run 0 analyze tests/data/hostile.csv --group Vastaajaryhmä --no-charts -q -o "$tmp/h"
run 0 inspect tests/fuzz/corpus/reader/book.xlsx
run 2 analyze "$S" --no-charts -q -o "$S"
run 0 compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini \
	surveys/asukas-henkilosto-2025.ini --group Vastaajaryhmä --no-charts -q -o "$tmp/c"
run 2 compare surveys/asukas-henkilosto-2024.ini -q -o "$tmp/c1"
mkdir -p "$tmp/p/2023" "$tmp/p/2024"
for y in 2023 2024; do
	cp surveys/asukas-henkilosto-$y.csv "$tmp/p/$y/a.csv"
	printf '[survey]\nexport = a.csv\nround = %s\n' $y >"$tmp/p/$y/a.ini"
done
printf '[survey]\nexport = missing.csv\n' >"$tmp/p/broken.ini"
run 3 batch "$tmp/p" -o "$tmp/b" -j 2 --no-charts -q
run 3 batch "$tmp/p" -o "$tmp/b" -j 1 --no-charts -q    # a rerun: the old outputs to the trash
for f in ragged.csv unbalanced_quote.csv utf16_nul_char.csv xlsx_bad_xml.xlsx \
	 xlsx_no_shared_strings.xlsx def_unknown_label.ini def_export_dir.ini; do
	want=$(sed -n 's/^exit //p' "tests/bad/$f.expected")
	run "$want" analyze "tests/bad/$f" --no-charts -q -o "$tmp/bad"
done
run 6 analyze tests/bad/xlsx_zip_bomb.xlsx --max-unzipped 8M --no-charts -q -o "$tmp/bad"
echo "valgrind: $pass passed, $failed failed"
test "$failed" -eq 0
