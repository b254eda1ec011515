#!/usr/bin/env python3
"""Writes the broken XLSX files of tests/bad/ (run in tests/bad/)."""
import io
import zipfile

WB = ('<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>')
RELS = ('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        '</Relationships>')
ROWS = ('<row r="1"><c t="inlineStr"><is><t>Ryhmä</t></is></c><c t="inlineStr"><is>'
        '<t>Arvio</t></is></c></row><row r="2"><c t="inlineStr"><is><t>A</t></is></c>'
        '<c><v>3</v></c></row>')


def book(parts):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return b.getvalue()


def sheet(rows):
    return "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


good = book({"xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": RELS,
             "xl/worksheets/sheet1.xml": sheet(ROWS * 40)})
write("xlsx_not_zip.xlsx", b"PK\x03\x04" + b"this is no zip archive" * 4)
write("xlsx_truncated.xlsx", good[: len(good) // 2])
write("xlsx_no_sheet.xlsx", book({"xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": RELS}))
write("xlsx_no_shared_strings.xlsx", book({
    "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": RELS,
    "xl/worksheets/sheet1.xml": sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')}))
write("xlsx_bad_xml.xlsx", book({
    "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": RELS,
    "xl/worksheets/sheet1.xml": sheet(ROWS + '<row r="3"><c r="A3"><v>1</c></row>')}))
write("xlsx_empty_sheet.xlsx", book({
    "xl/workbook.xml": WB, "xl/_rels/workbook.xml.rels": RELS,
    "xl/worksheets/sheet1.xml": sheet("")}))
# 64 MB of blanks inside a cell deflate to about 64 kB: over --max-unzipped 8M
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", RELS)
    z.writestr("xl/worksheets/sheet1.xml", sheet(ROWS) [:-len("</sheetData></worksheet>")]
               + " " * (64 << 20) + "</sheetData></worksheet>")
write("xlsx_zip_bomb.xlsx", b.getvalue())
