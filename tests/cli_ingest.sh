#!/bin/sh
# End-to-end tests of the ingest side of issue #21 that the export shapes
# (tests/shapes/) do not cover: a lone CR inside an LF file, --delimiter and
# Excel's sep= line over detection, a header larger than the 64 kB sample,
# errors of coded non-substantive answers, long section names, block names
# that cannot be file names or meet a detected block's id.
# Expected numbers are counted by hand from the few rows written here.
# usage: sh tests/cli_ingest.sh build/kysely
K=${1:-build/kysely}
tmp=$(mktemp -d /tmp/kysely-ingest.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
no() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { desc=$1; shift; if "$@"; then ok; else no "$desc"; fi; }
field() { # FILE ROW_REGEX COLUMN: the field under COLUMN of the one matching row
	python3 - "$@" <<'PY'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
hits = [r for r in rows[1:] if re.search(sys.argv[2], ",".join(r))]
print(hits[0][rows[0].index(sys.argv[3])] if len(hits) == 1 else "no single row")
PY
}

# A lone CR ends a record inside an LF file (it used to glue two records
# together: "record has 4 fields but the header has 2").  By hand: 4 answers,
# codes 4 3 1 4 -> mean 3.
printf 'Ryhmä;Palvelu oli hyvä\nA;Täysin samaa mieltä\rB;Jokseenkin samaa mieltä\nA;Täysin eri mieltä\nB;Täysin samaa mieltä\n' >"$tmp/cr.csv"
check "lone CR: analysed" "$K" analyze "$tmp/cr.csv" --min-n 0 --no-charts -q -o "$tmp/cr"
check "lone CR: 4 answers" test "$(field "$tmp/cr/descriptives.csv" 'Palvelu oli hyvä,\*,\*' n_valid)" = 4
check "lone CR: mean 3" test "$(field "$tmp/cr/descriptives.csv" 'Palvelu oli hyvä,\*,\*' mean)" = 3

# The ambiguous file is read with --delimiter; Excel's sep= line wins over
# the records (here ',' although ';' splits more evenly).
check "--delimiter settles a tie" sh -c "$K inspect tests/bad/ambiguous_separator.csv --delimiter ';' | grep -q \"separator ';'\""
check "--delimiter , settles it the other way" sh -c "$K inspect tests/bad/ambiguous_separator.csv --delimiter , | grep -q \"separator ','\""
printf 'sep=,\nRyhmä;x,Palvelu\nA;1,Täysin samaa mieltä\nB;2,Täysin eri mieltä\n' >"$tmp/sephint.csv"
check "sep= line wins" sh -c "$K inspect $tmp/sephint.csv | grep -q \"separator ','\""
printf 'Vastaajaryhmä;Kysymys, jossa on pilkkuja, monta, monta, monta\nAsukas;Täysin samaa mieltä\nHenkilöstö;Täysin eri mieltä\n' >"$tmp/hdrcommas.csv"
check "header with more commas than ';': ';'" sh -c "$K inspect $tmp/hdrcommas.csv | grep -q \"separator ';'\""
printf 'Vastaajaryhmä;Kysymys, jossa on pilkkuja, monta\nAsukas;Täysin samaa mieltä\n' >"$tmp/one.csv"
check "header and one row: ';'" sh -c "$K inspect $tmp/one.csv | grep -q \"separator ';'\""
printf 'Vastaajaryhmä;Kysymys, jossa on pilkkuja, monta\n' >"$tmp/hdronly.csv"
check "header only: the header rule, then 'no answers'" sh -c "$K analyze $tmp/hdronly.csv --no-charts -q -o $tmp/ho 2>$tmp/err; test \$? -eq 5 && grep -q 'no data rows' $tmp/err"

# A header of 2000 columns (over 64 kB, every text with commas) and 3 rows:
# the sample goes on to the second record.  By hand: column 2000 holds 5, 4, 3.
python3 - "$tmp/wide.csv" <<'PY'
import sys
n = 2000
head = ["Kysymys %d, jossa on pilkkuja, ja vielä, lisää tekstiä" % i for i in range(n)]
rows = [";".join(head)] + [";".join(str((i + r) % 5 + 1) for i in range(n)) for r in range(3)]
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
check "wide header over 64 kB: ';'" sh -c "$K inspect $tmp/wide.csv | grep -q \"separator ';'\""

# Coded non-substantive answers: errors name the definition's line.
printf 'Ryhmä;Vaikutus\nA;1\nB;0\nA;5\n' >"$tmp/codes.csv"
printf '[survey]\nexport = codes.csv\n\n[scale v]\nlabels = a | b | c | d | e\nnonsubstantive = 0 =\n\n[block x]\nscale = v\nitems = 2\n' >"$tmp/nolabel.ini"
check "code without a label: error" sh -c "$K analyze $tmp/nolabel.ini --no-charts -q -o $tmp/nl 2>$tmp/err; test \$? -ne 0 && grep -q 'nolabel.ini:6: .*gives a code but no label' $tmp/err"
printf '[survey]\nexport = codes.csv\n\n[scale v]\nlabels = a | b | c | d | e\nnonsubstantive = 5 = En ole käyttänyt\n\n[block x]\nscale = v\nitems = 2\n' >"$tmp/clash.ini"
check "code of a level: error" sh -c "$K analyze $tmp/clash.ini --no-charts -q -o $tmp/cl 2>$tmp/err; test \$? -ne 0 && grep -q \"clash.ini:6: .*code 5 is also the code of level 'e'\" $tmp/err"
printf '[survey]\nexport = codes.csv\n\n[scale v]\nlabels = a | b | c | d | e\nnonsubstantive = 0 = En ole käyttänyt\n\n[block x]\nscale = v\nitems = 2\n' >"$tmp/good.ini"
check "coded non-substantive: analysed" "$K" analyze "$tmp/good.ini" --min-n 0 --no-charts -q -o "$tmp/good"
check "coded non-substantive: mean of 1 and 5 = 3" test "$(field "$tmp/good/descriptives.csv" '^Vaikutus,.*,\*,\*' mean)" = 3
check "coded non-substantive: 1 apart" test "$(field "$tmp/good/descriptives.csv" '^Vaikutus,.*,\*,\*' n_nonsubstantive)" = 1
check "coded non-substantive: its label in frequencies" test "$(field "$tmp/good/frequencies.csv" '^Vaikutus,.*,\*,\*,,En ole käyttänyt' count)" = 1

# A cell "0 = En ole käyttänyt" is written by --write-definition as a coded
# non-substantive answer and read back as that answer (its text with the
# number prefix matches the label).
printf 'Ryhmä;Vaikutus\nA;1 = Ei vaikutusta\nB;0 = En ole käyttänyt\nA;Vähäinen vaikutus\n' >"$tmp/lab.csv"
check "written definition: written" sh -c "$K inspect $tmp/lab.csv --write-definition $tmp/lab.ini >/dev/null"
check "written definition: coded non-substantive" grep -q '^nonsubstantive = 0 = En ole käyttänyt$' "$tmp/lab.ini"
check "written definition: read back" "$K" analyze "$tmp/lab.ini" --min-n 0 --no-charts -q -o "$tmp/lab"
check "written definition: 1 apart" test "$(field "$tmp/lab/frequencies.csv" '^Vaikutus,.*,\*,\*,,En ole käyttänyt' count)" = 1

# The chart of a coded non-substantive answer names it by its label.
if command -v gnuplot >/dev/null; then
	check "coded non-substantive: chart" "$K" analyze tests/shapes/def_nonsub_code_fi.ini --format svg -q -o "$tmp/nsc"
	check "coded non-substantive: its label in the chart" grep -q 'En ole käyttänyt' "$tmp/nsc/charts/palvelut-vaikutus.svg"
fi

# Section names longer than inih's 50 characters; a value over 8 000 characters.
long=$(python3 -c 'print("Kuinka tyytyväinen olet kokonaisuutena palveluun, jota sait viimeksi asioidessasi meillä?")')
text=$(python3 -c 'print("x" * 8000)')
printf 'Ryhmä;%s\nA;Täysin samaa mieltä\nB;Täysin eri mieltä\n' "$long" >"$tmp/item.csv"
printf '[survey]\nexport = item.csv\n\n[item %s]\ntext = Kokonaistyytyväisyys %s\n' "$long" "$text" >"$tmp/item.ini"
check "long [item] name: analysed" "$K" analyze "$tmp/item.ini" --no-charts -q -o "$tmp/item"
check "long [item] name: its text shown" grep -q "^Q2,Kokonaistyytyväisyys x\{8000\},\*,\*," "$tmp/item/descriptives.csv"

# A definition opening with a comment line of 600 characters is still told
# from an export (it was read as a CSV).
python3 -c "print('; ' + 'kommentti ' * 60); print('[survey]'); print('export = codes.csv')" >"$tmp/longc.ini"
check "long first comment: a definition" "$K" analyze "$tmp/longc.ini" --min-n 0 --no-charts -q -o "$tmp/longc"

# Block names: what cannot be in a file name becomes '_'; a name meeting a
# detected block's id gets -2.
printf 'A1;A2;B1;B2\nTäysin samaa mieltä;Täysin eri mieltä;Ei vaikutusta;Merkittävä vaikutus\nTäysin eri mieltä;Jokseenkin samaa mieltä;Vähäinen vaikutus;Ei vaikutusta\nJokseenkin eri mieltä;Täysin samaa mieltä;Kohtalainen vaikutus;Erittäin merkittävä vaikutus\n' >"$tmp/two.csv"
printf '[survey]\nexport = two.csv\n\n[block palvelut / 2024]\nitems = A1 | A2\n' >"$tmp/slash.ini"
check "block name with '/': analysed" "$K" analyze "$tmp/slash.ini" -q -o "$tmp/slash" --format svg
check "block name with '/': its id" grep -q '^palvelut___2024,' "$tmp/slash/reliability.csv"
check "block name with '/': chart file" test -s "$tmp/slash/charts/palvelut___2024-means.svg"
check "detected block keeps b2" grep -q '^b2,' "$tmp/slash/reliability.csv"
printf '[survey]\nexport = two.csv\n\n[block b2]\nitems = A1 | A2\n' >"$tmp/b2.ini"
check "block named b2: analysed" "$K" analyze "$tmp/b2.ini" --no-charts -q -o "$tmp/b2"
check "block named b2 meets detected b2: b2-2" grep -q '^b2-2,' "$tmp/b2/reliability.csv"
check "detected block still b2" grep -q '^b2,' "$tmp/b2/reliability.csv"

echo "ingest: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
