#!/usr/bin/env python3
"""Writes tests/data/audience/: residents and staff asked about the same twelve
developed services, as a wellbeing county's Webropol survey (9/2024) asked
them - residents on 0-5 with 0 = "En ole käyttänyt", staff on 1-5 - in the
shapes exports carry this:

  asukkaat.csv, henkilosto.csv      one export per audience, labels in cells,
                                    `Question:Statement` headers, different
                                    question stems (with commas), ';'
  koodit/asukkaat.csv,              the same answers as codes, the legend in
  koodit/henkilosto.csv             the question text ("(0=En ole käyttänyt,
                                    1=Ei vaikutusta, ...)")
  yhdessa.csv                       one export: a routing question, then the
                                    residents' block and the staff's block
  forms.csv                         the same as Microsoft Forms writes it:
                                    statement-only headers, repeated
  johto.csv                         a third audience (25 managers, 1-5, one
                                    service not asked), for three-way tests
The answers are the same in every shape (64 residents, 59 staff).
Deterministic: python3 tests/data/gen_audience.py
"""
import csv
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "audience")
LEVELS = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
          "Merkittävä vaikutus", "Erittäin merkittävä vaikutus"]
NOT_USED = "En ole käyttänyt"
SERVICES = ["Linkkihenkilötoiminta, hyvinvointilähete",
            "Sosiaali- ja terveysneuvonta, suora puhelinlinja ja chat",
            "Kirjaamisen kehittäminen",
            "Digitaalisten palveluiden kehittäminen",
            "Moniammatillinen työ",
            "Talousneuvola",
            "Neuvolan kotikäyntimalli ja imetystuki",
            "Omaperhe ja Omaolo",
            "Päiväkeskustoiminta",
            "Elintapavalmennus ja digitaaliset tarjottimet",
            "Muutosvalmennus",
            "Hoidon jatkuvuus"]
Q_RES = ("Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun "
         "tai perheesi arkeen?")
Q_LEAD = ("Millainen vaikutus kehitetyillä palveluilla on ollut johtamasi "
          "toiminnan kannalta?")
Q_STAFF = ("Kuinka merkittäviä vaikutuksia kehitetyillä palveluilla on ollut sinun "
           "työsi tai alueen väestön kannalta?")
LEGEND_RES = ("(0=En ole käyttänyt, 1=Ei vaikutusta, 2=Vähäinen vaikutus, "
              "3=Kohtalainen vaikutus, 4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus)")
LEGEND_STAFF = ("(1=Ei vaikutusta, 2=Vähäinen vaikutus, 3=Kohtalainen vaikutus, "
                "4=Merkittävä vaikutus, 5=Erittäin merkittävä vaikutus)")
AREAS = ["Kokkola", "Kannus", "Perho"]
ROUTE = "Vastaan kyselyyn"
ROUTE_RES, ROUTE_STAFF = "asukkaana", "työntekijänä"
OPEN = "Mitä muuta haluat sanoa kehitetyistä palveluista?"


def answers(rng, n, staff):
    """Per respondent: area, one code per service (0 = not used, None =
    empty) and an open answer."""
    out = []
    for i in range(n):
        area = AREAS[0] if i % 5 < 3 else AREAS[1 + i % 2]
        codes = []
        for k in range(len(SERVICES)):
            r = rng.random()
            if r < 0.05:
                codes.append(None)
            elif not staff and r < 0.05 + 0.10 + 0.02 * (k % 4):
                codes.append(0)
            else:
                centre = (3.3 if staff else 2.7) + (0.4 if k in (1, 3) else 0) \
                    - (0.5 if k == 5 and staff else 0)
                x = int(round(rng.gauss(centre, 1.0)))
                codes.append(min(5, max(1, x)))
        text = ""
        if rng.random() < 0.3:
            text = rng.choice(["Suora puhelinlinja on hyvä, ei tarvitse jonottaa.",
                               "Chat madaltaa kynnystä kysyä.",
                               "Tieto ei ole vielä kulkenut kaikille.",
                               "Yhteistyö eri toimijoiden välillä on parantunut."])
        out.append((area, codes, text))
    return out


def label(code):
    if code is None:
        return ""
    return NOT_USED if code == 0 else LEVELS[code - 1]


def write(name, header, rows, delimiter=";"):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    os.makedirs(os.path.join(OUT, "koodit"), exist_ok=True)
    rng = random.Random(20240922)
    res = answers(rng, 64, False)
    staff = answers(rng, 59, True)
    for coded in (False, True):
        suffix = "koodit/" if coded else ""
        for who, data, q, legend in (("asukkaat", res, Q_RES, LEGEND_RES),
                                     ("henkilosto", staff, Q_STAFF, LEGEND_STAFF)):
            stem = q + (" " + legend if coded else "")
            header = ["Vastaajanumero", "Palvelualue"]
            header += ["%s:%s" % (stem, s) for s in SERVICES] + [OPEN]
            rows = []
            for i, (area, codes, text) in enumerate(data):
                cells = [("" if c is None else str(c)) if coded else label(c) for c in codes]
                rows.append([str(i + 1), area] + cells + [text])
            write("%s%s.csv" % (suffix, who), header, rows)
    # one export: routing, then a block per audience; the staff first in
    # the file's order of rows, to show that rows do not name the block
    header = ["Vastaajanumero", ROUTE, "Palvelualue"]
    header += ["%s:%s" % (Q_RES, s) for s in SERVICES]
    header += ["%s:%s" % (Q_STAFF, s) for s in SERVICES] + [OPEN]
    rows = []
    n = 0
    for i in range(max(len(res), len(staff))):
        for who, data in (("staff", staff), ("res", res)):
            if i >= len(data):
                continue
            area, codes, text = data[i]
            n += 1
            cells = [label(c) for c in codes]
            blank = [""] * len(SERVICES)
            block = cells + blank if who == "res" else blank + cells
            rows.append([str(n), ROUTE_RES if who == "res" else ROUTE_STAFF, area] + block + [text])
    write("yhdessa.csv", header, rows)
    # Microsoft Forms: statements only, the residents' block then the staff's
    header = ["ID", "Start time", "Completion time", "Email", "Name", ROUTE, "Palvelualue"]
    header += SERVICES + SERVICES + [OPEN]
    frows = []
    for k, r in enumerate(rows):
        frows.append([str(k + 1), "9/%d/24 10:%02d:00" % (1 + k % 28, k % 60),
                      "9/%d/24 10:%02d:40" % (1 + k % 28, k % 60), "anonymous", ""] + r[1:])
    write("forms.csv", header, frows, delimiter=",")
    # a third audience, drawn after the others (their answers stay as they are)
    lead = answers(rng, 25, True)
    asked = [k for k in range(len(SERVICES)) if k != 5]
    header = ["Vastaajanumero", "Palvelualue"]
    header += ["%s:%s" % (Q_LEAD, SERVICES[k]) for k in asked] + [OPEN]
    rows = [[str(i + 1), area] + [label(codes[k]) for k in asked] + [text]
            for i, (area, codes, text) in enumerate(lead)]
    write("johto.csv", header, rows)


if __name__ == "__main__":
    main()
