#!/usr/bin/env python3
"""Writes summary tables of the bundled sample (surveys/asukas-henkilosto-2024.csv)
in the layouts kysely reads instead of respondent rows:
  summary_long.csv    item_id,item,Vastaajaryhmä,Palvelualue,label,n: every
                      scale and rating item, all respondents ('*') and each
                      group of both groupings; an empty label counts the
                      respondents who left the item empty
  summary_wide.csv    Item,<labels...>,missing: the impact block, all respondents
  summary_wide_groups.csv  Vastaajaryhmä,Item,<labels...>,missing: the same per group
  summary_report.csv  Webropol's report shape saved from Excel (';', CRLF, every
                      row as wide as the widest, decimal comma): per question
                      a title row, "Vastaajien määrä: N", a header row and
                      option rows with n and %, a total row; the agreement
                      block as a matrix (statements x labels)
Counts come straight from the export's cells.  Deterministic:
python3 tests/data/gen_summary.py
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "surveys", "asukas-henkilosto-2024.csv")
IMPACT = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus", "Merkittävä vaikutus",
          "Erittäin merkittävä vaikutus", "En ole käyttänyt"]
AGREE = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
         "Jokseenkin samaa mieltä", "Täysin samaa mieltä", "En osaa sanoa"]
GROUPS = ["Vastaajaryhmä", "Palvelualue"]


def levels(values, header):
    if any(v in IMPACT for v in values):
        return IMPACT
    if any(v in AGREE for v in values):
        return AGREE
    return [str(k) for k in range(11)]


def main():
    with open(SAMPLE, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, data = rows[0], rows[1:]
    gcol = [header.index(g) for g in GROUPS]
    items = list(range(4, 21)) + [35]          # Q5..Q21 and the 0-10 rating Q36
    gnames = [sorted({r[c] for r in data if r[c]}) for c in gcol]

    def counts(col, keep):
        sel = [r for r in data if keep(r)]
        out = {lab: sum(1 for r in sel if r[col] == lab) for lab in levels([r[col] for r in data], header[col])}
        out[""] = sum(1 for r in sel if not r[col].strip())
        return out

    with open(os.path.join(HERE, "summary_long.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["item_id", "item"] + GROUPS + ["label", "n"])
        for col in items:
            slots = [(["*", "*"], lambda r: True)]
            for k, c in enumerate(gcol):
                for g in gnames[k]:
                    cell = ["*", "*"]
                    cell[k] = g
                    slots.append((cell, lambda r, c=c, g=g: r[c] == g))
            for cell, keep in slots:
                for lab, n in counts(col, keep).items():
                    w.writerow(["Q%d" % (col + 1), header[col]] + cell + [lab, n])

    impact = list(range(4, 16))
    with open(os.path.join(HERE, "summary_wide.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Item"] + IMPACT + ["missing"])
        for col in impact:
            c = counts(col, lambda r: True)
            w.writerow([header[col]] + [c[lab] for lab in IMPACT] + [c[""]])
    with open(os.path.join(HERE, "summary_wide_groups.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Vastaajaryhmä", "Item"] + IMPACT + ["missing"])
        for g in gnames[0]:
            for col in impact:
                c = counts(col, lambda r, g=g: r[gcol[0]] == g)
                w.writerow([g, header[col]] + [c[lab] for lab in IMPACT] + [c[""]])

    def pct(n, total):
        return ("%.1f" % (100.0 * n / total)).replace(".", ",")

    class Padded:
        """Excel saves every row of a sheet as wide as its widest one."""
        def __init__(self, f, width):
            self.w = csv.writer(f, delimiter=";", lineterminator="\r\n")
            self.width = width

        def writerow(self, row):
            self.w.writerow(list(row) + [""] * (self.width - len(row)))

    with open(os.path.join(HERE, "summary_report.csv"), "w", encoding="utf-8", newline="") as f:
        w = Padded(f, 8)
        q = 1
        for col in [35]:
            c = counts(col, lambda r: True)
            total = sum(n for lab, n in c.items() if lab)
            w.writerow(["%d. %s" % (q, header[col])])
            w.writerow(["Vastaajien määrä: %d" % len(data)])
            w.writerow(["Vastausvaihtoehto", "n", "Prosentti"])
            for lab in levels([], ""):
                w.writerow([lab, c[lab], pct(c[lab], total)])
            w.writerow(["Yhteensä", total, "100,0"])
            w.writerow([])
            q += 1
        stem = header[16].split(":")[0]
        w.writerow(["%d. %s" % (q, stem)])
        w.writerow([""] + AGREE + ["Puuttuu"])
        for col in range(16, 21):
            c = counts(col, lambda r: True)
            w.writerow([header[col].split(":", 1)[1]] + [c[lab] for lab in AGREE] + [c[""]])


if __name__ == "__main__":
    main()
