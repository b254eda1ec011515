#!/usr/bin/env python3
"""xlsx_about.py OUTDIR - the first sheet of OUTDIR/tables.xlsx explains every
sheet and every column of every other sheet (a non-empty meaning), read with
zipfile and the standard XML parser.  Exits 1 naming what is unexplained."""
import sys
import xml.etree.ElementTree as ET
import zipfile

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
z = zipfile.ZipFile(sys.argv[1] + "/tables.xlsx")
strings = ["".join(t.text or "" for t in si.iter(M + "t"))
           for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(M + "si")]


def rows(path):
    out = []
    for row in ET.fromstring(z.read(path)).iter(M + "row"):
        cells = {}
        for c in row.findall(M + "c"):
            v = c.find(M + "v")
            col = ord(c.get("r")[0]) - 65
            cells[col] = strings[int(v.text)] if c.get("t") == "s" and v is not None else (v.text if v is not None else "")
        out.append(cells)
    return out


about = rows("xl/worksheets/sheet1.xml")
explained = {(r.get(0), r.get(1)) for r in about if r.get(2)}
sheets = {r.get(0) for r in about if r.get(0) and not r.get(1) and r.get(2)}
bad = 0
wb = ET.fromstring(z.read("xl/workbook.xml"))
names = [s.get("name") for s in wb.find(M + "sheets")][1:]
for i, name in enumerate(names):
    if name not in sheets:
        print("unexplained sheet", name)
        bad = 1
    head = rows("xl/worksheets/sheet%d.xml" % (i + 2))[0]
    for col in head.values():
        if (name, col) not in explained:
            print("unexplained column %s.%s" % (name, col))
            bad = 1
print("xlsx-about: %d sheets checked%s" % (len(names), "" if not bad else " (UNEXPLAINED)"))
sys.exit(bad)
