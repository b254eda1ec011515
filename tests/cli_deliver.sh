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
check "first sheet explains every sheet and column" python3 tests/xlsx_about.py "$tmp/a"
check "first sheet explains in Finnish" sh -c "unzip -p $tmp/a/tables.xlsx xl/workbook.xml | grep -q 'name=\"Selitykset\"'"
check "first sheet explains p_holm" sh -c "unzip -p $tmp/a/tables.xlsx xl/sharedStrings.xml | grep -q 'p-arvo Holmin korjauksella'"
check "creation time fixed" sh -c "unzip -p $tmp/a/tables.xlsx docProps/core.xml | grep -q '1980-01-01T00:00:00Z'"
check "p-values formatted" sh -c "unzip -p $tmp/a/tables.xlsx xl/styles.xml | grep -q '&lt;0.001'"
check "English first sheet" "$K" analyze "$SAMPLE" --lang en --no-charts -q -o "$tmp/en"
check "English first sheet is About" sh -c "unzip -p $tmp/en/tables.xlsx xl/workbook.xml | grep -q 'name=\"About\"'"
check "Swedish" "$K" analyze "$SAMPLE" --lang sv --no-charts -q -o "$tmp/sv"
check "Swedish first sheet" sh -c "unzip -p $tmp/sv/tables.xlsx xl/workbook.xml | grep -q 'name=\"Förklaringar\"'"

# a weighted run (#25): its added columns are numbers and explained
check "weighted run" "$K" analyze tests/data/weights.csv --weight Paino --group Alue --min-n 0 --no-charts -q -o "$tmp/w"
check "weighted tables.xlsx equals its CSVs" python3 tests/xlsx_check.py "$tmp/w" $TABLES
check "weighted columns explained" python3 tests/xlsx_about.py "$tmp/w"
check "weighted findings follow the rules" python3 tests/findings_check.py "$tmp/w"

# hostile texts stay text: =1+1, @SUM, =cmd| are strings, never formulas
check "hostile analyses" "$K" analyze tests/data/hostile.csv --group 1 --min-n 0 --no-charts -q -o "$tmp/h"
check "hostile tables.xlsx equals its CSVs" python3 tests/xlsx_check.py "$tmp/h" $TABLES
check "hostile group name is a string cell" sh -c "unzip -p $tmp/h/tables.xlsx xl/sharedStrings.xml | grep -q '>=cmd|'"
check "no formula in any sheet" sh -c "! unzip -p $tmp/h/tables.xlsx 'xl/worksheets/*.xml' | grep -q '<f>'"

# compare: the changes as a sheet
check "compare runs" "$K" compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini surveys/asukas-henkilosto-2025.ini --group Vastaajaryhmä --no-charts -q -o "$tmp/c"
check "compare tables.xlsx equals changes.csv" python3 tests/xlsx_check.py "$tmp/c" changes
check "compare's first sheet explains every column" python3 tests/xlsx_about.py "$tmp/c"

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

# --report, report =, a missing pandoc: checked without pandoc
check "--report bogus is a usage error" sh -c "$K analyze $SAMPLE --report html,odt -q -o $tmp/x >/dev/null 2>&1; test \$? -eq 2"
check "--template needs .pptx or .docx" sh -c "$K analyze $SAMPLE --template $SAMPLE -q -o $tmp/x >/dev/null 2>&1; test \$? -eq 2"
check "--report md writes no report.html" sh -c "$K analyze $SAMPLE --report md --no-charts -q -o $tmp/md && test -s $tmp/md/report.md && ! test -e $tmp/md/report.html && test -s $tmp/md/tables.xlsx"
KYSELY_PANDOC=/nonexistent/pandoc "$K" analyze "$SAMPLE" --report docx --no-charts -q -o "$tmp/nopandoc" 2>"$tmp/nopandoc.err"
rc=$?
check "missing pandoc: tool error (7)" test $rc -eq 7
check "missing pandoc names the package" grep -q "install the Debian package pandoc" "$tmp/nopandoc.err"
check "missing pandoc: nothing written" sh -c "! ls -d $tmp/nopandoc* 2>/dev/null | grep -v err"
printf '[survey]\nexport = %s\nreport = md | html\nlang = en\n' "$PWD/$SAMPLE" > "$tmp/def.ini"
check "report = in a definition" sh -c "$K analyze $tmp/def.ini --no-charts -q -o $tmp/def && test -s $tmp/def/report.html && test -s $tmp/def/report.md"
printf '[survey]\nexport = %s\nreport = html, odt\n' "$PWD/$SAMPLE" > "$tmp/bad.ini"
check "report = odt is an error naming the line" sh -c "$K analyze $tmp/bad.ini -q -o $tmp/bad 2>&1 | grep -q 'bad.ini:3: report = html, odt: expected html, md, pptx or docx'"

# report.pptx and report.docx: only where pandoc is installed (CI has it;
# make check-report opens them in LibreOffice)
if command -v pandoc >/dev/null 2>&1 && command -v gnuplot >/dev/null 2>&1; then
	check "pptx and docx" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --population 400 --report html,md,pptx,docx -q -o "$tmp/d1"
	check "pptx rerun" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --population 400 --report html,md,pptx,docx -q -o "$tmp/d2"
	for f in report.pptx report.docx tables.xlsx report.html; do
		check "$f identical on rerun" cmp -s "$tmp/d1/$f" "$tmp/d2/$f"
	done
	check "no temporary files left" sh -c "! ls -a $tmp/d1 | grep -q '^\\.[a-z]'"
	check "pptx and docx are zip archives that unzip tests" sh -c "unzip -tq $tmp/d1/report.pptx && unzip -tq $tmp/d1/report.docx"
	# every slide part of every chart is a picture on a slide of its own
	parts=$(ls "$tmp/d1/charts/slides" | wc -l)
	media=$(unzip -l "$tmp/d1/report.pptx" | grep -c 'ppt/media/image')
	slides=$(unzip -l "$tmp/d1/report.pptx" | grep -c 'ppt/slides/slide[0-9]*\.xml')
	check "every slide chart in the deck ($parts parts, $media pictures)" test "$parts" -eq "$media"
	check "title, findings, charts, differences, open answers and methods slides ($slides)" test "$slides" -ge $((parts + 5))
	check "slide 2 holds the key findings" sh -c "unzip -p $tmp/d1/report.pptx ppt/slides/slide2.xml | grep -q 'Keskeiset havainnot'"
	check "title slide: respondents and response rate" sh -c "unzip -p $tmp/d1/report.pptx ppt/slides/slide1.xml | grep -q 'Vastaajia: 125 · vastausprosentti 31,2 %'"
	check "open answers slide per group" sh -c "for i in \$(seq 1 $slides); do unzip -p $tmp/d1/report.pptx ppt/slides/slide\$i.xml; done | grep -q 'Avoimet vastaukset: .* – Asukas'"
	check "open answers masked on slides" sh -c "for i in \$(seq 1 $slides); do unzip -p $tmp/d1/report.pptx ppt/slides/slide\$i.xml; done | grep -q '\[sähköposti\]'"
	check "slide charts are 1540 px wide" python3 -c "import struct, sys; sys.exit(any(struct.unpack('>I', open(f, 'rb').read(20)[16:20])[0] != 1540 for f in sys.argv[1:]))" "$tmp"/d1/charts/slides/*.png
	check "docx has headings" sh -c "unzip -p $tmp/d1/report.docx word/document.xml | grep -q 'w:pStyle w:val=\"Heading1\"'"
	check "docx has Word tables" sh -c "unzip -p $tmp/d1/report.docx word/document.xml | grep -q '<w:tbl>'"
	check "docx has the charts" sh -c "unzip -l $tmp/d1/report.docx | grep -q 'media/.*png'"
	check "docx is A4" sh -c "unzip -p $tmp/d1/report.docx word/document.xml | grep -q 'w:pgSz w:h=.16838. w:w=.11906.'"
	# a county's slide master: its funder line lands in the deck's master
	python3 tests/county_template.py plots/reference.pptx "$tmp/county.pptx"
	check "--template county.pptx" "$K" analyze "$SAMPLE" --report pptx --template "$tmp/county.pptx" --no-charts -q -o "$tmp/cty"
	check "the county's master is used" sh -c "unzip -p $tmp/cty/report.pptx ppt/slideMasters/slideMaster1.xml | grep -q 'NextGenerationEU'"
	# hostile texts stay text in both
	check "hostile pptx and docx" "$K" analyze tests/data/hostile.csv --group 1 --min-n 0 --report pptx,docx -q -o "$tmp/hd"
	docx_text=$(unzip -p "$tmp/hd/report.docx" word/document.xml)
	for s in '=1+1' '@SUM(1+1)' '&lt;script&gt;alert' '[linkki](javascript:alert(1))' '**lihavoitu**'; do
		check "docx keeps $s as text" sh -c 'printf %s "$1" | grep -qF -- "$2"' _ "$docx_text" "$s"
	done
	check "docx has no hyperlink" sh -c 'printf %s "$1" | grep -vq "w:hyperlink"' _ "$docx_text"
	deck_text=$(n=$(unzip -l "$tmp/hd/report.pptx" | grep -c 'ppt/slides/slide[0-9]*\.xml'); for i in $(seq 1 "$n"); do unzip -p "$tmp/hd/report.pptx" "ppt/slides/slide$i.xml"; done)
	for s in '=1+1' '@SUM(1+1)' '&lt;script&gt;alert' '[linkki](javascript:alert(1))'; do
		check "pptx keeps $s as text" sh -c 'printf %s "$1" | grep -qF -- "$2"' _ "$deck_text" "$s"
	done
	check "pptx has no link" sh -c 'printf %s "$1" | grep -vq "hlinkClick"' _ "$deck_text"
	check "compare pptx and docx" "$K" compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2025.ini --report pptx,docx -q -o "$tmp/cd"
	check "compare deck has its findings" sh -c "unzip -p $tmp/cd/report.pptx ppt/slides/slide2.xml | grep -q 'Keskeiset havainnot'"
	check "compare docx" test -s "$tmp/cd/report.docx"
else
	echo "deliver: pandoc or gnuplot not installed: report.pptx and report.docx not tested (make check-report does)"
fi

echo "deliver: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
