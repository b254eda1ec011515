#!/usr/bin/env python3
"""Writes tests/data/weights.csv, its halves weights_r1.csv and weights_r2.csv
(two rounds) and weights_margins.csv: a small resident
survey with a weight column (Paino) and the margin variables of raking
(Ikäryhmä, Sukupuoli), for tests/cli_weights.sh and tests/ref/weights.R.
Deterministic: python3 tests/data/gen_weights.py tests/data"""
import random, sys, os

out = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
rng = random.Random(2025)
def pick(xs):
    return xs[int(rng.random() * len(xs))]
labels = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
          "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]
stem = "Mitä mieltä olet?"
items = ["Palvelu on sujuvaa", "Sain apua ajoissa", "Tiedotus toimii"]
ages = ["18-39", "40-64", "65+"]
sexes = ["Nainen", "Mies"]
areas = ["Etelä", "Pohjoinen", "Itä"]
rows = []
for i in range(90):
    age = ages[min(2, int(rng.random() ** 0.7 * 3))]     # older answer more
    sex = sexes[0] if rng.random() < 0.62 else sexes[1]  # women answer more
    area = pick(areas)
    role = "Asukas" if rng.random() < 0.7 else "Henkilöstö"
    w = round(0.4 + rng.random() * 2.6, 2)
    if i == 17:
        w = 0                                            # one zero weight
    r = [str(i + 1), area, role, age, sex, ("%.2f" % w) if i != 5 else "1,75"]
    base = ages.index(age) + (1 if area == "Etelä" else 0)
    for j, _ in enumerate(items):
        u = rng.random()
        if u < 0.06:
            r.append("")
        elif u < 0.12:
            r.append("En osaa sanoa")
        else:
            k = int(min(4, max(0, base + j * 0.5 + rng.random() * 3 - 1)))
            r.append(labels[k])
    r.append(str(1 + int(rng.random() * 5)) if rng.random() > 0.05 else "")
    rows.append(r)
hdr = ["Vastaaja", "Alue", "Rooli", "Ikäryhmä", "Sukupuoli", "Paino"] + \
      ["%s:%s" % (stem, t) for t in items] + ["Arvosana palvelulle (1-5)"]
with open(os.path.join(out, "weights.csv"), "w", encoding="utf-8", newline="") as f:
    for r in [hdr] + rows:
        f.write(";".join(r) + "\r\n")
# two "rounds": the first and the second half of the respondents
for name, part in (("weights_r1.csv", rows[:45]), ("weights_r2.csv", rows[45:])):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        for r in [hdr] + part:
            f.write(";".join(r) + "\r\n")
with open(os.path.join(out, "weights_margins.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("variable,category,population\n")
    for a, p in zip(ages, [41000, 52000, 37000]):
        f.write("Ikäryhmä,%s,%d\n" % (a, p))
    for s, p in zip(sexes, [66500, 63500]):
        f.write("Sukupuoli,%s,%d\n" % (s, p))
