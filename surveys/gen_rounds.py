#!/usr/bin/env python3
"""Writes the 2023 and 2025 rounds of the bundled sample survey from the 2024
round (asukas-henkilosto-2024.csv), so that `kysely compare` and `kysely
batch` have rounds to compare.  Synthetic, deterministic (seed 2023).

- 2023: 104 respondents drawn from 2024's, impact answers one level lower with
  probability 0.35, agreement one level lower with probability 0.2; the
  statement "Suora puhelinlinja ja chat" was then called "Puhelinpalvelu ja
  chat" (the 2024 definition maps it with `was =`); "Terveys- ja
  hoitosuunnitelma" was not yet asked.
- 2025: 140 respondents drawn with replacement, impact answers one level
  higher with probability 0.25; "Talousneuvola" is no longer asked.
Regenerate (byte-identical) with `python3 surveys/gen_rounds.py`.
"""
import csv
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
IMPACT = ["Ei vaikutusta", "Vähäinen vaikutus", "Kohtalainen vaikutus",
          "Merkittävä vaikutus", "Erittäin merkittävä vaikutus"]
AGREE = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
         "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]
STEM = "Kuinka merkittävä vaikutus seuraavilla kehitetyillä palveluilla on ollut arkeesi tai työhösi?:"


def shift(cell, levels, step, prob, rng):
    if cell in levels and rng.random() < prob:
        k = min(max(levels.index(cell) + step, 0), len(levels) - 1)
        return levels[k]
    return cell


def write(path, header, rows):
    out = io.StringIO(newline="")
    w = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(out.getvalue())


def main():
    with open(os.path.join(HERE, "asukas-henkilosto-2024.csv"), encoding="utf-8-sig",
              newline="") as f:
        data = list(csv.reader(f, delimiter=";"))
    header, rows = data[0], data[1:]
    rng = random.Random(2023)
    impact = [i for i, h in enumerate(header) if h.startswith(STEM)]
    agree = [i for i, h in enumerate(header) if h.startswith("Mitä mieltä olet")]

    def round_rows(sample, step_i, p_i, step_a, p_a, year):
        out = []
        for n, r in enumerate(sample, 1):
            r = list(r)
            r[0] = str(n)
            r[1] = r[1].replace("2024", str(year))
            for i in impact:
                r[i] = shift(r[i], IMPACT, step_i, p_i, rng)
            for i in agree:
                r[i] = shift(r[i], AGREE, step_a, p_a, rng)
            out.append(r)
        return out

    def drop(h, rs, text):
        k = h.index(STEM + text)
        return h[:k] + h[k + 1:], [r[:k] + r[k + 1:] for r in rs]

    r23 = round_rows(rng.sample(rows, 104), -1, 0.35, -1, 0.2, 2023)
    h23 = [STEM + "Puhelinpalvelu ja chat" if h == STEM + "Suora puhelinlinja ja chat" else h
           for h in header]
    h23, r23 = drop(h23, r23, "Terveys- ja hoitosuunnitelma")
    write(os.path.join(HERE, "asukas-henkilosto-2023.csv"), h23, r23)

    r25 = round_rows([rng.choice(rows) for _ in range(140)], 1, 0.25, 0, 0, 2025)
    h25, r25 = drop(list(header), r25, "Talousneuvola")
    write(os.path.join(HERE, "asukas-henkilosto-2025.csv"), h25, r25)


if __name__ == "__main__":
    main()
