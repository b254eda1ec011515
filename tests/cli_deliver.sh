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
check "compare runs" "$K" compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini surveys/asukas-henkilosto-2025.ini --group Vastaajaryhmä --no-charts -q -o "$tmp/c"
check "compare tables.xlsx equals changes.csv" python3 tests/xlsx_check.py "$tmp/c" changes

# key findings: the rules of docs/findings.md applied by hand to the CSVs
# (tests/findings_check.py), and on tests/data/findings.csv the list itself:
# Q2 has the highest top-2 share (50 %: 20 of 40), Q4 the lowest (8 of 28 =
# 28.6 %), A answers Q2 higher than B (A all 4-5, B all 1-3: r = 1), the
# scale score too (Holm p 0.047), Q4 has 12 of 40 "En osaa sanoa" = 30 %
# and Q5 11 of 38 = 28.9 % (not listed).
check "findings export" "$K" analyze tests/data/findings.csv --group Ryhmä --population 80 --no-charts -q -o "$tmp/f"
check "findings follow the rules" python3 tests/findings_check.py "$tmp/f" 80
check "findings are exactly these" sh -c "python3 -c \"import json; print(' '.join(f['kind']+':'+str(f['item_id']) for f in json.load(open('$tmp/f/summary.json'))['findings']))\" | grep -qx 'response_rate:None highest_top2:Q2 lowest_top2:Q4 difference:Q2 difference:b1 nonsubstantive:Q4'"
check "findings first in report.md" sh -c "grep -n '^## ' $tmp/f/report.md | head -1 | grep -q 'Keskeiset havainnot'"
check "response rate in words" grep -q 'Vastausprosentti 50,0 % (40 vastaajaa 80 kutsutusta)' "$tmp/f/report.md"
check "difference in words" grep -q '”Palvelu oli nopeaa”: A vastasi korkeammin kuin B' "$tmp/f/report.md"
check "findings of the sample follow the rules" python3 tests/findings_check.py "$tmp/a"
check "sample by service area" "$K" analyze "$SAMPLE" --group Palvelualue --population 400 --no-charts -q -o "$tmp/p"
check "findings by service area follow the rules" python3 tests/findings_check.py "$tmp/p" 400
check "findings of compare follow the rules" python3 tests/findings_check.py "$tmp/c"
check "compare findings in its report" grep -q 'keskiarvo nousi' "$tmp/c/report.md"

echo "deliver: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
