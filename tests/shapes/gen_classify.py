#!/usr/bin/python3
"""gen_classify.py - writes the classification shapes of issue #21 (cl_*.csv,
.args, .expect in this folder): code legends in question texts, repeated
statements, open answers by their question.  The expected numbers are
computed here from the generated answers with Python's statistics module
and SciPy, never by kysely.

usage: /usr/bin/python3 tests/shapes/gen_classify.py   (rewrites the cl_* files;
needs python3-scipy)"""
import csv, io, os, random, statistics as st

from scipy import stats as sps

HERE = os.path.dirname(os.path.abspath(__file__))
CMD = "# command: /usr/bin/python3 tests/shapes/gen_classify.py (seed %d): %s"


def write(name, header, rows, delim=",", args=None):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    p = os.path.join(HERE, name + ".args")
    if args:
        with open(p, "w", encoding="utf-8") as f:
            f.write(args + "\n")
    elif os.path.exists(p):
        os.remove(p)


def write_xlsx(name, header, rows):
    """A minimal workbook as Forms' "Open in Excel" gives: one sheet, inline strings,
    numbers as numbers; fixed zip dates so that the bytes do not change."""
    import zipfile
    from xml.sax.saxutils import escape

    def col(i):
        n, out = i + 1, ""
        while n:
            n, r = divmod(n - 1, 26)
            out = chr(65 + r) + out
        return out

    def cell(ref, v):
        try:
            float(v)
            return '<c r="%s"><v>%s</v></c>' % (ref, v)
        except ValueError:
            return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))

    xml_rows = []
    for i, r in enumerate([header] + rows):
        xml_rows.append('<row r="%d">%s</row>' % (i + 1, "".join(
            cell("%s%d" % (col(j), i + 1), v) for j, v in enumerate(r) if v != "")))
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns='
        '"http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet '
        'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships><Relationship '
        'Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "<worksheet><sheetData>" + "".join(xml_rows) +
        "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(os.path.join(HERE, name + ".xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in files.items():
            z.writestr(zipfile.ZipInfo(k, (2024, 9, 12, 0, 0, 0)), v.encode())


class Expect:
    def __init__(self, name, seed, how):
        self.name, self.lines = name, [CMD % (seed, how)]

    def add(self, *f):
        self.lines.append("\t".join(str(x) for x in f))

    def comment(self, text):
        self.lines.append("# " + text)

    def save(self):
        with open(os.path.join(HERE, self.name + ".expect"), "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")


def num(x):
    return repr(float(x)) if isinstance(x, float) else str(x)


def describe(e, item_rx, group_rx, vals, n_nonsub, n_missing, top_codes=None):
    """descriptives.csv checks of one item and group from its valid values."""
    rx = "^%s,[^\\n]*,%s," % (item_rx, group_rx)
    e.add("descriptives.csv", rx, "n_valid", len(vals))
    e.add("descriptives.csv", rx, "n_nonsubstantive", n_nonsub)
    e.add("descriptives.csv", rx, "n_missing", n_missing)
    if vals:
        e.add("descriptives.csv", rx, "mean", num(st.mean(vals)))
        e.add("descriptives.csv", rx, "median", num(float(st.median(vals))))
    if len(vals) > 1:
        e.add("descriptives.csv", rx, "sd", num(st.stdev(vals)))
    if top_codes and vals:
        e.add("descriptives.csv", rx, "top2_pct",
              num(100.0 * sum(v in top_codes for v in vals) / len(vals)))


def split(col, nonsub_codes):
    vals = [int(x) for x in col if x != "" and int(x) not in nonsub_codes]
    ns = sum(1 for x in col if x != "" and int(x) in nonsub_codes)
    miss = sum(1 for x in col if x == "")
    return vals, ns, miss


SOITE_Q = ("Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun tai "
           "perheesi arkeen?")
SOITE_L = ("(0=En ole käyttänyt, 1=Ei vaikutusta, 2=Vähäinen vaikutus, 3=Kohtalainen "
           "vaikutus, 4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus)")
SERVICES = ["Sosiaali- ja terveyskeskus", "Perhekeskus", "Kotihoito", "Digipalvelut"]


def soite(seed=21):
    """Webropol numbers export, Soite's impact question: 0 = En ole käyttänyt."""
    random.seed(seed)
    name = "cl_soite_impact_0_5"
    header = ["Vastaajaryhmä"] + ["%s %s:%s" % (SOITE_Q, SOITE_L, s) for s in SERVICES]
    rows = []
    for i in range(60):
        g = random.choice(["Asukas", "Henkilöstö"])
        r = [g]
        for k in range(len(SERVICES)):
            x = random.choice(["0", "0", "1", "2", "3", "3", "4", "4", "5", ""])
            r.append(x)
        rows.append(r)
    write(name, header, rows, ";", "--group Vastaajaryhmä")
    e = Expect(name, seed, "codes 1-5 from the legend, 0 = En ole käyttänyt counted apart; "
               "statistics.mean/stdev/median, top-2 = codes 4-5, scipy.stats.mannwhitneyu "
               "(asymptotic, continuity) and ttest_ind(equal_var=False) on codes 1-5")
    for k, s in enumerate(SERVICES):
        item = "Q%d" % (k + 2)
        col = [r[k + 1] for r in rows]
        describe(e, item, "\\*,\\*", *split(col, {0}), top_codes={4, 5})
        for g in ["Asukas", "Henkilöstö"]:
            gc = [r[k + 1] for r in rows if r[0] == g]
            describe(e, item, "Vastaajaryhmä,%s" % g, *split(gc, {0}), top_codes={4, 5})
        a = split([r[k + 1] for r in rows if r[0] == "Asukas"], {0})[0]
        b = split([r[k + 1] for r in rows if r[0] == "Henkilöstö"], {0})[0]
        mw = sps.mannwhitneyu(a, b, use_continuity=True, alternative="two-sided",
                              method="asymptotic")
        rx = "^%s,[^\\n]*,Vastaajaryhmä,mann_whitney," % item
        e.add("comparisons.csv", rx, "statistic", num(float(mw.statistic)))
        e.add("comparisons.csv", rx, "p", num(float(mw.pvalue)))
        wt = sps.ttest_ind(a, b, equal_var=False)
        rx = "^%s,[^\\n]*,Vastaajaryhmä,welch_t," % item
        e.add("comparisons.csv", rx, "statistic", num(float(wt.statistic)))
        e.add("comparisons.csv", rx, "p", num(float(wt.pvalue)))
        rx = "^%s,[^\\n]*,\\*,\\*,,En ole käyttänyt," % item
        e.add("frequencies.csv", rx, "count", sum(1 for x in col if x == "0"))
        rx = "^%s,[^\\n]*,\\*,\\*,1,Ei vaikutusta," % item
        e.add("frequencies.csv", rx, "count", sum(1 for x in col if x == "1"))
        rx = "^%s,[^\\n]*,\\*,\\*,5,Erittäin merkittävä vaikutus," % item
        e.add("frequencies.csv", rx, "count", sum(1 for x in col if x == "5"))
        e.add("descriptives.csv", "^%s,[^\\n]*,\\*,\\*," % item, "item_text",
              "%s:%s" % (SOITE_Q, s))
        e.add("descriptives.csv", "^%s,[^\\n]*,\\*,\\*," % item, "scale", "impact-5-fi")
    e.comment("reliability and scale score on complete cases: 0 (En ole käyttänyt) is no answer")
    items = [[int(r[k + 1]) if r[k + 1] not in ("", "0") else None for r in rows]
             for k in range(len(SERVICES))]
    a, m = alpha(items)
    e.add("reliability.csv", "^b1,,", "n_complete", m)
    e.add("reliability.csv", "^b1,,", "alpha", num(a))
    comp = [r for r in rows if all(x not in ("", "0") for x in r[1:])]
    score = {g: [sum(int(x) for x in r[1:]) / 4 for r in comp if r[0] == g or g == "*"]
             for g in ("*", "Asukas", "Henkilöstö")}
    for g, v in score.items():
        rx = "^b1,[^\\n]*,%s,%s," % ("\\*" if g == "*" else "Vastaajaryhmä",
                                       "\\*" if g == "*" else g)
        e.add("scales.csv", rx, "n", len(v))
        e.add("scales.csv", rx, "mean", num(st.mean(v)))
        e.add("scales.csv", rx, "sd", num(st.stdev(v)))
    mw = sps.mannwhitneyu(score["Asukas"], score["Henkilöstö"], use_continuity=True,
                          alternative="two-sided", method="asymptotic")
    e.add("comparisons.csv", "^b1,Scale score[^\\n]*,mann_whitney,", "statistic",
          num(float(mw.statistic)))
    e.add("comparisons.csv", "^b1,Scale score[^\\n]*,mann_whitney,", "p", num(float(mw.pvalue)))
    e.comment("the legend is out of every displayed text, kept in summary.json")
    e.add("nogrep", "descriptives.csv", "En ole käyttänyt, 1=")
    e.add("nogrep", "report.md", "0=En ole käyttänyt")
    e.add("grep", "summary.json", '"text": "\\(0=En ole käyttänyt, 1=Ei vaikutusta')
    e.save()


def soite_two_audiences(seed=22):
    """Soite 9/2024 as its report shows it: residents answer the impact question with
    0 = En ole käyttänyt, staff the same statements without it (Webropol numbers)."""
    random.seed(seed)
    name = "cl_soite_two_audiences"
    q_res = "Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun tai " \
            "perheesi arkeen? Vastaajina asukkaat"
    q_staff = "Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun työsi " \
              "tai alueen väestön kannalta? (henkilöstö vastaajina)"
    l_staff = "(1=Ei vaikutusta, 2=Vähäinen vaikutus, 3=Kohtalainen vaikutus, " \
              "4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus)"
    svc = ["Linkkihenkilötoiminta", "Sosiaali- ja terveystoiminta", "Kirjaamisen kehittäminen",
           "Digitaaliset palvelut", "Moniammatillinen työ"]
    header = ["Vastaajaryhmä"] + ["%s %s:%s" % (q_res, SOITE_L, x) for x in svc] + \
             ["%s %s:%s" % (q_staff, l_staff, x) for x in svc]
    rows = []
    for i in range(66 + 59):
        res = i < 66
        r = ["Asukas" if res else "Henkilöstö"]
        r += [random.choice("0012345") if res else "" for _ in svc]
        r += ["" if res else random.choice("12345") for _ in svc]
        rows.append(r)
    random.shuffle(rows)
    write(name, header, rows, ";")
    e = Expect(name, seed, "residents' codes 1-5 with 0 = En ole käyttänyt apart, staff's "
               "codes 1-5; each copy answered by one group, so (issue #22) one question "
               "with the audiences as groups: statistics module, top-2 = codes 4-5")
    for k, x in enumerate(svc):
        item = "Q%d" % (k + 2)
        res = split([r[k + 1] for r in rows if r[0] == "Asukas"], {0})
        staff = split([r[k + 6] for r in rows if r[0] == "Henkilöstö"], {0})
        describe(e, item, "audience,Asukas", *res, top_codes={4, 5})
        describe(e, item, "audience,Henkilöstö", *staff, top_codes={4, 5})
        describe(e, item, "\\*,\\*", res[0] + staff[0], res[1] + staff[1], res[2] + staff[2],
                 top_codes={4, 5})
        e.add("descriptives.csv", "^%s,[^\\n]*,\\*,\\*," % item, "item_text", x)
        e.add("descriptives.csv", "^%s,[^\\n]*,\\*,\\*," % item, "scale", "impact-5-fi")
    e.add("nogrep", "descriptives.csv", "0=En ole käyttänyt")
    e.save()

    # the same respondents answer both copies (before / now): two blocks
    random.seed(seed + 100)
    name = "cl_soite_before_now"
    q_then = "Kuinka merkittävä vaikutus palveluilla oli ennen hanketta?"
    q_now = "Kuinka merkittävä vaikutus palveluilla on nyt?"
    header = ["Vastaajaryhmä"] + ["%s %s:%s" % (q_then, SOITE_L, x) for x in svc[:3]] + \
             ["%s %s:%s" % (q_now, SOITE_L, x) for x in svc[:3]]
    rows = [[random.choice(["Asukas", "Henkilöstö"])] +
            [random.choice("0012345") for _ in range(6)] for _ in range(40)]
    write(name, header, rows, ";")
    e = Expect(name, seed + 100, "codes 1-5, 0 = En ole käyttänyt apart, every respondent "
               "answers both copies: two blocks; statistics module, alpha by hand")
    for k in range(6):
        describe(e, "Q%d" % (k + 2), "\\*,\\*", *split([r[k + 1] for r in rows], {0}),
                 top_codes={4, 5})
    for bi, cols in (("b1", range(1, 4)), ("b2", range(4, 7))):
        a_, m_ = alpha([[int(r[c]) if r[c] != "0" else None for r in rows] for c in cols])
        e.add("reliability.csv", "^%s,,[^\\n]*" % bi, "n_complete", m_)
        e.add("reliability.csv", "^%s,,[^\\n]*" % bi, "alpha", num(a_))
    e.add("grep", "summary.json", '"id": "b2",[^}]*"repeats": "b1"')
    e.add("nogrep", "descriptives.csv", ",audience,")
    e.save()


def legend_shape(name, seed, header_of, statements, codes, nonsub, scale_id, top, how,
                 delim=";", group=True, extra_cells=()):
    random.seed(seed)
    header = ["Ryhmä"] + [header_of(s) for s in statements]
    rows = []
    for i in range(45):
        r = [random.choice(["A", "B"])]
        for _ in statements:
            r.append(random.choice(codes + [""] + list(extra_cells)))
        rows.append(r)
    write(name, header, rows, delim, "--group Ryhmä" if group else None)
    e = Expect(name, seed, how)
    for k, s in enumerate(statements):
        item = "Q%d" % (k + 2)
        col = [r[k + 1] for r in rows]
        vals = [int(x) for x in col if x not in ("", ) and x.isdigit() and int(x) not in nonsub]
        ns = sum(1 for x in col if x != "" and (not x.isdigit() or int(x) in nonsub))
        miss = sum(1 for x in col if x == "")
        describe(e, item, "\\*,\\*", vals, ns, miss, top_codes=top)
        if group:
            for g in ["A", "B"]:
                gc = [r[k + 1] for r in rows if r[0] == g]
                v = [int(x) for x in gc if x.isdigit() and int(x) not in nonsub]
                n2 = sum(1 for x in gc if x != "" and (not x.isdigit() or int(x) in nonsub))
                describe(e, item, "Ryhmä,%s" % g, v, n2, sum(1 for x in gc if x == ""),
                         top_codes=top)
        e.add("descriptives.csv", "^%s,[^\\n]*,\\*,\\*," % item, "scale", scale_id)
    return e, rows, header


def legends():
    # Finnish agreement, end points only, "…" between them, in the stem
    e, rows, header = legend_shape(
        "cl_legend_fi_ends", 31,
        lambda s: "Arvioi väittämiä (1 = täysin eri mieltä … 5 = täysin samaa mieltä):" + s,
        ["Palveluun oli helppo päästä", "Sain apua nopeasti", "Asiani hoitui"],
        ["1", "2", "3", "4", "5"], set(), "agreement-5-fi", {4, 5},
        "codes 1-5, end labels from the legend; statistics.mean/stdev/median, top-2 = 4-5")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,1,", "label", "Täysin eri mieltä")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,3,", "label", "3")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,5,", "label", "Täysin samaa mieltä")
    e.add("descriptives.csv", "^Q2,[^\\n]*,\\*,\\*,", "item_text",
          "Arvioi väittämiä:Palveluun oli helppo päästä")
    e.save()

    # "asteikolla 1–5, jossa 1 = … ja 5 = …", En osaa sanoa written as text
    e, rows, header = legend_shape(
        "cl_legend_fi_asteikolla", 32,
        lambda s: "Arvioi palvelun laatua asteikolla 1–5, jossa 1 = erittäin huono ja "
                  "5 = erittäin hyvä:" + s,
        ["Neuvonta", "Vastaanotto", "Jatkohoito", "Tiedottaminen"],
        ["1", "2", "3", "4", "5"], set(), "quality-5-fi", {4, 5},
        "codes 1-5, the stated range 1–5; 'En osaa sanoa' cells apart; statistics module",
        extra_cells=("En osaa sanoa",))
    e.add("descriptives.csv", "^Q3,[^\\n]*,\\*,\\*,", "item_text",
          "Arvioi palvelun laatua:Vastaanotto")
    e.save()

    # Swedish, "..." between the ends, 6 = Vet ej
    e, rows, header = legend_shape(
        "cl_legend_sv_vetej", 33,
        lambda s: "Hur väl stämmer påståendena? (1=Helt av annan åsikt ... 5=Helt av samma "
                  "åsikt, 6=Vet ej):" + s,
        ["Personalen var vänlig", "Jag fick hjälp i tid"],
        ["1", "2", "3", "4", "5", "6"], {6}, "agreement-5-sv", {4, 5},
        "codes 1-5, 6 = Vet ej counted apart; statistics.mean/stdev/median, top-2 = 4-5")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,,Vet ej,", "count",
          sum(1 for r in rows if r[1] == "6"))
    e.save()

    # English, comma-separated export, ends and 9 = Not applicable
    e, rows, header = legend_shape(
        "cl_legend_en_na", 34,
        lambda s: "How much do you agree? (1 = Strongly disagree, 5 = Strongly agree, "
                  "9 = Not applicable) - " + s,
        ["Staff listened to me", "I was treated with respect", "Waiting was reasonable"],
        ["1", "2", "3", "4", "5", "9"], {9}, "agreement-5-en", {4, 5},
        "codes 1-5, 9 = Not applicable apart; statistics.mean/stdev/median, top-2 = 4-5",
        delim=",")
    e.add("descriptives.csv", "^Q4,[^\\n]*,\\*,\\*,", "item_text",
          "How much do you agree? - Waiting was reasonable")
    e.save()

    # English legend outside the lexicon: a labelled 1-5 rating of its own
    e, rows, header = legend_shape(
        "cl_legend_en_own", 35,
        lambda s: "On a scale of 1 to 5, where 1 = not at all useful and 5 = very useful, "
                  "how useful was: " + s,
        ["the web page", "the phone line"],
        ["1", "2", "3", "4", "5", "0"], {0}, "legend-1-5", {4, 5},
        "codes 1-5 (stated range); 0 is no code of the legend -> see the warning check; "
        "statistics module", delim=",", group=False)
    # a 0 is not in the legend: the legend is not applied, the numbers stay numbers
    e.lines = [l for l in e.lines if "\tscale\t" not in l and "n_nonsubstantive" not in l
               and "mean" not in l and "median" not in l and "\tsd\t" not in l
               and "top2" not in l and "n_valid" not in l]
    for k in range(2):
        col = [r[k + 1] for r in rows]
        vals = [int(x) for x in col if x != ""]
        rx = "^Q%d,[^\\n]*,\\*,\\*," % (k + 2)
        e.add("descriptives.csv", rx, "scale", "rating-0-5")
        e.add("descriptives.csv", rx, "mean", num(st.mean(vals)))
        e.add("descriptives.csv", rx, "n_valid", len(vals))
    e.add("grep", "summary.json", "is not a code of the legend")
    e.save()

    # English legend in range, no lexicon scale: legend-1-5 with end labels
    e, rows, header = legend_shape(
        "cl_legend_en_rating", 36,
        lambda s: "On a scale of 1 to 5, where 1 = not at all useful and 5 = very useful, "
                  "how useful was: " + s,
        ["the web page", "the phone line", "the chat"],
        ["1", "2", "3", "4", "5"], set(), "legend-1-5", {4, 5},
        "codes 1-5 (stated range 1 to 5); statistics.mean/stdev/median, top-2 = 4-5",
        delim=",")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,1,", "label", "Not at all useful")
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,5,", "label", "Very useful")
    e.save()

    # the legend only in the first statement's header (Webropol two header
    # rows: the question with its legend over the first statement)
    e, rows, header = legend_shape(
        "cl_legend_first_only", 38,
        lambda s: "Arvioi palvelua" + (" (0=Ei koske minua, 1 = erittäin huono … 5 = "
                                       "erittäin hyvä)" if s == "Neuvonta" else "") + ":" + s,
        ["Neuvonta", "Vastaanotto", "Jatkohoito"],
        ["0", "1", "2", "3", "4", "5"], {0}, "quality-5-fi", {4, 5},
        "the first header's legend holds for the stem's other statements: codes 1-5, "
        "0 = Ei koske minua apart; statistics module")
    e.add("descriptives.csv", "^Q2,[^\\n]*,\\*,\\*,", "item_text", "Arvioi palvelua:Neuvonta")
    e.save()

    # A text export with the legend in the header: labels in the cells
    random.seed(37)
    name = "cl_legend_text_cells"
    labels = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
              "Merkittävä vaikutus", "Erittäin merkittävä vaikutus"]
    header = ["Vastaajaryhmä"] + ["%s %s:%s" % (SOITE_Q, SOITE_L, s) for s in SERVICES[:3]]
    rows = [[random.choice(["Asukas", "Henkilöstö"])] +
            [random.choice(labels + ["En ole käyttänyt", ""]) for _ in range(3)]
            for _ in range(40)]
    write(name, header, rows, ";")
    e = Expect(name, 37, "labels coded 1-5 in lexicon order, 'En ole käyttänyt' apart; "
               "statistics module")
    for k, s in enumerate(SERVICES[:3]):
        col = [r[k + 1] for r in rows]
        vals = [labels.index(x) + 1 for x in col if x in labels]
        describe(e, "Q%d" % (k + 2), "\\*,\\*", vals, col.count("En ole käyttänyt"),
                 col.count(""), top_codes={4, 5})
        e.add("descriptives.csv", "^Q%d,[^\\n]*,\\*,\\*," % (k + 2), "item_text",
              "%s:%s" % (SOITE_Q, s))
    e.save()


FORMS_META = ["ID", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi"]
AGREE_FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
            "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]


def alpha(items):
    """Cronbach's alpha on complete cases (lists of equal length, None = missing)."""
    rows = [r for r in zip(*items) if all(x is not None for x in r)]
    k = len(items)
    cols = list(zip(*rows))
    var_sum = sum(st.variance(c) for c in cols)
    total = st.variance([sum(r) for r in rows])
    return k / (k - 1) * (1 - var_sum / total), len(rows)


def forms_repeated(name, seed, statements, copies, labels, how, lang_note, suffix=False,
                   xlsx=False):
    random.seed(seed)
    # suffix: Excel's unique table headers in a Forms workbook ("Name", "Name2")
    header = FORMS_META + [s + (str(c + 1) if suffix and c else "")
                           for c in range(copies) for s in statements]
    rows = []
    for i in range(50):
        base = random.randint(1, 5)
        r = [str(i + 1), "9/12/24 14:%02d:00" % (i % 60), "9/12/24 14:%02d:30" % (i % 60),
             "anonymous", ""]
        for c in range(copies):
            for s in statements:
                x = min(5, max(1, base + random.choice([-1, 0, 0, 1]) + c))
                r.append(labels[x - 1] if random.random() > 0.08 else "")
        rows.append(r)
    if xlsx:
        write_xlsx(name, header, rows)
    else:
        write(name, header, rows, ",")
    e = Expect(name, seed, how)
    n = len(statements)
    for c in range(copies):
        items = []
        for k in range(n):
            pos = len(FORMS_META) + c * n + k + 1
            col = [r[pos - 1] for r in rows]
            vals = [labels.index(x) + 1 for x in col if x]
            describe(e, "Q%d" % pos, "\\*,\\*", vals, 0, col.count(""), top_codes={4, 5})
            e.add("descriptives.csv", "^Q%d,[^\\n]*,\\*,\\*," % pos, "item_text",
                  header[pos - 1])
            items.append([labels.index(x) + 1 if x else None for x in col])
        a, m = alpha(items)
        b = "b%d" % (c + 1)
        e.add("reliability.csv", "^%s,,[^\\n]*" % b, "n_items", n)
        e.add("reliability.csv", "^%s,,[^\\n]*" % b, "n_complete", m)
        e.add("reliability.csv", "^%s,,[^\\n]*" % b, "alpha", num(a))
        if c:
            e.add("grep", "summary.json", '"id": "%s",[^}]*"repeats": "b1"' % b)
    e.add("nogrep", "summary.json", '"id": "b1",[^}]*"repeats"')
    e.comment(lang_note)
    e.save()


def repeated():
    forms_repeated("cl_forms_repeated_fi", 41,
                   ["Palveluun oli helppo päästä", "Sain apua nopeasti", "Asiani hoitui",
                    "Henkilökunta kuunteli"], 2, AGREE_FI,
                   "two copies of 4 statements (before / now), labels coded 1-5; "
                   "statistics module; alpha = k/(k-1)(1 - sum var / var total) on complete cases",
                   "a Forms CSV copy: only statement texts, the second copy is block b2")
    forms_repeated("cl_forms_repeated_en3", 42,
                   ["Staff listened to me", "I got help in time", "The place was accessible"],
                   3, ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                       "Strongly agree"],
                   "three copies of 3 statements, labels coded 1-5; statistics module; "
                   "alpha on complete cases by hand",
                   "b2 and b3 both repeat b1")
    forms_repeated("cl_forms_suffixed_fi", 44,
                   ["Palveluun oli helppo päästä", "Sain apua nopeasti", "Asiani hoitui"], 2,
                   AGREE_FI, "two copies of 3 statements, the second with Excel's suffix "
                   "('...2'); labels coded 1-5; statistics module; alpha by hand",
                   "the copy's headers end in 2: still a repeat of b1", suffix=True)
    forms_repeated("cl_forms_repeated_xlsx", 45,
                   ["Henkilökunta oli ystävällistä", "Sain tarvitsemani tiedon", "Odotusaika oli "
                    "kohtuullinen"], 2, AGREE_FI,
                   "a Forms workbook (XLSX, inline strings): two copies of 3 statements with "
                   "Excel's suffix; labels coded 1-5; statistics module; alpha by hand",
                   "the XLSX path: the same split and repeat as the CSV copy", suffix=True,
                   xlsx=True)

    # identical code-like headers: unique ids Q1, Q1_2
    random.seed(43)
    name = "cl_repeated_codes"
    header = ["ryhma", "K1", "K2", "K1", "K2"]
    rows = [[random.choice(["x", "y"])] + [str(random.randint(1, 5)) for _ in range(4)]
            for _ in range(30)]
    write(name, header, rows, ",")
    e = Expect(name, 43, "integer ratings 1-5; statistics module")
    for pos, iid in [(2, "K1"), (3, "K2"), (4, "K1_2"), (5, "K2_2")]:
        vals = [int(r[pos - 1]) for r in rows]
        describe(e, iid, "\\*,\\*", vals, 0, 0)
    e.add("grep", "summary.json", '"repeats": "b1"')
    e.save()


def open_answers():
    # Finnish: "Muu, mikä?" after a single choice, "Kerro..." and "Vapaa sana"
    random.seed(51)
    name = "cl_open_fi"
    header = ["Ikäryhmä", "Mitä palvelua käytit eniten?", "Muu, mikä?",
              "Kerro, mitä muuta haluaisit sanoa", "Vapaa sana"]
    rows = []
    for i in range(30):
        svc = random.choice(["Terveysasema", "Kirjasto", "Muu"])
        rows.append([random.choice(["18-39", "40-64", "65+"]), svc,
                     random.choice(["Uimahalli", "Nuorisotila"]) if svc == "Muu" else "",
                     random.choice(["Ei muuta", "Kiitos", ""]),
                     random.choice(["Hyvä", ""])])
    write(name, header, rows, ",")
    e = Expect(name, 51, "counted by hand in python (answers per text)")
    e.add("grep", "summary.json", '"id": "Q3",\\s*"text": "Muu, mikä\\?",\\s*'
          '"other_answers_of": "Q2"')
    e.add("grep", "summary.json", '"id": "Q2",[^{]*"other_answers": "Q3"')
    e.add("grep", "report.md", "Muut vastaukset kysymykseen Q2. Mitä palvelua käytit eniten\\?")
    e.add("grep", "report.md", "Muut vastaukset avoimissa vastauksissa: Q3. Muu, mikä\\?")
    for iid in ["Q3", "Q4", "Q5"]:
        e.add("nogrep", "descriptives.csv", "^%s," % iid)
        e.add("grep", "summary.json", '"id": "%s",\\s*"header": [^}]*"type": "open"' % iid)
    n = sum(1 for r in rows if r[2] == "Uimahalli")
    e.add("grep", "report.md", "- Uimahalli \\(×%d\\)" % n)
    # the choice itself is still counted
    e.add("frequencies.csv", "^Q2,[^\\n]*,\\*,\\*,[0-9]+,Kirjasto,", "count",
          sum(1 for r in rows if r[1] == "Kirjasto"))
    e.save()

    # Swedish
    random.seed(52)
    name = "cl_open_sv"
    header = ["Vilken tjänst använde du?", "Annat, vad?", "Övriga kommentarer",
              "Berätta om din erfarenhet", "Motivera ditt svar"]
    rows = []
    for i in range(25):
        svc = random.choice(["Hälsostation", "Bibliotek", "Annat"])
        rows.append([svc, "Simhall" if svc == "Annat" else "",
                     random.choice(["Nej", "Tack", ""]), random.choice(["Bra", "Bra", ""]),
                     random.choice(["Snabbt", "Snabbt", ""])])
    write(name, header, rows, ",")
    e = Expect(name, 52, "counted by hand in python")
    e.add("grep", "summary.json", '"text": "Annat, vad\\?",\\s*"other_answers_of": "Q1"')
    for iid in ["Q2", "Q3", "Q4", "Q5"]:
        e.add("nogrep", "descriptives.csv", "^%s," % iid)
    e.add("frequencies.csv", "^Q1,[^\\n]*,\\*,\\*,[0-9]+,Bibliotek,", "count",
          sum(1 for r in rows if r[0] == "Bibliotek"))
    e.save()

    # English
    random.seed(53)
    name = "cl_open_en"
    header = ["Which service did you use?", "Other (please specify)", "Comments",
              "Please explain your rating", "Overall, how satisfied were you?"]
    sat = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
           "Satisfied", "Very satisfied"]
    rows = []
    for i in range(40):
        svc = random.choice(["Clinic", "Library", "Other"])
        rows.append([svc, "Pool" if svc == "Other" else "", random.choice(["Good", ""]),
                     random.choice(["Fast", "Slow", ""]), random.choice(sat)])
    write(name, header, rows, ",")
    e = Expect(name, 53, "counted by hand in python; satisfaction coded 1-5, statistics module")
    e.add("grep", "summary.json", '"text": "Other \\(please specify\\)",\\s*"other_answers_of": "Q1"')
    for iid in ["Q2", "Q3", "Q4"]:
        e.add("nogrep", "descriptives.csv", "^%s," % iid)
    vals = [sat.index(r[4]) + 1 for r in rows]
    describe(e, "Q5", "\\*,\\*", vals, 0, 0, top_codes={4, 5})
    e.save()

    # Webropol multi-select (1/0 per option) ending in "Muu, mikä?"
    random.seed(55)
    name = "cl_open_multiselect_other"
    opts = ["Lehti", "Netti", "Kaveri", "Muu"]
    header = ["Vastaajaryhmä"] + ["Mistä kuulit palvelusta?:%s" % o for o in opts] + \
             ["Mistä kuulit palvelusta?:Muu, mikä?"]
    rows = []
    for i in range(36):
        pick = [random.random() < 0.4 for _ in opts]
        rows.append([random.choice(["Asukas", "Henkilöstö"])] + ["1" if p else "0" for p in pick] +
                    [random.choice(["Ilmoitustaulu", "Radio"]) if pick[3] else ""])
    write(name, header, rows, ";")
    e = Expect(name, 55, "options counted by hand in python (1 = chosen)")
    for k, o in enumerate(opts):
        rx = "^Q2,[^\\n]*,\\*,\\*,%s," % o
        e.add("multiselect.csv", rx, "count", sum(1 for r in rows if r[k + 1] == "1"))
        e.add("multiselect.csv", rx, "n_respondents", len(rows))
    e.add("grep", "summary.json", '"id": "Q2",[^{]*"kind": "multiselect",\\s*"positions": 0,'
          '\\s*"other_answers": "Q6"')
    e.add("grep", "summary.json", '"text": "Mistä kuulit palvelusta\\?:Muu, mikä\\?",\\s*'
          '"other_answers_of": "Q2"')
    e.add("grep", "report.md", "Muut vastaukset kysymykseen Q2. Mistä kuulit palvelusta\\?")
    e.add("grep", "report.md", "Muut vastaukset avoimissa vastauksissa: Q6. Mistä kuulit "
          "palvelusta\\?:Muu, mikä\\?")
    e.add("grep", "report.md", "- Radio \\(×%d\\)" % sum(1 for r in rows if r[5] == "Radio"))
    e.save()

    # not open: a word that only starts like one, and a scale under "comments"
    random.seed(54)
    name = "cl_open_negatives"
    header = ["Missä kerroksessa asut?", "Comments were answered quickly",
              "Kerrostalo vai omakotitalo?"]
    agree = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"]
    rows = [[random.choice(["1. kerros", "2. kerros", "3. kerros"]), random.choice(agree),
             random.choice(["Kerrostalo", "Omakotitalo"])] for _ in range(30)]
    write(name, header, rows, ",")
    e = Expect(name, 54, "counted by hand in python; agreement coded 1-5, statistics module")
    for lab in ["1. kerros", "2. kerros", "3. kerros"]:
        e.add("frequencies.csv", "^Q1,[^\\n]*,\\*,\\*,[0-9]+,%s," % lab.replace(".", "\\."),
              "count", sum(1 for r in rows if r[0] == lab))
    describe(e, "Q2", "\\*,\\*", [agree.index(r[1]) + 1 for r in rows], 0, 0, top_codes={4, 5})
    e.add("frequencies.csv", "^Q3,[^\\n]*,\\*,\\*,[0-9]+,Kerrostalo,", "count",
          sum(1 for r in rows if r[2] == "Kerrostalo"))
    e.save()


def long_title(seed=61):
    """A 400-character question with the Soite legend, numbers export."""
    random.seed(seed)
    name = "cl_soite_long_title"
    q = ("Kuinka merkittäviä vaikutuksia Soiten kehittämillä sosiaali- ja terveyspalveluilla, "
         "kuten perhekeskuksen, sosiaali- ja terveysaseman, kotihoidon, digitaalisten "
         "palvelujen ja liikkuvien palvelujen kokonaisuuksilla, on ollut sinun tai perheesi "
         "arkeen viimeisen kahdentoista kuukauden aikana, kun ajattelet erityisesti "
         "palvelujen saatavuutta, saavutettavuutta, jatkuvuutta ja yhteistyötä eri "
         "ammattilaisten välillä?")
    header = ["%s %s:%s" % (q, SOITE_L, s) for s in SERVICES[:2]]
    rows = [[random.choice("0012345") for _ in range(2)] for _ in range(35)]
    write(name, header, rows, ";")
    e = Expect(name, seed, "codes 1-5, 0 apart; statistics module (the chart is checked by "
               "tests/cli_classify.sh)")
    for k in range(2):
        describe(e, "Q%d" % (k + 1), "\\*,\\*", *split([r[k] for r in rows], {0}),
                 top_codes={4, 5})
    e.save()


if __name__ == "__main__":
    soite()
    soite_two_audiences()
    legends()
    repeated()
    open_answers()
    long_title()
