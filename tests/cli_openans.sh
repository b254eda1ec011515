#!/bin/sh
# End-to-end tests of open answers: terms by base form in keywords.csv
# against counts made by construction (tests/openans_gen.py writes Finnish,
# Swedish and English answers with known inflected forms, stop words,
# numbers and names), names masked in every output file, ordinary words
# kept, --no-mask, a missing Voikko, and the report's terms section.
# usage: sh tests/cli_openans.sh build/kysely
K=${1:-build/kysely}
tmp=$(mktemp -d /tmp/kysely-openans.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }

python3 tests/openans_gen.py gen "$tmp" || { echo "openans: generator failed"; exit 1; }
charts=--no-charts
command -v gnuplot >/dev/null 2>&1 && charts="--format png,svg"

for lang in fi sv en; do
	out="$tmp/out-$lang"
	check "$lang: analyses" "$K" analyze "$tmp/$lang.csv" --group 1 --lang $lang $charts -q -o "$out"
	check "$lang: keywords.csv written" test -s "$out/keywords.csv"
	# term counts, percentages, order and examples against the construction
	check "$lang: keywords rows equal the counts by construction" \
		python3 tests/openans_gen.py check "$out/keywords.csv" "$tmp/$lang.expected.csv" \
		"$tmp/$lang.forms.csv" "$tmp/names.txt"
	# no name written into any answer reaches any output file (CSV, JSON,
	# Markdown, HTML, SVG charts); the base64 PNGs in report.html are not
	# text, so the PNG-free HTML is searched too
	leaks=$(grep -rawiF -f "$tmp/names.txt" "$out" --include='*.csv' --include='*.json' \
		--include='*.md' --include='*.svg' | head -3)
	check "$lang: no name in any output file ($leaks)" test -z "$leaks"
	sed 's/base64,[A-Za-z0-9+\/=]*//g' "$out/report.html" > "$tmp/report-$lang.html"
	check "$lang: no name in report.html" sh -c "! grep -qawiF -f '$tmp/names.txt' '$tmp/report-$lang.html'"
done

o="$tmp/out-fi"
# tables.xlsx holds keywords.csv as a sheet, cell for cell, explained on its first sheet
check "fi: tables.xlsx holds keywords" python3 tests/xlsx_check.py "$o" keywords
check "fi: tables.xlsx explains the keywords sheet" python3 tests/xlsx_about.py "$o"
# the masking is counted per question, never what was masked
n_names=$(python3 -c "import json,sys; print(json.load(open('$o/summary.json'))['open_answers'][0]['names_masked'])")
check "fi: summary.json counts masked names ($n_names)" test "$n_names" -gt 20
# ordinary words and place names stay
check "fi: sentence-initial Kiitos kept" grep -q '^- Kiitos' "$o/report.md"
check "fi: Hyvä kept" grep -q 'Hyvä' "$o/report.md"
check "fi: place name Kokkolassa kept" grep -q 'Kokkolassa' "$o/report.md"
check "fi: titles kept, the name after them masked" grep -qF 'lääkäri \[nimi\]' "$o/report.md"
check "fi: a full name is one placeholder" sh -c "! grep -qF '[nimi] [nimi]' '$o/summary.json'"
check "fi: report has the terms table" grep -q '| Ryhmä | Sana | Vastauksia | % vastauksista |' "$o/report.md"
check "fi: report quotes answers" grep -q '^\*\*Poimintoja\*\*' "$o/report.md"
check "fi: the hidden groups are pooled in keywords.csv or left out" \
	sh -c "! grep -q ',Ryhmä,C,\|,Ryhmä,D,' '$o/keywords.csv'"
check "sv: names masked as [namn]" grep -qF '[namn]' "$tmp/out-sv/summary.json"
check "en: names masked as [name]" grep -qF '[name]' "$tmp/out-en/summary.json"
if command -v gnuplot >/dev/null 2>&1; then
	check "fi: chart of terms" test -s "$o/charts/q3-terms.svg"
fi

# answers of respondents without a group, too few to be listed (3 < 5),
# count in everybody's terms but are never quoted (the report does not
# list them)
python3 - "$tmp/hid.csv" <<'EOF'
import csv, sys
rows = [["Ryhmä", "Olen tyytyväinen", "Palaute"]]
for g, n in (("A", 30), ("B", 30)):
    for i in range(n):
        rows.append([g, "Samaa mieltä", "Palvelu oli hyvää ja nopeaa %d." % i])
rows.append(["", "Eri mieltä", "Salainen asia yksi."])
rows.append(["", "Eri mieltä", "Salainen asia kaksi."])
rows.append(["", "Eri mieltä", "Salaisen asian kolmas."])
csv.writer(open(sys.argv[1], "w", newline="")).writerows(rows)
EOF
check "hidden: analyses" "$K" analyze "$tmp/hid.csv" --group 1 --no-charts -q -o "$tmp/hid"
check "hidden: everybody's term counted" grep -q '^Palaute,Palaute,\*,\*,salainen,3,4.76190476190476,.$' "$tmp/hid/keywords.csv"
check "hidden: never quoted" sh -c "! grep -qi 'salainen asia\|salaisen asian' '$tmp/hid/keywords.csv' '$tmp/hid/report.md'"

# an export of open questions only is analysed (not "nothing to analyse")
printf 'Ryhmä,Palaute\nA,Palvelu oli hyvä ja kiitos Maijalle.\nA,Palvelun laatu parani.\nB,Palveluja pitäisi olla enemmän.\nB,Hyvä palvelu.\nA,Kiitos kaikille.\nB,Palvelut ovat hyviä.\n' >"$tmp/only.csv"
check "open only: analyses" "$K" analyze "$tmp/only.csv" --min-n 0 --no-charts -q -o "$tmp/only"
check "open only: palvelu in 5 answers (palvelu, Palvelun, Palveluja, palvelu, Palvelut)" \
	grep -q '^Palaute,Palaute,\*,\*,palvelu,5,83.3333333333333,' "$tmp/only/keywords.csv"
check "open only: hyvä in 3 answers (hyvä, Hyvä, hyviä)" \
	grep -q '^Palaute,Palaute,\*,\*,hyvä,3,50,' "$tmp/only/keywords.csv"
check "open only: Maijalle masked" sh -c "! grep -rq Maija '$tmp/only'"

# byte-identical reruns
check "fi: rerun" "$K" analyze "$tmp/fi.csv" --group 1 --no-charts -q -o "$tmp/r1"
check "fi: rerun again" "$K" analyze "$tmp/fi.csv" --group 1 --no-charts -q -o "$tmp/r2"
check "fi: reruns give identical keywords.csv" cmp -s "$tmp/r1/keywords.csv" "$tmp/r2/keywords.csv"
check "fi: reruns give identical summary.json" cmp -s "$tmp/r1/summary.json" "$tmp/r2/summary.json"

# --no-mask keeps the names (as it keeps e-mail addresses)
check "fi: --no-mask analyses" "$K" analyze "$tmp/fi.csv" --group 1 --no-charts --no-mask -q -o "$tmp/nm"
check "fi: --no-mask keeps names" grep -q 'Virtaselle' "$tmp/nm/report.md"
check "fi: --no-mask: names_masked is null" grep -q '"names_masked": null' "$tmp/nm/summary.json"

# Voikko missing: masking names cannot be done, so nothing is written and
# the message says what to install; with --no-mask the terms come from
# Snowball's Finnish stemmer and the report says so
KYSELY_VOIKKO_LIB=/nonexistent/libvoikko.so.1 "$K" analyze "$tmp/fi.csv" --no-charts -q \
	-o "$tmp/nv" 2>"$tmp/nv.err"
rc=$?
check "no Voikko: exit 7 (tool missing)" test $rc -eq 7
check "no Voikko: message names the packages" grep -q 'install the package libvoikko1 (and voikko-fi), or run with --no-mask' "$tmp/nv.err"
check "no Voikko: nothing written" test ! -e "$tmp/nv"
check "no Voikko, --no-mask: analyses" env KYSELY_VOIKKO_LIB=/nonexistent/libvoikko.so.1 \
	"$K" analyze "$tmp/fi.csv" --no-charts --no-mask -q -o "$tmp/nv2"
check "no Voikko, --no-mask: the report says Snowball" grep -q 'Snowball' "$tmp/nv2/report.md"

# Voikko's Finnish dictionary missing (hidden by an empty mount, where this
# user may do so): the same, naming voikko-fi.  Not under a sanitizer: there
# voikkoInit's C++ exception (libstdc++ opened with Voikko, after the start)
# stops AddressSanitizer's __cxa_throw interceptor.
if unshare -m sh -c 'mount -t tmpfs none /usr/lib/voikko' 2>/dev/null &&
   ! grep -aq '__asan_init\|__tsan_init' "$K"; then
	unshare -m sh -c "mount -t tmpfs none /usr/lib/voikko && exec '$K' analyze '$tmp/fi.csv' --no-charts -q -o '$tmp/nd'" 2>"$tmp/nd.err"
	rc=$?
	check "no dictionary: exit 7" test $rc -eq 7
	check "no dictionary: message names voikko-fi" grep -q "needs Voikko's Finnish dictionary.*install the package voikko-fi, or run with --no-mask" "$tmp/nd.err"
	check "no dictionary: nothing written" test ! -e "$tmp/nd"
fi

# A survey without open answers never loads Voikko nor libstemmer (the
# dynamic loader's own log of the files it opens), one with them does.
LD_DEBUG=files "$K" analyze tests/data/groups_edge.csv --no-charts -q -o "$tmp/edge" 2>"$tmp/ld.txt"
check "no open answers: analyses" test -s "$tmp/edge/summary.json"
check "no open answers: no keywords.csv" test ! -e "$tmp/edge/keywords.csv"
check "no open answers: Voikko and libstemmer not loaded" sh -c "! grep -q 'libvoikko\|libstemmer' '$tmp/ld.txt'"
LD_DEBUG=files "$K" analyze "$tmp/fi.csv" --no-charts -q -o "$tmp/ld" 2>"$tmp/ld2.txt"
check "open answers: Voikko loaded" grep -q 'libvoikko' "$tmp/ld2.txt"

echo "openans: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
