#!/bin/sh
# Looks at report.html as a reader would: headless Chromium prints the
# sample's report to PDF (A4, as "Print" does) and serialises the page it
# parsed; poppler's tools then check what was drawn.  Also renders the
# hostile export (tests/data/hostile.csv) and checks that its texts stayed
# text.  The PDFs and page images stay in build/report-check/ for people.
# usage: sh tests/report_check.sh build/kysely    (make check-report)
K=${1:-build/kysely}
OUT=build/report-check
rm -rf "$OUT" && mkdir -p "$OUT"
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$OUT/profile" "$@" 2>>"$OUT/chromium.log"
}

"$K" analyze surveys/asukas-henkilosto-2024.csv --group Vastaajaryhmä \
	--reverse "Asiointi on muuttunut hankalammaksi" --format png -q -o "$OUT/sample" || exit 1
"$K" analyze tests/data/hostile.csv --group Vastaajaryhmä --format png -q -o "$OUT/hostile" || exit 1

for r in sample hostile; do
	html="$(pwd)/$OUT/$r/report.html"
	browser --no-pdf-header-footer --print-to-pdf="$OUT/$r.pdf" "file://$html" >/dev/null
	browser --dump-dom "file://$html" >"$OUT/$r.dom.html"
	check "$r: printed to PDF" test -s "$OUT/$r.pdf"
	check "$r: A4 pages" sh -c "pdfinfo $OUT/$r.pdf | grep -q 'Page size: *59[45].* x 841.* pts (A4)'"
	pdftotext -layout "$OUT/$r.pdf" "$OUT/$r.txt"
	# every chart of summary.json is drawn exactly once (decoded, never cut
	# across two pages): one image object per chart in the PDF
	# (a chart taller than a page is shown as its page parts: "pages")
	charts=$(python3 -c "import json, sys; print(sum(len(c.get('pages', [])) or 1 for c in json.load(open(sys.argv[1]))['charts']))" "$OUT/$r/summary.json")
	drawn=$(pdfimages -list "$OUT/$r.pdf" | awk 'NR > 2 && $3 == "image" { print $11 }' | sort -u | wc -l)
	shown=$(pdfimages -list "$OUT/$r.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
	check "$r: all $charts charts drawn ($drawn)" test "$drawn" -eq "$charts" -a "$charts" -gt 0
	check "$r: no chart cut across pages ($shown placements)" test "$shown" -eq "$drawn"
	check "$r: the page parsed has no script element" sh -c "! grep -qi '<script' $OUT/$r.dom.html"
	check "$r: methods note printed" grep -q 'Menetelmät' "$OUT/$r.txt"
	pdftoppm -r 50 -png "$OUT/$r.pdf" "$OUT/$r-page"
done
pages=$(pdfinfo "$OUT/sample.pdf" | awk '/^Pages:/ { print $2 }')
check "sample: report runs to several pages ($pages)" test "$pages" -ge 5
check "sample: Finnish text intact" grep -q 'Kyselyn tulokset: asukas-henkilosto-2024.csv' "$OUT/sample.txt"
check "sample: group comparison in words" grep -Eq '(ei käytännössä eroa|pieni ero|kohtalainen ero|suuri ero)' "$OUT/sample.txt"
check "sample: e-mail masked in print" sh -c "grep -q '\\[sähköposti\\]' $OUT/sample.txt && ! grep -q 'example.fi' $OUT/sample.txt"
check "hostile: tags printed as text" grep -q '<script>alert(1)</script>' "$OUT/hostile.txt"
check "hostile: formula group printed as text" grep -q "=cmd|' /C calc'!A0" "$OUT/hostile.txt"
check "hostile: no element from input text" sh -c "! grep -q '<img src=\"x\"\\|<b>Henkil' $OUT/hostile.dom.html"
rm -rf "$OUT/profile"
echo "report-check: $pass passed, $failed failed (PDFs and pages in $OUT/)"
test "$failed" -eq 0
