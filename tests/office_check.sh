#!/bin/sh
# Opens what the analyst hands over in a real office suite: report.pptx,
# report.docx and tables.xlsx of the sample (and of the hostile export, and
# with a county slide master) are converted to PDF by LibreOffice (headless)
# and to page images by poppler; the checks look at what was drawn.  Every
# XML part of the three files must also be well-formed (xmllint), so that
# PowerPoint, Word and Excel open them without a repair prompt.  The PDFs and
# page images stay in build/office-check/ for people to look at.
# usage: sh tests/office_check.sh build/kysely    (make check-report)
K=${1:-build/kysely}
OUT=build/office-check
rm -rf "$OUT" && mkdir -p "$OUT"
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
office() {   # office FILE OUTDIR: FILE as OUTDIR/<name>.pdf
	mkdir -p "$2"
	timeout 300 soffice --headless --norestore -env:UserInstallation="file://$(pwd)/$OUT/profile" \
		--convert-to pdf --outdir "$2" "$1" >>"$OUT/soffice.log" 2>&1
}

python3 tests/county_template.py plots/reference.pptx "$OUT/county.pptx"
"$K" analyze surveys/asukas-henkilosto-2024.csv --group Vastaajaryhmä --population 400 \
	--report html,md,pptx,docx -q -o "$OUT/sample" || exit 1
"$K" analyze tests/data/hostile.csv --group Vastaajaryhmä --min-n 0 --report pptx,docx -q \
	-o "$OUT/hostile" || exit 1
"$K" analyze surveys/asukas-henkilosto-2024.csv --group Palvelualue --report pptx \
	--template "$OUT/county.pptx" -q -o "$OUT/county" || exit 1
"$K" compare surveys/asukas-henkilosto-2023.ini surveys/asukas-henkilosto-2024.ini \
	surveys/asukas-henkilosto-2025.ini --group Vastaajaryhmä --report pptx,docx -q \
	-o "$OUT/rounds" || exit 1

# OOXML: every part of every file well-formed XML
for d in sample hostile county rounds; do
	for f in "$OUT/$d"/report.pptx "$OUT/$d"/report.docx "$OUT/$d"/tables.xlsx; do
		[ -e "$f" ] || continue
		x="$OUT/xml/$d/$(basename "$f")"
		mkdir -p "$x" && unzip -q -o "$f" -d "$x"
		n=$(find "$x" -name '*.xml' -o -name '*.rels' | wc -l)
		bad=$(find "$x" \( -name '*.xml' -o -name '*.rels' \) -exec xmllint --noout {} \; 2>&1 | wc -l)
		check "$d/$(basename "$f"): $n XML parts well-formed" test "$bad" -eq 0 -a "$n" -gt 3
		check "$d/$(basename "$f"): content types declared" test -s "$x/[Content_Types].xml"
	done
done

# report.pptx: one page per slide, every slide chart drawn, at 12 pt or more,
# no text outside the slide nor smaller than 12 pt
for d in sample hostile county rounds; do
	f="$OUT/$d/report.pptx"
	office "$f" "$OUT/pdf/$d-pptx"
	pdf="$OUT/pdf/$d-pptx/report.pdf"
	check "$d: report.pptx rendered" test -s "$pdf"
	slides=$(unzip -l "$f" | grep -c 'ppt/slides/slide[0-9]*\.xml')
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	check "$d: one page per slide ($slides slides, ${pages:-0} pages)" test "${pages:-0}" -eq "$slides"
	# (compare's trend charts, three rounds or more, have no slide layout:
	# they are shown as drawn, one slide each)
	parts=$(ls "$OUT/$d/charts/slides" 2>/dev/null | wc -l)
	trends=$(ls "$OUT/$d/charts" | grep -c 'trend\.png$')
	drawn=$(pdfimages -list "$pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
	check "$d: every slide chart drawn ($parts parts, $trends trend charts, $drawn images)" test "$drawn" -eq $((parts + trends))
	check "$d: charts shown at 165 ppi or less (their text 12 pt or more)" sh -c \
		"pdfimages -list $pdf | awk 'NR > 2 && \$3 == \"image\" && \$4 == 1540 && \$13 > 165 { bad = 1 } END { exit bad }'"
	check "$d: every slide chart is a slide part (1540 px wide), but trend charts" sh -c \
		"test \$(pdfimages -list $pdf | awk 'NR > 2 && \$3 == \"image\" && \$4 != 1540' | wc -l) -eq $trends"
	pdftotext -bbox "$pdf" "$OUT/pdf/$d-pptx/bbox.html"
	check "$d: no text outside the slide" python3 - "$OUT/pdf/$d-pptx/bbox.html" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', t, re.S):
    w, h = float(page.group(1)), float(page.group(2))
    for m in re.finditer(r'xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)', page.group(3)):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        if x0 < 0 or y0 < 0 or x1 > w + 0.5 or y1 > h + 0.5:
            print("outside the slide:", m.group(5), x0, y0, x1, y1)
            bad = 1
sys.exit(bad)
EOF
	# a word's box is about 1.3 times its font size (DejaVu Sans): 12 pt is 15.6
	check "$d: no slide text smaller than 12 pt" python3 - "$OUT/pdf/$d-pptx/bbox.html" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
small = [(m.group(3), float(m.group(2)) - float(m.group(1)))
         for m in re.finditer(r'yMin="([-\d.]+)" xMax="[-\d.]+" yMax="([-\d.]+)">([^<]*)', t)
         if float(m.group(2)) - float(m.group(1)) < 15.0]
for w, hgt in small[:5]:
    print("small text:", w, hgt)
sys.exit(1 if small else 0)
EOF
	pdftoppm -r 40 -png "$pdf" "$OUT/pdf/$d-pptx/slide"
done
check "sample: slide 2 is the key findings" sh -c "pdftotext -f 2 -l 2 $OUT/pdf/sample-pptx/report.pdf - | grep -q 'Keskeiset havainnot'"
check "sample: title slide says respondents and response rate" sh -c \
	"pdftotext -f 1 -l 1 $OUT/pdf/sample-pptx/report.pdf - | grep -q 'vastausprosentti 31,2 %'"
check "sample: methods slide" sh -c "pdftotext $OUT/pdf/sample-pptx/report.pdf - | grep -q 'Menetelmät'"
pages=$(pdfinfo "$OUT/pdf/county-pptx/report.pdf" | awk '/^Pages:/ { print $2 }')
with=$(pdftotext "$OUT/pdf/county-pptx/report.pdf" - | grep -c 'NextGenerationEU')
check "county: the funder's line on every slide ($with of $pages)" test "$with" -eq "$pages"
check "hostile: texts stay text on slides" sh -c \
	"pdftotext $OUT/pdf/hostile-pptx/report.pdf - | grep -q '=1+1 on kaava' && pdftotext $OUT/pdf/hostile-pptx/report.pdf - | grep -q '<script>alert'"

# report.docx: headings, charts, tables
for d in sample hostile rounds; do
	office "$OUT/$d/report.docx" "$OUT/pdf/$d-docx"
	pdf="$OUT/pdf/$d-docx/report.pdf"
	check "$d: report.docx rendered on A4" sh -c "pdfinfo $pdf | grep -q 'Page size: *59[45].* x 841.* pts (A4)'"
	pdftoppm -r 40 -png "$pdf" "$OUT/pdf/$d-docx/page"
done
pdf="$OUT/pdf/sample-docx/report.pdf"
charts=$(python3 -c "import json, sys; print(sum(len(c.get('pages', [])) or 1 for c in json.load(open(sys.argv[1]))['charts']))" "$OUT/sample/summary.json")
drawn=$(pdfimages -list "$pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
check "sample docx: every chart drawn ($charts charts, $drawn images)" test "$drawn" -eq "$charts" -a "$charts" -gt 0
check "sample docx: key findings first" sh -c "pdftotext $pdf - | grep -m1 -n 'Keskeiset havainnot\|b1\\.' | grep -q 'Keskeiset havainnot'"
check "sample docx: tables drawn" sh -c "pdftotext -layout $pdf - | grep -q 'Väittämä.*Ryhmä'"
check "sample docx: headings are Word headings" sh -c \
	"unzip -p $OUT/sample/report.docx word/document.xml | grep -o 'w:val=\"Heading[12]\"' | wc -l | awk '{ exit \$1 < 5 }'"
check "hostile docx: texts stay text" sh -c "pdftotext $OUT/pdf/hostile-docx/report.pdf - | grep -q '\\[linkki\\](javascript:alert(1))'"

# tables.xlsx: Calc opens it; every sheet printed with its numbers
office "$OUT/sample/tables.xlsx" "$OUT/pdf/sample-xlsx"
pdf="$OUT/pdf/sample-xlsx/tables.pdf"
check "tables.xlsx rendered by Calc" test -s "$pdf"
pdftotext -layout "$pdf" "$OUT/pdf/sample-xlsx/tables.txt"
check "tables.xlsx: the first sheet explains the columns" grep -q 'p-arvo Holmin korjauksella' "$OUT/pdf/sample-xlsx/tables.txt"
check "tables.xlsx: frequencies printed" grep -q 'Erittäin merkittävä vaikutus' "$OUT/pdf/sample-xlsx/tables.txt"
check "tables.xlsx: a mean in its number format (3.01 or 3,01)" grep -Eq '3[.,]01\b' "$OUT/pdf/sample-xlsx/tables.txt"
pdftoppm -r 40 -png -l 3 "$pdf" "$OUT/pdf/sample-xlsx/page"

rm -rf "$OUT/profile"
echo "office-check: $pass passed, $failed failed (PDFs and pages in $OUT/pdf/)"
test "$failed" -eq 0
