#!/usr/bin/env python3
"""xlsx_check.py OUTDIR TABLE... - tables.xlsx against the CSVs beside it.

Reads OUTDIR/tables.xlsx with zipfile and the XML parser of the standard
library (an independent reader: not kysely's, not libxlsxwriter's) and checks
for every TABLE that its sheet holds exactly TABLE.csv: the same header, the
same number of rows, every text cell the same string (the CSV's formula
guard, a leading ' before = + - @, taken off), every numeric cell a number
cell whose value equals the CSV's (both parsed as doubles), never a formula,
the header row frozen and an autofilter over the table.  Prints one line per
failure and 'xlsx: N checked' at the end; exits 1 on any failure."""
import csv
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_book(path):
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = {}
    for s in wb.find("m:sheets", NS):
        xml = ET.fromstring(z.read("xl/" + target[s.get(REL)]))
        rows = {}
        for row in xml.iter("{%s}row" % NS["m"]):
            r = int(row.get("r")) - 1
            for c in row.findall("m:c", NS):
                if c.find("m:f", NS) is not None:
                    raise SystemExit("formula in %s %s" % (s.get("name"), c.get("r")))
                t = c.get("t")
                v = c.find("m:v", NS)
                if t == "s":
                    val = ("s", strings[int(v.text)])
                elif t == "inlineStr":
                    val = ("s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])))
                elif t == "str":
                    val = ("s", v.text or "")
                elif v is None:
                    continue      # a blank cell with a format
                else:
                    val = ("n", float(v.text))
                rows.setdefault(r, {})[col_index(c.get("r"))] = val
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = pane is not None and pane.get("ySplit") == "1" and pane.get("state") == "frozen"
        auto = xml.find("m:autoFilter", NS)
        sheets[s.get("name")] = (rows, frozen, auto.get("ref") if auto is not None else None)
    return sheets


def unguard(s):
    return s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@\t\r" else s


def main():
    outdir, tables = sys.argv[1], sys.argv[2:]
    sheets = read_book(outdir + "/tables.xlsx")
    bad = checked = 0
    for t in tables:
        if t not in sheets:
            print("xlsx: no sheet", t)
            bad += 1
            continue
        rows, frozen, auto = sheets[t]
        with open("%s/%s.csv" % (outdir, t), newline="", encoding="utf-8") as f:
            data = list(csv.reader(f))
        if not frozen:
            print("xlsx: %s: header row not frozen" % t)
            bad += 1
        if auto is None or not auto.startswith("A1:"):
            print("xlsx: %s: no autofilter" % t)
            bad += 1
        if max(rows) + 1 != len(data):
            print("xlsx: %s: %d rows, csv %d" % (t, max(rows) + 1, len(data)))
            bad += 1
        for r, line in enumerate(data):
            for c, cell in enumerate(line):
                got = rows.get(r, {}).get(c)
                checked += 1
                text = unguard(cell)
                if cell == "":
                    ok = got is None
                elif got is not None and got[0] == "n":
                    ok = r > 0 and float(cell) == got[1]
                else:
                    # a number in a numeric column must not be text
                    numeric = re.fullmatch(r"-?[0-9.]+(e[+-]?[0-9]+)?", cell) is not None
                    header = data[0][c]
                    textcol = header in ("item_id", "item_text", "question_id", "question_text",
                                         "grouping", "group", "label", "kind", "note", "type",
                                         "scale", "test", "group_a", "group_b", "effect_name",
                                         "block", "block_text", "option", "round_a", "round_b")
                    ok = got == ("s", text) and (r == 0 or textcol or not numeric)
                if not ok:
                    print("xlsx: %s row %d col %d: csv %r, xlsx %r" % (t, r + 1, c + 1, cell, got))
                    bad += 1
                    if bad > 20:
                        raise SystemExit(1)
    print("xlsx: %d cells checked, %d bad" % (checked, bad))
    sys.exit(1 if bad else 0)


main()
