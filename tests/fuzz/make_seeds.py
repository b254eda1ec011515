#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz harnesses (tests/fuzz/corpus/): small
CSV files in every encoding the reader detects, minimal XLSX workbooks made
with zipfile, and survey definitions.  Run from the repository root."""
import os
import zipfile

C = "tests/fuzz/corpus"

CSV = ("Vastaajaryhmä;Palvelut ovat helposti saatavilla;Avoin\n"
       "Asukas;Täysin samaa mieltä;\"hyvä, \"\"todella\"\"\"\n"
       "Henkilöstö;Jokseenkin eri mieltä;\n"
       "Asukas;En osaa sanoa;\"kaksi\nriviä\"\n")


def put(sub, name, data):
    os.makedirs(os.path.join(C, sub), exist_ok=True)
    with open(os.path.join(C, sub, name), "wb") as f:
        f.write(data)


def xlsx(sheet, shared=None, styles=None, merges="", extra=None):
    import io
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns:r="r">'
                   '<workbookPr date1904="0"/><sheets><sheet name="Vastaukset" '
                   'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships>'
                   '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", "<sst>" + "".join(
                "<si><t>%s</t></si>" % s for s in shared) + "</sst>")
        if styles:
            z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet +
                   "</sheetData>" + merges + "</worksheet>")
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return b.getvalue()


csv_bytes = CSV.encode()
put("reader", "utf8.csv", csv_bytes)
put("reader", "utf8_bom.csv", b"\xef\xbb\xbf" + csv_bytes.replace(b";", b","))
put("reader", "utf16le.csv", b"\xff\xfe" + CSV.replace(";", "\t").encode("utf-16-le"))
put("reader", "utf16be.csv", b"\xfe\xff" + CSV.encode("utf-16-be"))
put("reader", "cp1252.csv", CSV.replace("\n", "\r\n").encode("cp1252"))
put("reader", "sep_hint.csv", b"sep=,\n" + csv_bytes.replace(b";", b","))
put("reader", "cr_only.csv", csv_bytes.replace(b"\n", b"\r"))
rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Kysymys:'
        'Väite_x000D_</t></is></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>3</v></c>'
        '<c r="C2" s="1"><v>45123.5</v></c></row>'
        '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#N/A</v></c>'
        '<c r="C3" t="d"><v>2024-09-01T10:00:00Z</v></c></row>')
styles = ('<styleSheet><numFmts><numFmt numFmtId="164" formatCode="d.m.yyyy"/></numFmts>'
          '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
book = xlsx(rows, ["Ryhmä", "Aika", "Asukas"], styles,
            '<mergeCells><mergeCell ref="B1:C1"/></mergeCells>')
put("reader", "book.xlsx", book)
put("reader", "book_nosst.xlsx", xlsx('<row r="1"><c t="inlineStr"><is><t>a</t></is></c>'
                                       '<c><v>1</v></c></row><row><c><v>2</v></c></row>'))
put("reader", "sav_magic.sav", b"$FL2" + b"\0" * 60)

put("survey", "sample.csv", b";" + csv_bytes * 3)
put("survey", "numbers.csv", b"\x01Ryhm\xc3\xa4,Arvio 1-5,NPS suosittelisitko\n" +
    b"".join(b"%s,%d,%d\n" % (b"AB"[i % 2:i % 2 + 1], i % 5 + 1, i % 11) for i in range(24)))
put("survey", "multi.csv", b"\x03Ryhm\xc3\xa4;Mist\xc3\xa4 kuulit?:Lehti;Mist\xc3\xa4 kuulit?:Netti;"
    b"J\xc3\xa4rjest\xc3\xa4:A;J\xc3\xa4rjest\xc3\xa4:B\n" +
    b"".join(b"%s;%s;%s;%d.;%d.\n" % (b"XY"[i % 2:i % 2 + 1], b"1" if i % 3 else b"",
             b"x" if i % 2 else b"", 1 + i % 2, 2 - i % 2) for i in range(20)))

put("def", "full.ini", b"""[survey]
export = sample.csv
title = Asukaskysely 9/2024
round = 2024
population = 3200
lang = fi
group = Vastaajaryhm\xc3\xa4
min_n = 5
ignore = S\xc3\xa4hk\xc3\xb6posti | IP
header_rows = 2

[scale vaikutus]
kind = unipolar
labels = Ei vaikutusta | V\xc3\xa4h\xc3\xa4inen vaikutus | Kohtalainen vaikutus
  | Merkitt\xc3\xa4v\xc3\xa4 vaikutus
codes = 1 | 2 | 3 | 4
nonsubstantive = En osaa sanoa

[block palvelut]
scale = vaikutus
items = Q3_1 | Q3_2 | 4
reverse = Q3_2
reliability = yes
title = Palvelut

[item Q3_2]
text = Chat
was = Puhelin
scale = vaikutus
""")
put("def", "small.ini", b"; comment\n[survey]\ntitle = t\n[scale s]\nlabels = a | b\n")
put("def", "bom.ini", b"\xef\xbb\xbf[survey]\r\nmin_n = 0\r\n[block b]\r\nitems = 1 | 2\r\n")

# Export shapes of issue #21: the separator chosen from the records, two
# header rows, an Excel re-save, Finnish timestamps.
SEMI = ("Ryhmä;Kuinka tyytyväinen olet palveluun, kun asioit?;Vastausaika\n"
        "Asukas;4;12.9.2024 14.33\nHenkilöstö;3,5;12.9.2024 14:33:05\n"
        "Asukas;\"kaksi; \"\"osaa\"\"\";13.9.2024 9.05\n")
COMMA = ("Group,Q1; part one,Q2\nA,1,\"x;y\"\nB,2,z\nA,3,\"w\n;v\"\n")
for sub in ("reader", "survey"):
    put(sub, "semi_commas.csv", SEMI.encode())
    put(sub, "comma_semis.csv", COMMA.encode())
    put(sub, "tab.csv", COMMA.replace(",", "\t").encode())
    put(sub, "pipe.csv", COMMA.replace(",", "|").encode())
    put(sub, "ambiguous.csv", b"a,b;c\n1,2;3\n4,5;6\n")
    put(sub, "excel_resave.csv",
        ("Ryhmä;\"Kuinka tyytyväinen\nolet?\";Ikä;;;\r\nAsukas;4;34,5;;;\r\n"
         "Henkilöstö;2;45,0;;;\r\n;;;;;\r\n;;;;;\r\n").encode("cp1252"))
    put(sub, "two_headers.csv",
        ("Taustatieto;Kuinka samaa mieltä olet?;;\nRyhmä;Palvelu A;Palvelu B;"
         "Palvelu C\nAsukas;Täysin samaa mieltä;Jokseenkin samaa mieltä;"
         "En osaa sanoa\nHenkilöstö;Jokseenkin eri mieltä;Täysin eri mieltä;"
         "Täysin samaa mieltä\n").encode())
put("def", "long_line.ini", ("[survey]\nexport = x.csv\n[scale vaikutus]\nlabels = a | b | c\n"
                             "nonsubstantive = 0 = En ole käyttänyt | 9=Ei koske\n[block palvelut ja hoito]\n"
                             "items = " + " | ".join("Väittämä %d, pitkä teksti" % i for i in range(40)) +
                             "\n  | jatkuu\n[item %s]\ntext = t ; kommentti\n" % ("k" * 120)).encode())
