#!/usr/bin/env python3
"""gen_ingest_shapes.py - writes the ingest-side export shapes of issue #21
into tests/shapes/ (separators, Excel re-saves, two header rows, metadata
columns, survey definitions) with their NAME.expect files.

Every expected number is computed here, by hand in Python (statistics.mean,
statistics.stdev, Cronbach's alpha from its formula), from the rows this
script generates, never by kysely.  Codes: a scale's levels numbered 1..k in
label order; non-substantive answers apart; empty cells missing.
Run from the repository root: python3 tests/shapes/gen_ingest_shapes.py"""
import io
import os
import random
import statistics as st
import zipfile

D = os.path.join(os.path.dirname(os.path.abspath(__file__)))
CMD = "# command: python3 tests/shapes/gen_ingest_shapes.py (%s): %s"

AGREE5_FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
             "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]
AGREE4_FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Jokseenkin samaa mieltä",
             "Täysin samaa mieltä"]
AGREE5_SV = ["Helt av annan åsikt", "Delvis av annan åsikt", "Varken av samma eller annan åsikt",
             "Delvis av samma åsikt", "Helt av samma åsikt"]
AGREE5_EN = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"]
IMPACT5_FI = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
              "Merkittävä vaikutus", "Erittäin merkittävä vaikutus"]


def answers(rng, n, levels, nonsub=None, p_nonsub=0.1, p_missing=0.08, latent=None):
    """N answers: every level at least once (so the full scale is seen), then
    random ones; None = empty cell."""
    out = list(levels)
    for i in range(n - len(levels)):
        r = rng.random()
        if nonsub and r < p_nonsub:
            out.append(nonsub)
        elif r < p_nonsub + p_missing:
            out.append(None)
        elif latent is not None:
            k = max(0, min(len(levels) - 1, latent[i] + rng.choice([-1, 0, 0, 1])))
            out.append(levels[k])
        else:
            out.append(rng.choice(levels))
    return out


def stats_of(col, levels):
    codes = [levels.index(v) + 1 for v in col if v in levels]
    nonsub = sum(1 for v in col if v is not None and v not in levels)
    missing = sum(1 for v in col if v is None)
    return {"n_valid": len(codes), "n_nonsubstantive": nonsub, "n_missing": missing,
            "mean": st.mean(codes), "sd": st.stdev(codes),
            "top2_pct": 100.0 * sum(1 for c in codes if c > len(levels) - 2) / len(codes)}


def num_stats(xs):
    return {"n_valid": len(xs), "mean": st.mean(xs), "sd": st.stdev(xs), "median": st.median(xs)}


def alpha(rows, levels_of):
    """Cronbach's alpha over complete cases: rows of cell texts per item."""
    items = list(zip(*rows))
    cases = []
    for r in zip(*items):
        codes = [levels_of[j].index(v) + 1 if v in levels_of[j] else None for j, v in enumerate(r)]
        if all(c is not None for c in codes):
            cases.append(codes)
    k = len(cases[0])
    var_items = sum(st.variance([c[j] for c in cases]) for j in range(k))
    var_total = st.variance([sum(c) for c in cases])
    return k / (k - 1) * (1 - var_items / var_total), len(cases)


def csv_text(rows, sep=";", eol="\n", quote_all=False):
    def q(c):
        c = "" if c is None else str(c)
        if quote_all or any(ch in c for ch in (sep, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c
    return "".join(sep.join(q(c) for c in r) + eol for r in rows)


def put(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(D, name), mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)


def expect(name, command, checks):
    lines = [CMD % (name, command)]
    for c in checks:
        lines.append("\t".join(fmt(x) for x in c))
    put(name + ".expect", "\n".join(lines) + "\n")


def fmt(x):
    if isinstance(x, float):
        return repr(x)
    return str(x)


def desc(fragment, group, s, keys=("n_valid", "n_nonsubstantive", "mean", "sd")):
    """Checks of descriptives.csv for the row of the item whose text holds
    FRAGMENT: overall (group None) or in group (grouping, value)."""
    import re
    rx = re.escape(fragment) + (".*,\\*,\\*," if group is None else
                                ".*,%s,%s," % (re.escape(group[0]), re.escape(group[1])))
    return [("descriptives.csv", rx, k, s[k]) for k in keys]


def is_metadata(header):
    """summary.json lists column HEADER as metadata."""
    import re
    return ("grep", "summary.json", '"header": "%s",\\s*"stem": null,\\s*"statement": null,\\s*'
            '"type": "metadata"' % re.escape(header))


def xlsx(rows_cells):
    """A minimal workbook: ROWS_CELLS is a list of rows, each a list of
    (column letter, value) with str as inline strings, numbers as numbers."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        def w(n, t):
            zi = zipfile.ZipInfo(n, date_time=(2024, 9, 12, 14, 33, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, t)
        w("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
          'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
          'ContentType="application/xml"/></Types>')
        w("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet '
          'name="Vastaukset" sheetId="1" r:id="rId1"/></sheets></workbook>')
        w("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships><Relationship '
          'Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        x = ["<worksheet><sheetData>"]
        for i, row in enumerate(rows_cells, 1):
            x.append('<row r="%d">' % i)
            for col, v in row:
                if v is None:
                    continue
                if isinstance(v, str):
                    t = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    x.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col, i, t))
                else:
                    x.append('<c r="%s%d"><v>%s</v></c>' % (col, i, v))
            x.append("</row>")
        x.append("</sheetData></worksheet>")
        w("xl/worksheets/sheet1.xml", "".join(x))
    return b.getvalue()


# ---- separators -----------------------------------------------------------

def sep_semicolon_commas_fi():
    """Webropol CSV: ';', UTF-8 BOM, CRLF, Finnish question texts with commas
    and open answers with commas: the header alone has more commas than ';'."""
    name = "sep_semicolon_commas_fi"
    rng = random.Random(2101)
    n = 40
    q1 = "Kuinka samaa mieltä olet: palvelu oli helposti saatavilla, kun tarvitsin sitä, myös iltaisin, viikonloppuisin ja loma-aikoina?"
    q2 = "Kuinka samaa mieltä olet: sain apua, jota tarvitsin, ja minua kohdeltiin hyvin, kuunnellen ja kunnioittavasti?"
    grp = [rng.choice(["Asukas", "Henkilöstö"]) for _ in range(n)]
    a1 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    a2 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    opens = [rng.choice(["Hyvä, kiitos.", "Jonot olivat pitkiä, mutta apu oli hyvää.", "", "Ei kommentteja, kaikki ok."]) for _ in range(n)]
    rows = [["Vastaajaryhmä", q1, q2, "Kerro vapaasti, mitä muuta haluat sanoa, tai mitä voisimme parantaa?"]]
    rows += [[grp[i], a1[i], a2[i], opens[i]] for i in range(n)]
    put(name + ".csv", "\ufeff" + csv_text(rows, ";", "\r\n"))
    put(name + ".args", "--group Vastaajaryhmä\n")
    s1, s2 = stats_of(a1, AGREE5_FI), stats_of(a2, AGREE5_FI)
    asukas = stats_of([a for a, g in zip(a1, grp) if g == "Asukas"], AGREE5_FI)
    expect(name, "codes 1-5 in label order, 'En osaa sanoa' apart, statistics.mean/stdev",
           desc("helposti saatavilla", None, s1) + desc("sain apua", None, s2) +
           desc("helposti saatavilla", ("Vastaajaryhmä", "Asukas"), asukas, ("n_valid", "mean", "sd")))


def sep_comma_semicolons_en():
    """A ',' export whose English texts hold ';' (quoted), LF line ends."""
    name = "sep_comma_semicolons_en"
    rng = random.Random(2102)
    n = 30
    q1 = "The service was easy to reach; I got an answer quickly"
    q2 = "Staff listened to me; my matter was handled well"
    a1 = answers(rng, n, AGREE5_EN, "Don't know")
    a2 = answers(rng, n, AGREE5_EN, "Don't know")
    rows = [["Respondent group", q1, q2, "Comments (optional; free text)"]]
    rows += [[rng.choice(["Resident", "Staff"]), a1[i], a2[i],
              rng.choice(["", "Fine; thanks", "Too slow; again"])] for i in range(n)]
    put(name + ".csv", csv_text(rows, ","))
    expect(name, "codes 1-5 in label order, Don't know apart, statistics.mean/stdev",
           desc("easy to reach", None, stats_of(a1, AGREE5_EN)) +
           desc("Staff listened", None, stats_of(a2, AGREE5_EN)))


def sep_tab_sv():
    """Tab-separated Swedish export (a Webropol 'Text (tab)' download), texts
    with commas and semicolons."""
    name = "sep_tab_sv"
    rng = random.Random(2103)
    n = 30
    q1 = "Hur väl stämmer påståendet: tjänsten var lätt att nå, även på kvällar; jag fick hjälp"
    q2 = "Hur väl stämmer påståendet: personalen lyssnade, och ärendet sköttes väl"
    a1 = answers(rng, n, AGREE5_SV, "Vet ej")
    a2 = answers(rng, n, AGREE5_SV, "Vet ej")
    rows = [["Svarsgrupp", q1, q2]] + [[rng.choice(["Invånare", "Personal"]), a1[i], a2[i]] for i in range(n)]
    put(name + ".csv", csv_text(rows, "\t"))
    expect(name, "codes 1-5 in label order, 'Vet ej' apart, statistics.mean/stdev",
           desc("lätt att nå", None, stats_of(a1, AGREE5_SV)) +
           desc("personalen lyssnade", None, stats_of(a2, AGREE5_SV)))


def sep_pipe():
    """'|'-separated export with commas and ';' in the texts."""
    name = "sep_pipe_fi"
    rng = random.Random(2104)
    n = 25
    q1 = "Palvelu oli nopeaa, selkeää; ja ystävällistä"
    a1 = answers(rng, n, AGREE4_FI, "En osaa sanoa")
    ages = [rng.randint(18, 90) for _ in range(n)]
    rows = [["Ikä, vuotta", q1]] + [[ages[i], a1[i]] for i in range(n)]
    put(name + ".csv", csv_text(rows, "|"))
    expect(name, "codes 1-4 in label order, statistics.mean/stdev",
           desc("nopeaa, selkeää", None, stats_of(a1, AGREE4_FI)) +
           desc("Ikä, vuotta", None, num_stats(ages), ("n_valid", "mean", "sd", "median")) +
           [("grep", "report.md", "erottimena pystyviiva")])


def sep_ambiguous():
    """';' and ',' both split every record evenly: an error naming both."""
    name = "sep_ambiguous"
    rows = ["Vastaaja,tunnus;Kunta,alue", "A,1;Kokkola,keskusta", "B,2;Kannus,kylä",
            "C,3;Kaustinen,kirkonkylä"]
    put(name + ".csv", "\n".join(rows) + "\n")
    put(name + ".expect", CMD % (name, "by hand: ';' gives 2 fields and ',' 3 fields in all 4 records") + "\n"
        "exit\t5\n"
        "stderr\tcannot tell the field separator: ';' \\(2 fields\\) and ',' \\(3 fields\\).*--delimiter ';' or --delimiter ','\n"
        "nofile\tdescriptives.csv\n")


def sep_decimal_commas():
    """';' with a comma in the header and a decimal comma in every data row:
    both split evenly, the decimal commas tell."""
    name = "sep_decimal_commas_fi"
    rng = random.Random(2105)
    n = 20
    xs = [round(rng.uniform(4, 10), 1) for _ in range(n)]
    rows = ["Kouluarvosana, 4-10;Kunta"] + ["%s;%s" % (str(x).replace(".", ","), rng.choice(["Kokkola", "Kannus"])) for x in xs]
    put(name + ".csv", "\n".join(rows) + "\n")
    expect(name, "statistics.mean/stdev/median of the decimal-comma numbers",
           desc("Kouluarvosana", None, num_stats(xs), ("n_valid", "mean", "sd", "median")))


def sep_quoted_lines():
    """A Forms CSV copy (';', quoted cells with line breaks and ';' inside,
    more than 50 records) whose header has many commas."""
    name = "sep_quoted_lines_fi"
    rng = random.Random(2106)
    n = 70
    q1 = "Miten arvioit palvelua kokonaisuutena, kun otat huomioon saatavuuden, nopeuden, ystävällisyyden ja tulokset?"
    a1 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    opens = [rng.choice(["Hyvä.\nKiitos; jatkakaa!", "", "Liian pitkä jono;\nsoitin kolme kertaa, turhaan.", "ok"]) for _ in range(n)]
    rows = [["Id", q1, "Mitä muuta, mitä tahansa, haluat kertoa?"]] + [[i + 1, a1[i], opens[i]] for i in range(n)]
    put(name + ".csv", csv_text(rows, ";", "\r\n"))
    expect(name, "codes 1-5 in label order, statistics.mean/stdev",
           desc("kokonaisuutena", None, stats_of(a1, AGREE5_FI), ("n_valid", "n_nonsubstantive", "n_missing", "mean", "sd")))


# ---- a Finnish Excel re-save ------------------------------------------------

def excel_pair():
    """The same Webropol export twice: the UTF-8 original, and its Finnish
    Excel re-save (Windows-1252, ';', decimal commas, ';;;' at every row end,
    empty rows at the end, a header cell with a line break, CRLF).  Both give
    the same numbers."""
    rng = random.Random(2107)
    n = 36
    q1 = "Palvelu oli helposti saatavilla, kun tarvitsin sitä"
    q2 = "Sain apua, jota tarvitsin"
    grp = [rng.choice(["Asukas", "Henkilöstö"]) for _ in range(n)]
    a1 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    a2 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    score = [round(rng.uniform(4, 10), 1) for _ in range(n)]
    checks = (desc("helposti saatavilla", None, stats_of(a1, AGREE5_FI)) +
              desc("Sain apua", None, stats_of(a2, AGREE5_FI)) +
              desc("Kokonaisarvosana", None, num_stats(score), ("n_valid", "mean", "sd", "median")))
    orig = [["Vastaajaryhmä", q1, q2, "Kokonaisarvosana (4-10)"]]
    orig += [[grp[i], a1[i], a2[i], str(score[i])] for i in range(n)]
    put("excel_original_utf8.csv", "\ufeff" + csv_text(orig, ";"))
    expect("excel_original_utf8", "codes 1-5 in label order, statistics.mean/stdev/median", checks)
    resave = [["Vastaajaryhmä", "Palvelu oli helposti saatavilla,\nkun tarvitsin sitä", q2,
               "Kokonaisarvosana\n(4-10)", "", "", ""]]
    resave += [[grp[i], a1[i], a2[i], str(score[i]).replace(".", ","), "", "", ""] for i in range(n)]
    resave += [["", "", "", "", "", "", ""]] * 4
    put("excel_resave_cp1252.csv", csv_text(resave, ";", "\r\n").encode("cp1252"))
    expect("excel_resave_cp1252", "the same rows as excel_original_utf8: codes 1-5, statistics.mean/stdev/median", checks)


# ---- two header rows ----------------------------------------------------------

def hdr2_webropol2021():
    """Webropol 2021: row 1 has the question title over its first statement
    and nothing over the rest (';;' at its end), row 2 the statements."""
    name = "hdr2_webropol2021_fi"
    rng = random.Random(2108)
    n = 30
    stmts = ["Palvelu oli helposti saatavilla", "Sain apua, jota tarvitsin", "Henkilökunta oli ystävällistä"]
    cols = [answers(rng, n, AGREE4_FI, "En osaa sanoa") for _ in stmts]
    grp = [rng.choice(["Asukas", "Henkilöstö"]) for _ in range(n)]
    r1 = ["Taustatieto", "Kuinka samaa mieltä olet seuraavista väittämistä?", "", ""]
    r2 = ["Vastaajaryhmä"] + stmts
    rows = [r1, r2] + [[grp[i]] + [c[i] for c in cols] for i in range(n)]
    put(name + ".csv", csv_text(rows, ";"))
    checks = []
    for s_, c in zip(stmts, cols):
        checks += desc(s_, None, stats_of(c, AGREE4_FI))
    checks.append(("descriptives.csv", "Henkilökunta oli ystävällistä.*,\\*,\\*,", "item_text",
                   "Kuinka samaa mieltä olet seuraavista väittämistä?:Henkilökunta oli ystävällistä"))
    expect(name, "codes 1-4 in label order, statistics.mean/stdev", checks)


def hdr2_short_first_row():
    """Two header rows, the first row cut after its last text (no trailing
    separators at all, as a hand-edited file has it)."""
    name = "hdr2_short_first_row_en"
    rng = random.Random(2109)
    n = 24
    stmts = ["Easy to reach", "Quick answer", "Friendly staff", "Problem solved"]
    cols = [answers(rng, n, AGREE5_EN, "Don't know") for _ in stmts]
    r1 = "Group,How much do you agree with the following?"
    r2 = "Group," + ",".join(stmts)
    data = [",".join([rng.choice(["Resident", "Staff"])] + [c[i] or "" for c in cols]) for i in range(n)]
    put(name + ".csv", "\n".join([r1, r2] + data) + "\n")
    checks = []
    for s_, c in zip(stmts, cols):
        checks += desc(s_, None, stats_of(c, AGREE5_EN), ("n_valid", "mean", "sd"))
    expect(name, "codes 1-5 in label order, statistics.mean/stdev", checks)


def hdr2_xlsx():
    """The Webropol 2021 layout as an XLSX: row 1 has no cells at all after the
    question title."""
    name = "hdr2_webropol2021_xlsx"
    rng = random.Random(2110)
    n = 26
    stmts = ["Ajanvaraus onnistui helposti", "Odotusaika oli kohtuullinen", "Sain riittävästi tietoa"]
    cols = [answers(rng, n, IMPACT5_FI, "En osaa sanoa") for _ in stmts]
    ages = [rng.randint(20, 85) for _ in range(n)]
    rows = [[("A", "Taustatiedot"), ("B", "Ikä"), ("C", "Kuinka merkittävä vaikutus palveluilla on ollut?")],
            [("A", "Kunta"), ("B", "Ikä vuosina")] + [(chr(ord("C") + j), s_) for j, s_ in enumerate(stmts)]]
    for i in range(n):
        rows.append([("A", rng.choice(["Kokkola", "Kannus", "Kaustinen"])), ("B", ages[i])] +
                    [(chr(ord("C") + j), c[i]) for j, c in enumerate(cols)])
    put(name + ".xlsx", xlsx(rows))
    checks = []
    for s_, c in zip(stmts, cols):
        checks += desc(s_, None, stats_of(c, IMPACT5_FI))
    checks += desc("Ikä vuosina", None, num_stats(ages), ("n_valid", "mean", "sd"))
    expect(name, "codes 1-5 in label order, statistics.mean/stdev", checks)


# ---- metadata and dates -------------------------------------------------------

def meta_webropol():
    """Webropol CSV with 'Vastausaika' (Finnish timestamps with '.' and ':'),
    a send time under another header and response durations: metadata."""
    name = "meta_webropol_timestamps_fi"
    rng = random.Random(2111)
    n = 30
    a1 = answers(rng, n, AGREE5_FI, "En osaa sanoa")
    def ts(i):   # "12.9.2024 14.33" and "12.9.2024 14:33:05" by turns
        d, h, m, sec = rng.randint(1, 28), rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)
        return "%d.9.2024 %d.%02d" % (d, h, m) if i % 2 else "%d.9.2024 %d:%02d:%02d" % (d, h, m, sec)
    rows = [["Vastaaja", "Vastausaika", "Lähetetty", "Kesto", "Palvelu vastasi tarpeitani, kun otin yhteyttä"]]
    rows += [[i + 1, ts(i), ts(i + 1), "00:%02d:%02d" % (rng.randint(1, 30), rng.randint(0, 59)), a1[i]] for i in range(n)]
    put(name + ".csv", csv_text(rows, ";"))
    checks = desc("vastasi tarpeitani", None, stats_of(a1, AGREE5_FI))
    checks += [is_metadata(h) for h in ("Vastausaika", "Lähetetty", "Kesto")]
    checks += [("nogrep", "descriptives.csv", "Vastausaika|Lähetetty|Kesto"),
               ("nogrep", "frequencies.csv", "Vastausaika|Lähetetty|Kesto")]
    expect(name, "codes 1-5 in label order, statistics.mean/stdev; the three time columns by hand: metadata", checks)


def meta_forms_fi():
    """Microsoft Forms, Finnish tenant, as a ';' CSV copy: Tunnus, Aloitusaika,
    Valmistumisaika, Sähköposti, Nimi, Viimeksi muokattu, then questions."""
    name = "meta_forms_fi"
    rng = random.Random(2112)
    n = 28
    a1 = answers(rng, n, IMPACT5_FI, "En osaa sanoa")
    ages = [rng.randint(18, 80) for _ in range(n)]
    rows = [["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Viimeksi muokattu",
             "Kuinka merkittäviä vaikutuksia palveluilla on ollut arkeesi?", "Ikä"]]
    for i in range(n):
        d, h, m = rng.randint(1, 28), rng.randint(7, 21), rng.randint(0, 58)
        rows.append([i + 1, "%d.9.2024 %d.%02d.%02d" % (d, h, m, rng.randint(0, 59)),
                     "%d.9.2024 %d.%02d.%02d" % (d, h, m + 1, rng.randint(0, 59)), "anonymous", "",
                     "%d.9.2024 %d.%02d" % (d, h, m + 1) if i % 3 == 0 else "", a1[i], ages[i]])
    put(name + ".csv", csv_text(rows, ";"))
    checks = desc("vaikutuksia palveluilla", None, stats_of(a1, IMPACT5_FI))
    checks += desc("Ikä", None, num_stats(ages), ("n_valid", "mean", "sd"))
    checks += [is_metadata(h) for h in ("Aloitusaika", "Valmistumisaika", "Viimeksi muokattu")]
    checks += [("nogrep", "descriptives.csv", "Aloitusaika|Valmistumisaika|Viimeksi muokattu"),
               ("nogrep", "frequencies.csv", "Aloitusaika|Valmistumisaika|Viimeksi muokattu")]
    expect(name, "codes 1-5 in label order, statistics.mean/stdev; Forms' fixed columns by hand: metadata", checks)


def meta_forms_en_xlsx():
    """Microsoft Forms XLSX, English tenant, with 'Last modified time'."""
    name = "meta_forms_en_xlsx"
    rng = random.Random(2113)
    n = 22
    a1 = answers(rng, n, AGREE5_EN, "Don't know")
    rows = [[("A", "ID"), ("B", "Start time"), ("C", "Completion time"), ("D", "Email"), ("E", "Name"),
             ("F", "Last modified time"), ("G", "The new services have made my everyday life easier")]]
    for i in range(n):
        rows.append([("A", i + 1), ("B", "2024-09-%02d 10:%02d:00" % (i % 28 + 1, i)),
                     ("C", "2024-09-%02d 10:%02d:30" % (i % 28 + 1, i)), ("D", "anonymous"), ("E", None),
                     ("F", "2024-09-%02d 11:00:00" % (i % 28 + 1) if i % 2 else None), ("G", a1[i])])
    put(name + ".xlsx", xlsx(rows))
    checks = desc("everyday life easier", None, stats_of(a1, AGREE5_EN))
    checks += [is_metadata(h) for h in ("Start time", "Completion time", "Last modified time")]
    checks += [("nogrep", "descriptives.csv", "Start time|Completion time|Last modified time")]
    expect(name, "codes 1-5 in label order, statistics.mean/stdev; the time columns by hand: metadata", checks)


# ---- survey definitions ---------------------------------------------------------

def def_long_items():
    """A definition whose items = line lists 40 long header texts on one line
    of over 10 000 characters; reliability of the block by Cronbach's formula."""
    name = "def_long_items_fi"
    rng = random.Random(2114)
    n = 60
    k = 40
    heads = ["Väittämä %02d: kehitetty palvelu, jota olen käyttänyt viimeisen vuoden aikana, on "
             "helpottanut arkeani, parantanut asiointiani, lyhentänyt odotusaikoja ja lisännyt "
             "luottamustani siihen, että saan tarvittaessa apua nopeasti, oikeaan aikaan ja "
             "oikeassa paikassa, kotona tai lähellä" % (j + 1) for j in range(k)]
    latent = [rng.randint(0, 3) for _ in range(n)]
    cols = [answers(rng, n, AGREE4_FI, None, 0.0, 0.03, latent) for _ in range(k)]
    rows = [["Vastaaja"] + heads] + [[i + 1] + [c[i] for c in cols] for i in range(n)]
    put(name + "_export.csv", csv_text(rows, ";"))
    line = "items = " + " | ".join(heads)
    assert len(line) > 10000
    put(name + ".ini", "[survey]\nexport = %s_export.csv\n\n[scale samaa]\nkind = bipolar\n"
        "labels = Täysin eri mieltä | Jokseenkin eri mieltä | Jokseenkin samaa mieltä | Täysin samaa mieltä\n\n"
        "[block arki]\nscale = samaa\n%s\nreliability = yes\ntitle = Palvelujen vaikutus arkeen\n" % (name, line))
    a, m = alpha(list(zip(*cols)), [AGREE4_FI] * k)
    expect(name, "Cronbach's alpha = k/(k-1)(1 - sum var_i / var_total) over complete cases, statistics.variance",
           [("reliability.csv", "^arki,,", "alpha", a), ("reliability.csv", "^arki,,", "n_complete", m),
            ("reliability.csv", "^arki,,", "n_items", k)] +
           desc("Väittämä 07", None, stats_of(cols[6], AGREE4_FI), ("n_valid", "mean", "sd")))


def def_nonsub_code():
    """The Soite impact question as Webropol numbers 0-5, '0 = En ole
    käyttänyt' given with its code in the definition: 0 never lowers a mean."""
    name = "def_nonsub_code_fi"
    rng = random.Random(2115)
    n = 48
    q = ["Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut arkeesi? %s" % s_
         for s_ in ("Digitaalinen asiointi", "Suora puhelinlinja ja chat", "Kotiin vietävät palvelut")]
    cols = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 5, None]) for _ in range(n)] for _ in q]
    for c in cols:
        c[:6] = [0, 1, 2, 3, 4, 5]
    grp = [rng.choice(["Asukas", "Henkilöstö"]) for _ in range(n)]
    rows = [["Vastaajaryhmä"] + q] + [[grp[i]] + ["" if c[i] is None else c[i] for c in cols] for i in range(n)]
    put(name + "_export.csv", csv_text(rows, ";"))
    put(name + ".ini", "[survey]\nexport = %s_export.csv\ngroup = Vastaajaryhmä\n\n[scale vaikutus]\n"
        "kind = unipolar\nlabels = Ei vaikutusta | Vähäinen vaikutus | Kohtalainen vaikutus\n"
        "  | Merkittävä vaikutus | Erittäin merkittävä vaikutus\n"
        "nonsubstantive = 0 = En ole käyttänyt | En osaa sanoa\n\n"
        "[block palvelut]\nscale = vaikutus\nitems = 2 | 3 | 4\ntitle = Kehitettyjen palvelujen vaikutus\n" % name)
    checks = []
    for qq, c in zip(q, cols):
        v = [x for x in c if x not in (None, 0)]
        frag = qq.split("? ")[1]
        s_ = {"n_valid": len(v), "n_nonsubstantive": c.count(0), "n_missing": c.count(None),
              "mean": st.mean(v), "sd": st.stdev(v), "top2_pct": 100.0 * sum(1 for x in v if x >= 4) / len(v)}
        checks += desc(frag, None, s_, ("n_valid", "n_nonsubstantive", "n_missing", "mean", "sd", "top2_pct"))
    frag = q[0].split("? ")[1]
    checks.append(("frequencies.csv", frag + ".*,\\*,\\*,,En ole käyttänyt,", "count", cols[0].count(0)))
    checks.append(("frequencies.csv", frag + ".*,\\*,\\*,5,", "label", "Erittäin merkittävä vaikutus"))
    checks.append(("nogrep", "frequencies.csv", frag + "[^\\n]*,\\*,\\*,0,"))
    expect(name, "cells 1-5 are the codes, 0 counted apart as 'En ole käyttänyt', statistics.mean/stdev", checks)


def def_block_name():
    """[block palvelut] with a title: the name stands in reliability.csv and
    scales.csv where b1 stood; a detected block keeps its b-number."""
    name = "def_block_name_fi"
    rng = random.Random(2116)
    n = 40
    latent = [rng.randint(0, 4) for _ in range(n)]
    stm = ["Ajanvaraus oli helppoa", "Sain ajan nopeasti", "Asiointi oli sujuvaa"]
    cols = [answers(rng, n, AGREE5_FI, None, 0.0, 0.0, latent) for _ in stm]
    other = [answers(rng, n, IMPACT5_FI, None, 0.0, 0.05) for _ in range(2)]
    rows = [["Vastaaja"] + stm + ["Vaikutus: arki", "Vaikutus: terveys"]]
    rows += [[i + 1] + [c[i] for c in cols] + [o[i] for o in other] for i in range(n)]
    put(name + "_export.csv", csv_text(rows, ";"))
    put(name + ".ini", "[survey]\nexport = %s_export.csv\n\n[block palvelut]\nitems = %s\n"
        "reliability = yes\ntitle = Palvelun saavutettavuus\n" % (name, " | ".join(stm)))
    a, m = alpha(list(zip(*cols)), [AGREE5_FI] * 3)
    a2, m2 = alpha(list(zip(*other)), [IMPACT5_FI] * 2)
    expect(name, "Cronbach's alpha by its formula over complete cases, statistics.variance",
           [("reliability.csv", "^palvelut,,", "alpha", a), ("reliability.csv", "^palvelut,,", "n_complete", m),
            ("reliability.csv", "^palvelut,,", "item_text", "Palvelun saavutettavuus"),
            ("reliability.csv", "^b2,,", "alpha", a2), ("reliability.csv", "^b2,,", "n_complete", m2),
            ("scales.csv", "^palvelut,.*,\\*,\\*,", "block_text", "Palvelun saavutettavuus"),
            ("nogrep", "reliability.csv", "(^|\\n)b1,"),
            ("grep", "report.md", "palvelut\\. Palvelun saavutettavuus")])


def forms_resave_multiselect():
    """A Forms workbook saved as CSV by a Finnish Excel: Windows-1252, ';',
    CRLF, d.m.yyyy H.mm times, multi-select cells joined by ';' (quoted),
    options with commas inside."""
    name = "forms_resave_multiselect_fi"
    rng = random.Random(2117)
    n = 30
    opts = ["Kotihoito, kotisairaanhoito", "Neuvola", "Suun terveydenhuolto", "Sosiaalityö, aikuiset"]
    sat = ["Erittäin tyytymätön", "Melko tyytymätön", "Melko tyytyväinen", "Erittäin tyytyväinen"]
    chosen, answers_ = [], answers(rng, n, sat, None, 0.0, 0.0)
    rows = [["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
             "Mitä palveluja olet käyttänyt?", "Kuinka tyytyväinen olet palveluihin?"]]
    for i in range(n):
        k = [o for o in opts if rng.random() < 0.5] or [opts[1]]
        chosen.append(k)
        rows.append([i + 1, "12.9.2024 14.%02d" % i, "12.9.2024 14.%02d" % (i + 1), "anonymous", "",
                     ";".join(k) + ";", answers_[i]])
    put(name + ".csv", csv_text(rows, ";", "\r\n").encode("cp1252"))
    import re
    checks = []
    for o in opts:
        c = sum(o in k for k in chosen)
        rx = "^[^,]*,Mitä palveluja.*,\\*,\\*,\"?" + re.escape(o) + "\"?,"
        checks += [("multiselect.csv", rx, "count", c), ("multiselect.csv", rx, "n_respondents", n),
                   ("multiselect.csv", rx, "pct_respondents", 100.0 * c / n)]
    s_ = stats_of(answers_, sat)
    checks += desc("Kuinka tyytyväinen", None, s_, ("n_valid", "mean", "sd"))
    expect(name, "options counted per respondent from the generated choices; codes 1-4, statistics.mean/stdev", checks)


def excel_unicode_text():
    """Excel's "Unicode text" save: UTF-16LE with a BOM, tab-separated, CRLF,
    no line end after the last row; texts with commas and ';'."""
    name = "excel_unicode_text_utf16"
    rng = random.Random(2118)
    n = 32
    sat = ["Erittäin tyytymätön", "Melko tyytymätön", "Melko tyytyväinen", "Erittäin tyytyväinen"]
    a1 = answers(rng, n, sat, "En osaa sanoa")
    xs = [rng.randint(1, 12) * 5 for _ in range(n)]
    rows = [["Vastaajaryhmä", "Kuinka tyytyväinen olet, kaiken kaikkiaan, palveluun; entä henkilökuntaan?",
             "Odotusaika, minuuttia"]] + [[rng.choice(["Asukas", "Henkilöstö"]), a1[i], xs[i]] for i in range(n)]
    text = csv_text(rows, "\t", "\r\n")[:-2]
    put(name + ".csv", b"\xff\xfe" + text.encode("utf-16-le"))
    expect(name, "codes 1-4 in label order, statistics.mean/stdev/median",
           desc("kaiken kaikkiaan", None, stats_of(a1, sat)) +
           desc("Odotusaika", None, num_stats(xs), ("n_valid", "mean", "sd", "median")))


def limesurvey_all_quoted():
    """LimeSurvey's CSV: every cell quoted, ',' (or ';') separated, UTF-8
    BOM, CRLF; question texts with both commas and semicolons."""
    rng = random.Random(2119)
    n = 26
    a1 = answers(rng, n, AGREE5_EN, "Don't know")
    a2 = answers(rng, n, AGREE5_EN, "Don't know")
    for name, sep in (("limesurvey_all_quoted_comma", ","), ("limesurvey_all_quoted_semicolon", ";")):
        rows = [["id", "submitdate", "Services were easy to reach, by phone; online", "I was treated well; respectfully, kindly"]]
        rows += [[i + 1, "2024-09-%02d 10:%02d:00" % (i % 28 + 1, i), a1[i], a2[i]] for i in range(n)]
        put(name + ".csv", "\ufeff" + csv_text(rows, sep, "\r\n", quote_all=True))
        expect(name, "codes 1-5 in label order, Don't know apart, statistics.mean/stdev",
               desc("easy to reach", None, stats_of(a1, AGREE5_EN)) +
               desc("treated well", None, stats_of(a2, AGREE5_EN)) + [is_metadata("submitdate")])


def main():
    for f in (sep_semicolon_commas_fi, sep_comma_semicolons_en, sep_tab_sv, sep_pipe, sep_ambiguous,
              sep_decimal_commas, sep_quoted_lines, excel_pair, hdr2_webropol2021, hdr2_short_first_row,
              hdr2_xlsx, meta_webropol, meta_forms_fi, meta_forms_en_xlsx, def_long_items,
              def_nonsub_code, def_block_name, forms_resave_multiselect,
              excel_unicode_text, limesurvey_all_quoted):
        f()


main()
