#!/usr/bin/env python3
"""county_template.py IN.pptx OUT.pptx - a county's slide master for tests:
IN (kysely's plots/reference.pptx) with the funder's line "Euroopan unionin
rahoittama – NextGenerationEU" and a logo (a coloured box saying "maakunta")
on the slide master, so that they appear on every slide made from it."""
import sys
import zipfile

FUNDER = "Euroopan unionin rahoittama – NextGenerationEU"
SHAPES = (
    '<p:sp><p:nvSpPr><p:cNvPr id="90" name="Funder"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="274320" y="4800600"/><a:ext cx="5486400" cy="274320"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
    '<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0"/><a:lstStyle/>'
    '<a:p><a:r><a:rPr lang="fi-FI" sz="1200"/><a:t>' + FUNDER + '</a:t></a:r></a:p></p:txBody></p:sp>'
    '<p:sp><p:nvSpPr><p:cNvPr id="91" name="Logo"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="7772400" y="4754880"/><a:ext cx="1097280" cy="320040"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="00816A"/>'
    '</a:solidFill></p:spPr><p:txBody><a:bodyPr anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/>'
    '<a:r><a:rPr lang="fi-FI" sz="1200" b="1"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
    '</a:rPr><a:t>maakunta</a:t></a:r></a:p></p:txBody></p:sp>')

src = zipfile.ZipFile(sys.argv[1])
out = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename == "ppt/slideMasters/slideMaster1.xml":
        text = data.decode("utf-8")
        assert text.count("</p:spTree>") == 1
        data = text.replace("</p:spTree>", SHAPES + "</p:spTree>").encode("utf-8")
    zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
    zi.compress_type = zipfile.ZIP_DEFLATED
    out.writestr(zi, data)
out.close()
