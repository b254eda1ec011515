#!/bin/sh
# End-to-end tests of the kysely command line: help, a full run on the bundled
# sample, byte-identical reruns, every bad input in tests/bad/ (exact message,
# non-zero exit, nothing left behind), and the output directory's safety rules.
# usage: sh tests/cli_test.sh build/kysely
K=${1:-build/kysely}
SAMPLE=surveys/asukas-henkilosto-2024.csv
tmp=$(mktemp -d /tmp/kysely-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }

check "--help lists analyze" sh -c "$K --help | grep -q analyze"
check "analyze --help explains --group" sh -c "$K analyze --help | grep -q -- --group"
check "no command is a usage error (2)" sh -c "$K >/dev/null 2>&1; test \$? -eq 2"
check "unknown option is a usage error (2)" sh -c "$K analyze --bogus $SAMPLE >/dev/null 2>&1; test \$? -eq 2"

# A full run without charts, then the same run again: byte-identical outputs.
check "sample analyses" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/a"
for f in summary.json frequencies.csv descriptives.csv comparisons.csv report.md; do
	check "output $f written" test -s "$tmp/a/$f"
done
check "no staging directory left" sh -c "! ls -d $tmp/a.tmp-* 2>/dev/null"
check "rerun succeeds" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/b"
for f in summary.json frequencies.csv descriptives.csv comparisons.csv report.md; do
	check "rerun gives identical $f" cmp -s "$tmp/a/$f" "$tmp/b/$f"
done
check "descriptives header is the contract" sh -c "head -1 $tmp/a/descriptives.csv | grep -q '^item_id,item_text,grouping,group,n_valid,n_nonsubstantive,n_missing,mean,sd,median,q1,q3,mean_ci_low,mean_ci_high,top2_pct,top2_ci_low,top2_ci_high'"
check "frequencies header is the contract" sh -c "head -1 $tmp/a/frequencies.csv | grep -q '^item_id,item_text,grouping,group,code,label,count,percent_valid'"
check "comparisons header is the contract" sh -c "head -1 $tmp/a/comparisons.csv | grep -q '^item_id,item_text,grouping,test,group_a,group_b,n_a,n_b,statistic,df,p,p_holm,p_bh,effect,effect_name'"
check "report.md names a scale score in Finnish (comparisons.csv keeps English)" sh -c "grep -q '| Summapistemäärä: ' $tmp/a/report.md && ! grep -q 'Scale score:' $tmp/a/report.md && grep -q ',Scale score: ' $tmp/a/comparisons.csv"

# Every bad input in tests/bad/: its .expected file holds the exact one-line
# message (line 1) and the exit status ("exit N", line 2); FILE.args, when
# present, holds extra options.  Each run is bounded in time and memory and
# must leave no output (nor staging folder) behind.
# (KY_TEST_VMEM: the ulimit -v in kB; `unlimited` under AddressSanitizer,
# which reserves terabytes of address space for its shadow memory)
VMEM=${KY_TEST_VMEM:-1000000}
n_bad=0
for f in tests/bad/*.csv tests/bad/*.ini tests/bad/*.xlsx tests/bad/*.xls; do
	[ -e "$f.expected" ] || continue
	n_bad=$((n_bad + 1))
	name=$(basename "$f"); name=${name%.*}
	args=$(cat "$f.args" 2>/dev/null)
	(ulimit -v "$VMEM"; timeout 20 "$K" analyze "$f" $args --no-charts -q -o "$tmp/bad-$name") 2>"$tmp/err" >/dev/null
	rc=$?
	want_rc=$(sed -n 's/^exit //p' "$f.expected")
	check "$f exits $want_rc" test "$rc" -eq "$want_rc"
	printf 'kysely: %s\n' "$(head -1 "$f.expected")" >"$tmp/want"
	if cmp -s "$tmp/want" "$tmp/err"; then ok; else no "$f message: got '$(cat "$tmp/err")' want '$(cat "$tmp/want")'"; fi
	check "$f leaves no output" sh -c "! ls -d $tmp/bad-$name* 2>/dev/null"
done
check "at least 30 bad inputs in tests/bad ($n_bad)" test "$n_bad" -ge 30

# Big hostile inputs, made here rather than committed: one 10 MB cell (over
# --max-cell 1M; under the default 16 MB it is read), 100 000 columns (over
# the default 20 000), a 64 MB line with no line end.  Memory stays bounded.
big() { # NAME EXPECTED-RC MESSAGE-GREP ARGS...
	bname=$1 brc=$2 bmsg=$3; shift 3
	(ulimit -v "$VMEM"; timeout 60 "$K" analyze "$tmp/$bname" "$@" --no-charts -q -o "$tmp/out-$bname") 2>"$tmp/err" >/dev/null
	rc=$?
	check "$bname exits $brc" test "$rc" -eq "$brc"
	[ "$brc" -eq 0 ] || check "$bname message" grep -q "$bmsg" "$tmp/err"
	[ "$brc" -eq 0 ] || check "$bname leaves no output" sh -c "! ls -d $tmp/out-$bname* 2>/dev/null"
}
{ printf 'Ryhmä,Avoin\nA,"'; head -c 10485760 /dev/zero | tr '\0' x; printf '"\nB,lyhyt\n'; } >"$tmp/bigcell.csv"
big bigcell.csv 6 "^kysely: $tmp/bigcell.csv:2:2: cell is larger than the limit of 1048576 bytes$" --max-cell 1M
big bigcell.csv 0 "" --max-cell 16M
awk 'BEGIN { for (r = 0; r < 2; r++) for (i = 1; i <= 100000; i++) printf "%d%s", i, i < 100000 ? "," : "\n" }' >"$tmp/wide.csv"
big wide.csv 6 "^kysely: $tmp/wide.csv:1:20001: record has more than 20000 fields (limit)$"
big wide.csv 6 "^kysely: $tmp/wide.csv:1:101: record has more than 100 fields (limit)$" --max-columns 100
head -c 67108864 /dev/zero | tr '\0' y >"$tmp/longline.csv"
big longline.csv 6 "^kysely: $tmp/longline.csv:1:1: cell is larger than the limit of 16777216 bytes$"
"$K" analyze "$SAMPLE" --max-cell 0 -q -o "$tmp/lim0" 2>/dev/null
check "--max-cell 0 is a usage error (2)" test $? -eq 2
"$K" inspect "$SAMPLE" --max-columns 3 >/dev/null 2>"$tmp/err"
check "inspect takes --max-columns (6)" test $? -eq 6
# duplicate headers are not an error: the columns keep apart by id
# (adjacent repeated headers are read as a two-row header instead)
printf 'Arvio,Ikä,Arvio\n1,20,2\n2,30,3\n3,40,1\n1,50,1\n2,60,2\n' >"$tmp/dup.csv"
check "duplicate headers analyse" "$K" analyze "$tmp/dup.csv" --no-charts -q -o "$tmp/dup"
check "duplicate headers get distinct ids" sh -c "grep -q '^Arvio,Arvio,\*,\*,5,0,0,1.8,' $tmp/dup/descriptives.csv && grep -q '^Arvio_2,Arvio,\*,\*,5,0,0,1.8,' $tmp/dup/descriptives.csv"

"$K" analyze "$tmp/does-not-exist.csv" -q -o "$tmp/missing" 2>"$tmp/err"
check "missing file exits 3" test $? -eq 3
check "missing file is named" grep -q "does-not-exist.csv: cannot open" "$tmp/err"

# kysely never replaces a folder it did not write ...
mkdir "$tmp/mine" && echo keep >"$tmp/mine/precious.txt"
"$K" analyze "$SAMPLE" --no-charts -q -o "$tmp/mine" 2>/dev/null
check "refuses a foreign output folder (2)" test $? -eq 2
check "foreign folder untouched" grep -q keep "$tmp/mine/precious.txt"
# ... and a failed run leaves the previous good report as it was.
cp -r "$tmp/a" "$tmp/keep"
"$K" analyze tests/bad/ragged.csv --no-charts -q -o "$tmp/a" 2>/dev/null
check "failed rerun exits non-zero" test $? -ne 0
check "previous report kept" cmp -s "$tmp/a/summary.json" "$tmp/keep/summary.json"

# Nothing lost: kysely never writes over its inputs ...
mkdir -p "$tmp/in/sub" && cp "$SAMPLE" "$tmp/in/sub/s.csv"
"$K" analyze "$tmp/in/sub/s.csv" --no-charts -q -o "$tmp/in/sub/s.csv" 2>"$tmp/err"
check "-o equal to the input is refused (2)" test $? -eq 2
check "refusal names the input" grep -q "output would replace the input" "$tmp/err"
"$K" analyze "$tmp/in/sub/s.csv" --no-charts -q -o "$tmp/in" 2>"$tmp/err"
check "-o holding the input is refused (2)" test $? -eq 2
check "input untouched" cmp -s "$SAMPLE" "$tmp/in/sub/s.csv"
cp "$SAMPLE" "$tmp/a/copy.csv"
"$K" analyze "$tmp/a/copy.csv" --no-charts -q -o "$tmp/a" 2>/dev/null
check "an earlier output holding the input is not replaced (2)" test $? -eq 2
check "the input in it survives" cmp -s "$SAMPLE" "$tmp/a/copy.csv"
rm -f "$tmp/a/copy.csv"
# ... nor into the folder of its inputs: the default is out/<name> under the
# current directory
top=$(pwd); case $K in /*) KA=$K ;; *) KA=$top/$K ;; esac
(mkdir -p "$tmp/cwd" && cd "$tmp/cwd" && "$KA" analyze "$top/$SAMPLE" --no-charts -q) >/dev/null
check "default output is ./out/<name>" test -s "$tmp/cwd/out/asukas-henkilosto-2024/summary.json"
check "nothing written beside the input" sh -c "test -z \"\$(cd surveys && git status --porcelain --ignored . 2>/dev/null)\""
# ... and a run killed with SIGKILL leaves the previous report whole; the
# next run removes the killed run's staging folder.
if command -v gnuplot >/dev/null 2>&1; then
	cp -r "$tmp/a" "$tmp/k" && cp -r "$tmp/a" "$tmp/kref"
	"$K" analyze "$SAMPLE" --group Vastaajaryhmä --format png,svg,pdf -q -o "$tmp/k" &
	kpid=$!
	sleep 0.3
	kill -9 "$kpid" 2>/dev/null
	wait "$kpid" 2>/dev/null
	check "killed run: previous report unchanged" diff -r "$tmp/kref" "$tmp/k"
	"$K" analyze "$SAMPLE" --group Vastaajaryhmä --format png,svg,pdf -q -o "$tmp/k" &
	kpid=$!
	sleep 0.3
	kill -TERM "$kpid" 2>/dev/null
	wait "$kpid" 2>/dev/null
	check "SIGTERM: previous report unchanged" diff -r "$tmp/kref" "$tmp/k"
	check "SIGTERM: no staging folder of that run" sh -c "! ls -d $tmp/k.tmp-$kpid 2>/dev/null"
	check "rerun after a kill" "$K" analyze "$SAMPLE" --no-charts -q -o "$tmp/k"
	check "killed run's staging folder removed" sh -c "! ls -d $tmp/k.tmp-* 2>/dev/null"
fi

# Anonymity: on by default (5); --min-n 0 shows every group; bad values refused.
EDGE=tests/data/groups_edge.csv
check "edge file analyses" "$K" analyze "$EDGE" --group Yksikkö --no-charts -q -o "$tmp/anon"
check "group D (1 answer) hidden by default" grep -q ',Yksikkö,D,,,,,,,,,,,,,,scale,.*suppressed for anonymity' "$tmp/anon/descriptives.csv"
check "summary.json states the threshold" grep -q '"min_n": 5' "$tmp/anon/summary.json"
check "--min-n 0 shows every group" "$K" analyze "$EDGE" --group Yksikkö --min-n 0 --no-charts -q -o "$tmp/anon0"
check "group D shown with --min-n 0" grep -q ',Yksikkö,D,1,0,0,' "$tmp/anon0/descriptives.csv"
"$K" analyze "$EDGE" --min-n -3 -q -o "$tmp/anonbad" 2>/dev/null
check "--min-n -3 is a usage error (2)" test $? -eq 2

# Question types: reliability with a reversed item, multi-select, ranking,
# NPS, response rate; the small group of the Forms export is hidden.
FORMS=tests/data/forms_export.csv
check "forms export analyses" "$K" analyze "$FORMS" --group Unit --reverse "Waiting times have grown longer" --population 80 --no-charts -q -o "$tmp/types"
check "reversed item marked" grep -q '^b1,Q11,Waiting times have grown longer,5,45,,,[0-9.]*,[0-9.]*,1,' "$tmp/types/reliability.csv"
check "joined multi-select counted" grep -q '^Q12,Where did you hear about the new services?,\*,\*,Text message,57,27,' "$tmp/types/multiselect.csv"
check "joined ranking counted" grep -q '^Q13,Put the development targets in order of importance,\*,\*,Digital services,52,52,100,' "$tmp/types/ranking.csv"
check "Islands (2 people) hidden in multiselect.csv" grep -q '^Q12,.*,Unit,Islands,Website,,,,"suppressed for anonymity' "$tmp/types/multiselect.csv"
check "Islands hidden in nps.csv" grep -q '^Q14,.*,Unit,Islands,,,,,,,,,,,"suppressed for anonymity' "$tmp/types/nps.csv"
check "Islands hidden in scales.csv" grep -q '^b1,.*,Unit,Islands,,,,,,,,,"suppressed for anonymity' "$tmp/types/scales.csv"
check "response rate in summary.json" grep -q '"percent": 75' "$tmp/types/summary.json"
"$K" analyze "$FORMS" --reverse Unit -q -o "$tmp/revbad" 2>"$tmp/err"
check "--reverse of a non-item is a usage error (2)" test $? -eq 2
check "--reverse error names the column" grep -q "column 6 'Unit' is not an item of a multi-item scale" "$tmp/err"
"$K" analyze "$FORMS" --population 0 -q -o "$tmp/popbad" 2>/dev/null
check "--population 0 is a usage error (2)" test $? -eq 2

# Report wording: Finnish by default, --lang sv|en, anything else refused.
check "report.html written" test -s "$tmp/a/report.html"
check "report in Finnish by default" sh -c "head -1 $tmp/a/report.md | grep -q '^# Kyselyn tulokset: '"
check "--lang sv" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --lang sv --no-charts -q -o "$tmp/sv"
check "report in Swedish" grep -q '^## Metod' "$tmp/sv/report.md"
check "Swedish decimal comma" grep -q '| Alla | 92 | 12 | 22 | 30 | 25 | 11 | 3,01 | 2,77 … 3,26 |' "$tmp/sv/report.md"
check "--lang en" "$K" analyze "$SAMPLE" --lang en --no-charts -q -o "$tmp/en"
check "report in English" grep -q '^## Method' "$tmp/en/report.md"
"$K" analyze "$SAMPLE" --lang de --no-charts -q -o "$tmp/de" 2>/dev/null
check "--lang de is a usage error (2)" test $? -eq 2

# Open answers: personal data masked in every output unless --no-mask.
check "e-mail masked in report.md" sh -c "grep -q 'Yhteydenottopyyntö: \\\\\[sähköposti\\\\\] tai \\\\\[puhelinnumero\\\\\]' $tmp/a/report.md"
check "no e-mail in any output" sh -c "! grep -rl 'etunimi.sukunimi@example.fi' $tmp/a"
check "no phone number in any output" sh -c "! grep -rl '040 123 4567' $tmp/a"
check "--no-mask" "$K" analyze "$SAMPLE" --no-mask --no-charts -q -o "$tmp/nomask"
check "--no-mask keeps the e-mail" grep -q 'etunimi.sukunimi@example.fi' "$tmp/nomask/report.md" "$tmp/nomask/summary.json"

# Charts, when gnuplot is installed: every chart type, PNG and SVG.
if command -v gnuplot >/dev/null 2>&1; then
	check "sample with charts" "$K" analyze "$SAMPLE" --group Vastaajaryhmä -q -o "$tmp/c"
	for f in b1-impact b1-means b2-agreement b2-means q22-multiselect q28-ranking q36-nps; do
		check "chart $f.png written" test -s "$tmp/c/charts/$f.png"
		check "chart $f.svg written" test -s "$tmp/c/charts/$f.svg"
	done
	check "report links the charts" grep -q '](charts/.*\.png)' "$tmp/c/report.md"
	# (a chart taller than a printed page is embedded as its page parts)
	shown=$(python3 -c "import json, sys; print(sum(len(c.get('pages', [])) or 1 for c in json.load(open(sys.argv[1]))['charts']))" "$tmp/c/summary.json")
	check "report.html embeds all 7 charts ($shown images)" test "$(grep -o '<img alt=[^>]*src="data:image/png;base64,' "$tmp/c/report.html" | wc -l)" -eq "$shown" -a "$shown" -ge 7
	check "charts in three formats" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --format png,svg,pdf -q -o "$tmp/d1"
	check "rerun with charts" "$K" analyze "$SAMPLE" --group Vastaajaryhmä --format png,svg,pdf -q -o "$tmp/d2"
	check "reruns byte-identical, charts and report.html included" diff -r "$tmp/d1" "$tmp/d2"
	# build/kysely-png.so (PNGs without libpng's filter search) is optional
	check "charts without kysely-png.so" env KYSELY_PNG_SHIM=/nonexistent "$K" analyze "$SAMPLE" --group Vastaajaryhmä --format png -q -o "$tmp/d3"
	check "kysely-png.so in effect (smaller PNGs)" test "$(wc -c <"$tmp/d1/charts/b1-impact.png")" -lt "$(wc -c <"$tmp/d3/charts/b1-impact.png")"
	check "report.html fetches nothing" sh -c "! grep -Eq '(src|href)=\"(https?:|//|file:)' $tmp/c/report.html"

	# Hostile texts in headers, labels, group names and open answers: charts
	# render them as text, nothing runs, HTML/Markdown/CSV escape them.
	H=tests/data/hostile.csv
	rm -f /tmp/kysely-pwned
	check "hostile export analyses with charts" "$K" analyze "$H" --group Vastaajaryhmä --format png,svg,pdf -q -o "$tmp/h"
	check "nothing ran in gnuplot" test ! -e /tmp/kysely-pwned
	check "hostile: 9 chart files (3 formats: 2 block charts, 1 of terms)" test "$(find "$tmp/h/charts" -maxdepth 1 -type f | wc -l)" -eq 9
	check "no raw tag in report.html" sh -c "! grep -q '<script\|<img src=x\|<b>' $tmp/h/report.html"
	check "tags shown as text in report.html" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/h/report.html"
	check "report.html forbids scripts" grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$tmp/h/report.html"
	check "tags escaped in report.md" grep -q '\\<script\\>alert(1)\\</script\\>' "$tmp/h/report.md"
	check "Markdown link syntax escaped" grep -q '^- \\\[linkki\\\](javascript:alert(1))' "$tmp/h/report.md"
	check "formula group names quoted in CSV" grep -q ",Vastaajaryhmä,\"'=cmd|' /C calc'!A0\"," "$tmp/h/descriptives.csv"
	check "@ group names quoted in CSV" grep -q ",Vastaajaryhmä,\"'@SUM(1+1)\"," "$tmp/h/frequencies.csv"
	check "SVG text escaped" grep -q '&lt;script>alert(1)&lt;/script>' "$tmp/h/charts/b1-agreement.svg"
	check "hostile open answer masked" sh -c "! grep -rl 'matti.meikalainen\|131052-308T' $tmp/h"
	"$K" analyze "$SAMPLE" -q -o "$tmp/nognuplot" --gnuplot /nonexistent/gnuplot 2>"$tmp/err"
	check "missing gnuplot exits 7" test $? -eq 7
	check "missing gnuplot leaves no output" sh -c "! ls -d $tmp/nognuplot* 2>/dev/null"
fi

# Survey definitions and `kysely inspect`.
"$K" inspect "$SAMPLE" --group Vastaajaryhmä -w "$tmp/def.ini" >"$tmp/inspect.txt"
check "inspect exits 0" test $? -eq 0
check "inspect names the format" grep -q "format:      CSV, UTF-8 with byte-order mark, separator ';', 1 header row" "$tmp/inspect.txt"
check "inspect counts respondents" grep -q "respondents: 125" "$tmp/inspect.txt"
check "inspect lists non-substantive answers" grep -q "non-substantive: 'En ole käyttänyt' 31" "$tmp/inspect.txt"
check "written definition names the block's items" grep -q "^items = Q17 | Q18 | Q19 | Q20 | Q21$" "$tmp/def.ini"
"$K" inspect "$SAMPLE" -w "$tmp/def.ini" >/dev/null 2>"$tmp/err"
check "inspect refuses to replace a file (3)" test $? -eq 3
check "refusal is explained" grep -q "already exists" "$tmp/err"
"$K" analyze "$SAMPLE" --group Vastaajaryhmä --no-charts -q -o "$tmp/direct"
"$K" analyze "$tmp/def.ini" --no-charts -q -o "$tmp/viadef"
check "analyze runs the written definition" test -s "$tmp/viadef/summary.json"
for f in descriptives.csv comparisons.csv reliability.csv scales.csv multiselect.csv ranking.csv nps.csv; do
	check "definition gives the same $f" cmp -s "$tmp/direct/$f" "$tmp/viadef/$f"
done
# a definition over numeric codes: the same counts as the labelled export
printf '[survey]\nexport = two_header_rows_codes.csv\nheader_rows = 2\n\n[scale samaa]\nkind = bipolar\nlabels = Täysin eri mieltä | Jokseenkin eri mieltä | Ei samaa eikä eri mieltä\n  | Jokseenkin samaa mieltä | Täysin samaa mieltä\ncodes = 1 | 2 | 3 | 4 | 5\nnonsubstantive = En osaa sanoa\n\n[block b1]\nscale = samaa\nitems = Q2 | Q3\n' >"$tmp/codes.ini"
sed -e 's/Täysin eri mieltä/1/g; s/Jokseenkin eri mieltä/2/g; s/Ei samaa eikä eri mieltä/3/g; s/Jokseenkin samaa mieltä/4/g; s/Täysin samaa mieltä/5/g' tests/data/two_header_rows.csv >"$tmp/two_header_rows_codes.csv"
"$K" analyze tests/data/two_header_rows.csv --no-charts -q -o "$tmp/twolab"
"$K" analyze "$tmp/codes.ini" --no-charts -q -o "$tmp/twocode"
check "two header rows: statements joined to the question" grep -q "Q2,Mitä mieltä olet seuraavista väittämistä?:Palvelut ovat helposti saatavilla" "$tmp/twolab/descriptives.csv"
check "codes and labels give the same counts" sh -c "grep '^Q2,' $tmp/twolab/frequencies.csv | cut -d, -f5-8 >$tmp/f1; grep '^Q2,' $tmp/twocode/frequencies.csv | cut -d, -f5-8 >$tmp/f2; test -s $tmp/f1 && cmp -s $tmp/f1 $tmp/f2"
check "codes and labels give the same means" sh -c "grep '^Q2,' $tmp/twolab/descriptives.csv | cut -d, -f5-17 >$tmp/desc1; grep '^Q2,' $tmp/twocode/descriptives.csv | cut -d, -f5-17 >$tmp/desc2; test -s $tmp/desc1 && cmp -s $tmp/desc1 $tmp/desc2"

# a block gathered from columns in another order: answer patterns per defined
# block give the same Cronbach's alpha as the detected block (R psych::alpha
# reference for that block is in tests/ref/)
printf '[survey]\nexport = %s\n\n[block mixed]\nitems = Q21 | Q17 | Q5 | Q18 | Q19 | Q20\n' "$(pwd)/$SAMPLE" >"$tmp/order.ini"
"$K" analyze "$tmp/order.ini" --no-charts -q -o "$tmp/order" 2>"$tmp/err"
check "a block mixing scales is refused (5)" test $? -eq 5
printf '[survey]\nexport = %s\n\n[block shuffled]\nitems = Q21 | Q17 | Q18 | Q19 | Q20\n' "$(pwd)/$SAMPLE" >"$tmp/order.ini"
"$K" analyze "$tmp/order.ini" --no-charts -q -o "$tmp/order"
check "shuffled block: same alpha" sh -c "grep '^b2,,' $tmp/direct/reliability.csv | cut -d, -f4-7 >$tmp/al1; grep '^shuffled,,' $tmp/order/reliability.csv | cut -d, -f4-7 >$tmp/al2; test -s $tmp/al1 && cmp -s $tmp/al1 $tmp/al2"

# The sample in other shapes (surveys/shapes/, written by `make shapes`):
# each one gives the same tables as the original CSV, and the generator
# rewrites the committed files byte for byte.
"$K" analyze "$SAMPLE" --group Vastaajaryhmä --no-charts -q -o "$tmp/shape-orig"
for f in surveys/shapes/asukas-henkilosto-2024-utf16.txt surveys/shapes/asukas-henkilosto-2024-cp1252.csv \
	 surveys/shapes/asukas-henkilosto-2024.xlsx surveys/shapes/asukas-henkilosto-2024.sav; do
	name=$(basename "$f")
	check "$name analyses" "$K" analyze "$f" --group Vastaajaryhmä --no-charts -q -o "$tmp/shape-$name"
	for t in frequencies descriptives comparisons reliability scales multiselect ranking nps; do
		check "$name gives the same $t.csv" cmp -s "$tmp/shape-orig/$t.csv" "$tmp/shape-$name/$t.csv"
	done
done
# one definition (written by inspect from the CSV) pointed at each shape
"$K" inspect "$SAMPLE" --group Vastaajaryhmä --write-definition "$tmp/shape-def.ini" >/dev/null
for f in "$SAMPLE" surveys/shapes/asukas-henkilosto-2024-utf16.txt surveys/shapes/asukas-henkilosto-2024-cp1252.csv \
	 surveys/shapes/asukas-henkilosto-2024.xlsx surveys/shapes/asukas-henkilosto-2024.sav; do
	name=$(basename "$f")
	sed "s|^export = .*|export = $(pwd)/$f|" "$tmp/shape-def.ini" >"$tmp/def-$name.ini"
	check "the definition reads $name" "$K" analyze "$tmp/def-$name.ini" --no-charts -q -o "$tmp/defshape-$name"
	for t in frequencies descriptives comparisons reliability scales multiselect ranking nps; do
		check "definition on $name: same $t.csv as on the CSV" cmp -s "$tmp/defshape-$(basename "$SAMPLE")/$t.csv" "$tmp/defshape-$name/$t.csv"
	done
done
"$K" inspect surveys/shapes/asukas-henkilosto-2024.sav >"$tmp/inspect-sav.txt"
check "inspect names the SPSS format" grep -q "format:      SPSS system file (UTF-8)" "$tmp/inspect-sav.txt"
check "SPSS labels read as a scale" grep -q "non-substantive: 'En ole käyttänyt' 31" "$tmp/inspect-sav.txt"
"$K" inspect surveys/shapes/asukas-henkilosto-2024-cp1252.csv >"$tmp/inspect-1252.txt"
check "cp1252 shape decoded as Windows-1252" grep -qi "WINDOWS-1252" "$tmp/inspect-1252.txt"
G=$(dirname "$K")/gen_shapes
if [ -x "$G" ]; then
	mkdir "$tmp/regen"
	check "gen_shapes runs" "$G" "$SAMPLE" "$tmp/regen"
	for f in surveys/shapes/*; do
		check "gen_shapes rewrites $(basename "$f") byte for byte" cmp -s "$f" "$tmp/regen/$(basename "$f")"
	done
fi

# Summary tables (tests/data/gen_summary.py writes them from the sample's
# cells): the same tables as the raw sample, whose numbers are checked against
# R in tests/ref/ (make refs).  Item ids are positions in each file, so the
# wide layouts are compared without them (cut -f2-: ids are never quoted).
"$K" analyze "$SAMPLE" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/sraw"
"$K" analyze "$SAMPLE" --group Vastaajaryhmä --no-charts -q -o "$tmp/sraw1"
check "long summary table analyses" "$K" analyze tests/data/summary_long.csv --no-charts -q -o "$tmp/slong"
for f in frequencies.csv descriptives.csv; do
	check "long summary table: identical $f" cmp -s "$tmp/sraw/$f" "$tmp/slong/$f"
done
check "long summary table: comparisons identical but for the scale scores" sh -c \
	"grep -v ',Scale score: ' $tmp/sraw/comparisons.csv | cmp -s - $tmp/slong/comparisons.csv"
check "long summary table: reliability needs rows" grep -q '^b1,,.*,12,0,,,,,,needs respondent-level rows' "$tmp/slong/reliability.csv"
check "summary.json names the layout" grep -q '"layout": "long"' "$tmp/slong/summary.json"
check "summary.json says what needs rows" grep -q '"needs_respondent_rows"' "$tmp/slong/summary.json"
subset() {   # every row of $2 (ids cut) is a row of $1 (ids cut), and $2 has some
	cut -d, -f2- "$2" | tail -n +2 | LC_ALL=C sort >"$tmp/sub"
	test -s "$tmp/sub" && cut -d, -f2- "$1" | grep -F -x -f "$tmp/sub" | LC_ALL=C sort | cmp -s - "$tmp/sub"
}
check "wide summary table analyses" "$K" analyze tests/data/summary_wide.csv --no-charts -q -o "$tmp/swide"
check "wide grouped summary table analyses" "$K" analyze tests/data/summary_wide_groups.csv --no-charts -q -o "$tmp/swideg"
check "report-shaped summary table analyses" "$K" analyze tests/data/summary_report.csv --no-charts -q -o "$tmp/srep"
for f in frequencies.csv descriptives.csv; do
	check "wide: $f rows as in the raw sample" subset "$tmp/sraw/$f" "$tmp/swide/$f"
	check "wide grouped: $f rows as in the raw sample" subset "$tmp/sraw1/$f" "$tmp/swideg/$f"
	check "report: $f rows as in the raw sample" subset "$tmp/sraw/$f" "$tmp/srep/$f"
done
check "wide grouped: comparisons as in the raw sample" subset "$tmp/sraw1/comparisons.csv" "$tmp/swideg/comparisons.csv"
check "wide: 12 items" test "$(tail -n +2 "$tmp/swide/descriptives.csv" | wc -l)" -eq 12
check "report: rating and a 5-statement matrix" test "$(tail -n +2 "$tmp/srep/descriptives.csv" | wc -l)" -eq 6
check "report: the matrix statements joined to the title" grep -q '^Q[0-9]*,Mitä mieltä olet seuraavista väittämistä?:Sain apua oikeaan aikaan,\*,\*,112,8,5,' "$tmp/srep/descriptives.csv"
# R, from the counts of the first row of summary_wide.csv:
#   x <- rep(1:5, c(11,20,28,23,10)); mean(x); sd(x); quantile(x, c(.25,.5,.75), type=7)
#   -> 3.01086956521739 1.18130645889743 2 3 4
check "wide: mean, SD and quartiles as R computes them from the counts" grep -q '^Q1,.*,\*,\*,92,31,2,3.01086956521739,1.18130645889743,3,2,4,' "$tmp/swide/descriptives.csv"
# a report without a header row, percentages with a % sign, respondents stated
printf '1. Palvelualue;;\r\nVastaajien määrä: 80;;\r\nIkääntyneiden palvelut;20;26,7 %%\r\nPerhepalvelut;25;33,3 %%\r\nSosiaali- ja terveyskeskus;30;40,0 %%\r\n' >"$tmp/rep_variant.csv"
check "report variant analyses" "$K" analyze "$tmp/rep_variant.csv" --no-charts -q -o "$tmp/srepv"
check "report variant: stated respondents beyond the counts are missing" grep -q '^Palvelualue,Palvelualue,\*,\*,75,0,5,' "$tmp/srepv/descriptives.csv"
"$K" analyze tests/data/summary_long.csv --group Nope --no-charts -q -o "$tmp/snope" 2>"$tmp/err"
check "unknown grouping of a summary table is a usage error (2)" test $? -eq 2
check "unknown grouping lists the table's" grep -q "it has 'Vastaajaryhmä', 'Palvelualue'" "$tmp/err"
check "--group picks one grouping of a summary table" "$K" analyze tests/data/summary_long.csv --group Palvelualue --no-charts -q -o "$tmp/spick"
check "picked grouping only" sh -c "! grep -q ',Vastaajaryhmä,' $tmp/spick/descriptives.csv && grep -q ',Palvelualue,' $tmp/spick/descriptives.csv"

# Microsoft Forms' workbook of the sample from a Finnish tenant (make
# forms-xlsx writes it with libxlsxwriter): the same tables for the shared
# questions as the raw CSV (item ids and the question stems, which Forms does
# not export, taken out; scale scores have no stem to be named by), and no
# e-mail address or name anywhere in the output.
FX=tests/data/forms_sample.xlsx
check "Forms workbook analyses" "$K" analyze "$FX" --group Vastaajaryhmä --group Palvelualue --no-charts -q -o "$tmp/fx"
stemless() {
	cut -d, -f2- "$1" | sed -E 's/^"?(Kuinka merkittävä vaikutus seuraavilla kehitetyillä palveluilla on ollut arkeesi tai työhösi\?|Mitä mieltä olet seuraavista väittämistä\?)://' |
		grep -v '^Scale score' | LC_ALL=C sort
}
for f in frequencies.csv descriptives.csv comparisons.csv multiselect.csv nps.csv; do
	stemless "$tmp/sraw/$f" >"$tmp/fr"; stemless "$tmp/fx/$f" >"$tmp/fc"
	check "Forms workbook: $f rows equal the raw CSV's" cmp -s "$tmp/fr" "$tmp/fc"
done
check "Forms workbook: ranking found with its 8 options" test "$(grep -c '^Q26,.*,\*,\*,' "$tmp/fx/ranking.csv")" -eq 8
check "no e-mail address or name in any output" sh -c "! grep -r -l -e 'example.fi' -e 'Testi Vastaaja' -e anonymous $tmp/fx"
check "summary.json lists Sähköposti as dropped" grep -q '"header": "Sähköposti"' "$tmp/fx/summary.json"
check "summary.json lists Nimi as dropped" grep -q '"header": "Nimi"' "$tmp/fx/summary.json"
check "summary.json states the format and sheet" sh -c "grep -q '\"format\": \"XLSX\"' $tmp/fx/summary.json && grep -q '\"sheet\": \"Sheet1\"' $tmp/fx/summary.json"
# the fixed block in a language kysely has no names for: by position and content
sed '1s/^ID,Start time,Completion time,Email,Name,/Nro,開始時刻,完了時刻,メール,名前,/' "$FORMS" >"$tmp/forms_ja.csv"
check "localised Forms export analyses" "$K" analyze "$tmp/forms_ja.csv" --no-charts -q -o "$tmp/fja"
check "fixed block dropped by position" sh -c "grep -q '\"why\": \"e-mail address (Microsoft Forms. fourth column)\"' $tmp/fja/summary.json && grep -q '\"why\": \"name (Microsoft Forms. fifth column)\"' $tmp/fja/summary.json"
check "an address column found by its content" sh -c "printf 'Yhteys,Arvio\nmatti@example.org,Hyvä\nliisa@example.org,Huono\n,Hyvä\n' >$tmp/mail.csv && $K analyze $tmp/mail.csv --no-charts -q -o $tmp/mail && ! grep -r -q example.org $tmp/mail && grep -q 'by content' $tmp/mail/summary.json"


# kysely compare: the sample's three rounds (their definitions name the
# rounds and map the renamed statement); the numbers themselves are checked
# against R in tests/test_rounds.c.
R23=surveys/asukas-henkilosto-2023.ini R24=surveys/asukas-henkilosto-2024.ini R25=surveys/asukas-henkilosto-2025.ini
check "compare runs on three rounds" "$K" compare "$R23" "$R24" "$R25" --group Vastaajaryhmä --no-charts -q -o "$tmp/cmp"
check "changes.csv header is the contract" sh -c "head -1 $tmp/cmp/changes.csv | grep -q '^item_id,item_text,grouping,group,round_a,round_b,n_a,n_b,mean_a,mean_b,diff,diff_ci_low,diff_ci_high,top2_a,top2_b,top2_diff,top2_diff_ci_low,top2_diff_ci_high,p,p_holm,p_bh,effect'"
check "rounds named by their definitions, pairs 23-24, 24-25, 23-25" sh -c "grep -q '^Q5,.*,\*,\*,2023,2024,' $tmp/cmp/changes.csv && grep -q '^Q5,.*,\*,\*,2024,2025,' $tmp/cmp/changes.csv && grep -q '^Q5,.*,\*,\*,2023,2025,' $tmp/cmp/changes.csv && ! grep -q ',2024,2023,' $tmp/cmp/changes.csv"
check "renamed statement matched by was =" sh -c "grep -q '\"matched_by\": \"definition\"' $tmp/cmp/summary.json && grep -c 'Suora puhelinlinja ja chat,\*,\*,2023,2024' $tmp/cmp/changes.csv | grep -qx 1"
check "added and removed items listed, not compared" sh -c "grep -A3 '\"unmatched\"' $tmp/cmp/summary.json | grep -q Terveys && ! grep -q 'Talousneuvola.*,2024,2025,' $tmp/cmp/changes.csv && grep -q Talousneuvola $tmp/cmp/report.md"
check "compare rerun is byte-identical" sh -c "$K compare $R23 $R24 $R25 --group Vastaajaryhmä --no-charts -q -o $tmp/cmp2 && cmp -s $tmp/cmp/changes.csv $tmp/cmp2/changes.csv && cmp -s $tmp/cmp/summary.json $tmp/cmp2/summary.json && cmp -s $tmp/cmp/report.html $tmp/cmp2/report.html"
check "compare draws the change, trend and distribution charts" sh -c "$K compare $R23 $R24 $R25 --format svg -q -o $tmp/cmpc && for c in b1-change b1-trend b1-rounds b2-change b2-trend b2-rounds; do test -s $tmp/cmpc/charts/\$c.svg || exit 1; done && test \$(grep -o 'data:image/svg+xml;base64' $tmp/cmpc/report.html | wc -l) -eq 6"
check "compare needs two rounds (2)" sh -c "$K compare $R24 -o $tmp/cmp1 2>/dev/null; test \$? -eq 2 && test ! -e $tmp/cmp1"
check "a round given twice is refused" sh -c "! $K compare $R24 $R24 -q -o $tmp/cmpd 2>$tmp/err && grep -q 'given twice' $tmp/err && test ! -e $tmp/cmpd"
# a rescaled item: the 2025 export with the agreement scale cut to 4 points
sed 's/Ei samaa eikä eri mieltä/Jokseenkin samaa mieltä/g' surveys/asukas-henkilosto-2025.csv >"$tmp/r25.csv"
check "a changed scale is reported and not compared" sh -c "$K compare surveys/asukas-henkilosto-2024.csv $tmp/r25.csv -q --no-charts -o $tmp/cmps && grep -q '\"rescaled\"' $tmp/cmps/summary.json && grep -q 'scale changed: agreement-5-fi' $tmp/cmps/summary.json && ! grep -q 'Sain apua oikeaan aikaan,\*' $tmp/cmps/changes.csv"
# hidden for anonymity: a group below min_n in a round gives a row without numbers
check "small groups hidden in changes" sh -c "$K compare $R23 $R24 --group Vastaajaryhmä --min-n 60 --no-charts -q -o $tmp/cmpn && grep 'Vastaajaryhmä,Henkilöstö,2023,2024' $tmp/cmpn/changes.csv | head -1 | grep -q ',,,,,,,,,,,,,,,,,,,,'"

# kysely batch: every definition under a folder, one broken among good ones
mkdir -p "$tmp/proj/2023" "$tmp/proj/2024" "$tmp/proj/muut"
cp surveys/asukas-henkilosto-2023.csv "$tmp/proj/2023/asukkaat.csv"
cp surveys/asukas-henkilosto-2024.csv "$tmp/proj/2024/asukkaat.csv"
printf '[survey]\nexport = asukkaat.csv\nround = 2023\ngroup = Vastaajaryhmä\n' >"$tmp/proj/2023/asukkaat.ini"
printf '[survey]\nexport = asukkaat.csv\nround = 2024\ngroup = Vastaajaryhmä\n' >"$tmp/proj/2024/asukkaat.ini"
printf '[survey]\nexport = puuttuu.csv\n' >"$tmp/proj/muut/rikki.ini"
"$K" batch "$tmp/proj" -o "$tmp/bout" -j 2 --no-charts -q 2>"$tmp/berr"
check "batch with a broken survey exits non-zero" test $? -ne 0
check "the broken survey is named with its error" sh -c "grep -q 'FAILED muut/rikki.ini' $tmp/berr && grep -q 'puuttuu.csv' $tmp/berr"
check "the good surveys are analysed into their own folders" sh -c "test -s $tmp/bout/2023/asukkaat/summary.json && test -s $tmp/bout/2024/asukkaat/descriptives.csv && test ! -e $tmp/bout/muut/rikki/summary.json"
check "the rounds of the series are compared" test -s "$tmp/bout/compare/asukkaat/changes.csv"
rm "$tmp/proj/muut/rikki.ini"
check "batch of good surveys exits 0" "$K" batch "$tmp/proj" -o "$tmp/bout2" -j 2 --no-charts -q
check "batch rerun is byte-identical" sh -c "$K batch $tmp/proj -o $tmp/bout2 -j 1 --no-charts -q && $K batch $tmp/proj -o $tmp/bout3 -j 2 --no-charts -q && diff -r $tmp/bout2 $tmp/bout3 >/dev/null"
# A rerun moves each previous output into OUTDIR/.kysely-old-PID, which a
# helper process empties while the batch runs; nothing of it is left.  The
# trash of a batch that was killed (its pid is gone) goes at the next run; that
# of a running process stays.
leftover() { ls -d "$1"/.kysely-old-* "$1"/*.tmp-* "$1"/*/*.tmp-* 2>/dev/null | grep -q .; }
check "no trash folder left after a rerun" sh -c "! ls -d $tmp/bout2/.kysely-old-* $tmp/bout2/*/*.tmp-* 2>/dev/null | grep -q ."
sh -c 'exit 0' & deadpid=$!; wait $deadpid
mkdir -p "$tmp/bout2/.kysely-old-$deadpid/0" "$tmp/bout2/.kysely-old-$$/0"
cp "$tmp/bout2/2023/asukkaat/summary.json" "$tmp/bout2/.kysely-old-$deadpid/0/"
check "batch rerun over a killed batch's trash exits 0" "$K" batch "$tmp/proj" -o "$tmp/bout2" -j 2 --no-charts -q
check "the killed batch's trash is removed" test ! -e "$tmp/bout2/.kysely-old-$deadpid"
check "a running process's trash is kept" test -d "$tmp/bout2/.kysely-old-$$/0"
rm -rf "$tmp/bout2/.kysely-old-$$"
check "and the outputs are as before" diff -r "$tmp/bout2" "$tmp/bout3"
# interrupted: SIGINT to the batch's process group (the parent, the children
# and the helper, as Ctrl-C on a terminal); the earlier outputs stay whole
# and neither staging folders nor trash are left.  One export is a FIFO that
# nobody writes, so the batch is surely still running when the signal comes
# (40 sample files take under 0.1 s on a quiet machine)
mkdir -p "$tmp/proj3"
i=1; while [ $i -le 40 ]; do
	cp "$SAMPLE" "$tmp/proj3/s$i.csv"
	printf '[survey]\nexport = s%s.csv\ngroup = Vastaajaryhmä\n' $i >"$tmp/proj3/s$i.ini"
	i=$((i + 1))
done
"$K" batch "$tmp/proj3" -o "$tmp/bout5" -j 2 --no-charts -q
cp -r "$tmp/bout5" "$tmp/bout5-before"
rm "$tmp/proj3/s40.csv" && mkfifo "$tmp/proj3/s40.csv"
setsid "$K" batch "$tmp/proj3" -o "$tmp/bout5" -j 2 --no-charts -q 2>/dev/null & bpid=$!
sleep 0.2
kill -INT -$bpid 2>/dev/null
wait $bpid
check "the batch was interrupted (130)" test $? -eq 130
rm "$tmp/proj3/s40.csv" && cp "$SAMPLE" "$tmp/proj3/s40.csv"
n=0
while [ $n -lt 100 ] && leftover "$tmp/bout5"; do      # the helper finishes after the children
	sleep 0.1; n=$((n + 1))
done
check "an interrupted batch leaves no trash nor staging folder" sh -c "! ls -d $tmp/bout5/.kysely-old-* $tmp/bout5/*.tmp-* 2>/dev/null | grep -q ."
check "and every output is whole, old or new" diff -r "$tmp/bout5" "$tmp/bout5-before"

# two series, a round of the second broken: the first is compared (with
# -j 2 beside the last analyses), the second skipped; exit status of the
# broken round; -j 1 and -j 2 give the same outputs
mkdir -p "$tmp/proj6"
for y in 2023 2024; do
	for s in a b; do
		cp surveys/asukas-henkilosto-$y.csv "$tmp/proj6/$s-$y.csv"
		printf '[survey]\nexport = %s-%s.csv\nround = %s\n' $s $y $y >"$tmp/proj6/$s-$y.ini"
	done
done
cp tests/bad/ragged.csv "$tmp/proj6/b-2024.csv"
for i in 1 2 3; do
	cp "$SAMPLE" "$tmp/proj6/z$i.csv"
	printf '[survey]\nexport = z%s.csv\n' $i >"$tmp/proj6/z$i.ini"
done
"$K" batch "$tmp/proj6" -o "$tmp/bout6-1" -j 1 --no-charts -q 2>"$tmp/berr6"
check "a broken round: exit status 4" test $? -eq 4
printf '%s\n' "kysely: FAILED b-2024.ini (exit 4)" \
	"  kysely: $tmp/proj6/b-2024.csv:3:2: record has 2 fields but the header has 3 (ragged row)" \
	"kysely: skipped compare b (2 rounds): a round failed" >"$tmp/want6"
check "the broken round named, its comparison skipped" cmp -s "$tmp/want6" "$tmp/berr6"
check "the other series compared, not the broken one" sh -c "test -s $tmp/bout6-1/compare/a/changes.csv && test ! -e $tmp/bout6-1/compare/b"
"$K" batch "$tmp/proj6" -o "$tmp/bout6-2" -j 2 --no-charts -q 2>/dev/null
check "-j 2: exit status 4 too" test $? -eq 4
check "-j 1 and -j 2 give the same outputs" diff -r "$tmp/bout6-1" "$tmp/bout6-2"

# -j 1: the surveys run one after another in one slot, whose stderr file is
# reused: each failure shows its own message, once, and nothing of the one
# before (a's message is the longer one); the exit status is the first failure's
mkdir -p "$tmp/proj2"
printf '[survey]\nexport = puuttuu-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv\n' >"$tmp/proj2/a.ini"
printf '[survey]\nexport = puuttuu-b.csv\n' >"$tmp/proj2/b.ini"
printf '[survey]\nexport = c.csv\n' >"$tmp/proj2/c.ini"
cp "$SAMPLE" "$tmp/proj2/c.csv"
for jn in 1 2; do
	"$K" batch "$tmp/proj2" -o "$tmp/bout4-$jn" -j $jn --no-charts -q 2>"$tmp/berr4"
	check "batch -j $jn: exit status of the first failure (3)" test $? -eq 3
	printf '%s\n' "kysely: FAILED a.ini (exit 3)" \
		"  kysely: $tmp/proj2/a.ini:2: export = $tmp/proj2/puuttuu-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv: No such file or directory" \
		"kysely: FAILED b.ini (exit 3)" \
		"  kysely: $tmp/proj2/b.ini:2: export = $tmp/proj2/puuttuu-b.csv: No such file or directory" >"$tmp/want4"
	if [ $jn -eq 1 ]; then
		check "batch -j 1: each failure with its own message only" cmp -s "$tmp/want4" "$tmp/berr4"
	else            # the two may finish in either order
		check "batch -j 2: each failure with its own message only" sh -c "sort $tmp/want4 >$tmp/w4s; sort $tmp/berr4 | cmp -s - $tmp/w4s"
	fi
	check "batch -j $jn: the good survey is analysed" test -s "$tmp/bout4-$jn/c/summary.json"
done
check "analyze --no-fsync writes the same outputs" sh -c "$K analyze $SAMPLE --group Vastaajaryhmä --group Palvelualue --no-charts -q --no-fsync -o $tmp/nofs && diff -r $tmp/a $tmp/nofs >/dev/null"


# group sizes in the report header and summary.json: the group of two is hidden,
# and so is the next smallest (else it follows from the total)
"$K" analyze tests/data/forms_export.csv --group Unit --no-charts -q -o "$tmp/gsz"
check "a group below min_n has no size in the report" sh -c "grep -q 'Islands piilotettu' $tmp/gsz/report.md && grep -q 'East piilotettu' $tmp/gsz/report.md && grep -q 'North 16' $tmp/gsz/report.md"
check "nor in summary.json" sh -c "grep -A2 '\"group\": \"Islands\"' $tmp/gsz/summary.json | grep -q '\"respondents\": null'"


# a header repeated next to itself over answers is a duplicate header, not a
# two-row header: every row is a respondent
printf 'Ryhmä;Arvio;Arvio\nA;Hyvä;Huono\nB;Huono;Hyvä\nA;Hyvä;Hyvä\n' >"$tmp/dup.csv"
check "adjacent duplicate headers keep every respondent" sh -c "$K analyze $tmp/dup.csv --list | head -1 | grep -q ': 3 respondents' && $K analyze $tmp/dup.csv --list | grep -q 'Arvio_2'"

# Two chunks on two cores (engine/count/parallel.c): KY_PARALLEL_MIN=0 splits every
# CSV file, "off" reads it with one reader; exit status, message and every
# output file must be the same.  The files: the sample, tests/data, made
# here (two groupings with new groups late, a column past the distinct-text
# limit, line breaks in quoted cells at the middle, a stray quote early and a
# bad cell late) and the shared exports when present.
par_same() { # DESC FILE ARGS...
	pd=$1 pf=$2; shift 2
	rm -rf "$tmp/ps" "$tmp/pp"
	KY_PARALLEL_MIN=off "$K" analyze "$pf" "$@" --no-charts -q -o "$tmp/ps" >/dev/null 2>"$tmp/pse"; pa=$?
	KY_PARALLEL_MIN=0 "$K" analyze "$pf" "$@" --no-charts -q -o "$tmp/pp" >/dev/null 2>"$tmp/ppe"; pb=$?
	sed -i "s#$tmp/ps#OUT#g" "$tmp/pse"; sed -i "s#$tmp/pp#OUT#g" "$tmp/ppe"
	if [ $pa -eq $pb ] && cmp -s "$tmp/pse" "$tmp/ppe" && { [ ! -d "$tmp/ps" ] || diff -r "$tmp/ps" "$tmp/pp" >/dev/null; }; then ok; else no "two chunks differ: $pd ($pa vs $pb)"; fi
}
par_same "sample, two groupings" "$SAMPLE" --group Vastaajaryhmä --group Palvelualue
for f in tests/data/*.csv ../shared/data/*/export.csv; do
	[ -e "$f" ] || continue
	par_same "$f" "$f"
	par_same "$f --group 3" "$f" --group 3
done
awk 'BEGIN { srand(7); printf "\"Alue\";\"Rooli\";\"Koodi\";\"Q:a\";\"Q:b\";\"Vapaa\"\r\n";
	split("Täysin eri mieltä|Jokseenkin eri mieltä|Ei samaa eikä eri mieltä|Jokseenkin samaa mieltä|Täysin samaa mieltä", lv, "|");
	for (r = 0; r < 15000; r++)
		printf "\"A%d\";\"R%d\";\"k%d\";\"%s\";\"%s\";\"%s\"\r\n", int(r * 6 / 15000 + rand() * 2), int(r * 3 / 15000) * 2 + int(rand() * 2),
		       (r * 7919) % 14500, lv[1 + int(rand() * 5)], rand() < 0.05 ? "" : lv[1 + int(rand() * 5)],
		       rand() < 0.3 ? "rivi\n\"\"toinen\"\"; " r % 7 : "" }' >"$tmp/par1.csv"
par_same "groups appearing late, a column past the distinct limit" "$tmp/par1.csv" --group Alue --group Rooli
awk 'BEGIN { printf "Ryhmä,Vapaa,Q:a\n"; for (r = 0; r < 21; r++) { printf "R%d,\"", r % 4;
	for (l = 0; l < (r == 10 ? 3000 : 5); l++) printf "rivi %d \"\"x\"\", y\n", l; printf "\",%d\n", r % 5 } }' >"$tmp/par2.csv"
par_same "line breaks in a quoted cell at the middle" "$tmp/par2.csv" --group Ryhmä
awk 'BEGIN { printf "Ryhmä;Vapaa;Q:a\n"; for (r = 0; r < 3000; r++) printf "R%d;%s;%d\n", r % 3, r == 40 ? "a\"b" : "\"t\n" r % 9 "\"", r % 5 }' >"$tmp/par3.csv"
par_same "a stray quote before the split" "$tmp/par3.csv" --group Ryhmä
awk 'BEGIN { printf "Ryhmä;Vapaa;Q:a\n"; for (r = 0; r < 3000; r++) printf "R%d;%s;%d\n", r % 3, r == 2500 ? "\303(" : "\"t\n" r % 9 "\"", r % 5 }' >"$tmp/par4.csv"
par_same "invalid UTF-8 in the second chunk" "$tmp/par4.csv" --group Ryhmä
check "the invalid cell is named by its line" grep -q 'par4.csv:5002:2:' "$tmp/ppe"

echo "cli: $pass passed, $failed failed"
test "$failed" -eq 0
