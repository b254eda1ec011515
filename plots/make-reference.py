#!/usr/bin/env python3
"""make-reference.py - rewrites plots/reference.pptx and plots/reference.docx,
the reference documents kysely gives pandoc when no --template is given.

Both start from pandoc's own defaults (`pandoc --print-default-data-file
reference.pptx|.docx`, pandoc 2.17) with these changes:
  reference.pptx: titles left-aligned at 24 pt and body text 18/16/14 pt (so
    the key findings fit a slide); the title box 0.3 in from the left and
    0.12 in from the top, 9.4 x 0.75 in; the content area from 0.86 in,
    9.4 x 4.3 in (plot.c's SLIDE_* and layout.gp size the slide charts for
    it), leaving 0.5 in at the bottom for a county's footer;
  reference.docx: A4 pages with 2 cm margins; tables in 8.5 pt with 1 mm
    cell margins (the report's tables have up to 13 columns).
Every zip entry gets the date 1980-01-01, so that pandoc's output (which
copies the reference's entries with their dates) is the same on every run.
usage: python3 plots/make-reference.py   (needs pandoc)"""
import re
import subprocess
import zipfile


def default(name):
    return subprocess.run(["pandoc", "--print-default-data-file", name],
                          check=True, capture_output=True).stdout


def write(path, src_bytes, edit):
    import io
    src = zipfile.ZipFile(io.BytesIO(src_bytes))
    out = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    for info in src.infolist():
        data = edit(info.filename, src.read(info.filename))
        zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(zi, data)
    out.close()


def pptx(name, data):
    if name != "ppt/slideMasters/slideMaster1.xml":
        return data
    t = data.decode()
    t = t.replace('<p:titleStyle><a:lvl1pPr algn="ctr"', '<p:titleStyle><a:lvl1pPr algn="l"', 1)
    i, j = t.index("<p:titleStyle>"), t.index("</p:titleStyle>")
    t = t[:i] + t[i:j].replace('sz="3300"', 'sz="2400"') + t[j:]
    i, j = t.index("<p:bodyStyle>"), t.index("</p:bodyStyle>")
    body = t[i:j]
    for level, size in [(1, 1800), (2, 1600)] + [(k, 1400) for k in range(3, 10)]:
        body = re.sub(r'(<a:lvl%dpPr[^>]*>.*?<a:defRPr sz=")\d+' % level, r"\g<1>%d" % size,
                      body, count=1, flags=re.S)
    t = t[:i] + body + t[j:]
    t = t.replace('<a:off x="457200" y="205979"/><a:ext cx="8229600" cy="857250"/>',
                  '<a:off x="274320" y="109728"/><a:ext cx="8595360" cy="685800"/>')
    t = t.replace('<a:off x="457200" y="1200151"/><a:ext cx="8229600" cy="3394472"/>',
                  '<a:off x="274320" y="786384"/><a:ext cx="8595360" cy="3931920"/>')
    return t.encode()


def docx(name, data):
    if name == "word/styles.xml":   # tables: 8.5 pt text, narrower cell margins
        t = data.decode()
        i = t.index('w:styleId="Table"')
        j = t.index("<w:tblPr>", i)
        t = t[:j] + '<w:rPr><w:sz w:val="17" /><w:szCs w:val="17" /></w:rPr>' + t[j:]
        k = t.index("</w:tblCellMar>", j)
        t = t[:j] + t[j:k].replace('w:w="108"', 'w:w="57"') + t[k:]
        return t.encode()
    if name != "word/document.xml":
        return data
    t = data.decode()
    return t.replace("<w:sectPr />", '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar '
                     'w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
                     'w:footer="567" w:gutter="0"/></w:sectPr>').encode()


write("plots/reference.pptx", default("reference.pptx"), pptx)
write("plots/reference.docx", default("reference.docx"), docx)
