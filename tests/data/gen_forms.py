#!/usr/bin/env python3
"""Writes tests/data/forms_export.csv: a small export shaped like Microsoft
Forms' "Download responses" saved as CSV (UTF-8, comma, one header row, fixed
columns ID / Start time / Completion time / Email / Name, Likert statements
headed by the statement only, multiple answers joined with ';' and a trailing
';', a ranking as the options in order joined with ';', a 0-10 recommendation).
Edge cases for the reference tests: heavy ties, four groups (one with two
people), an item that everyone answers alike, respondents who skip questions.
Deterministic: python3 tests/data/gen_forms.py
"""
import csv
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forms_export.csv")
AGREE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
STATEMENTS = ["The new booking system saves my time",
              "I know whom to contact about my care",
              "Information about services is easy to find",
              "Everyone was treated politely",          # everyone answers Agree
              "Waiting times have grown longer"]        # reverse-keyed
CHANNELS = ["Website", "Text message", "Letter", "Staff, in person", "Friends or family"]
PRIORITIES = ["Faster access", "Continuity of care", "Digital services", "More staff"]
UNITS = ["North", "South", "East", "Islands"]


def main():
    rng = random.Random(20241124)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Unit"]
    header += STATEMENTS
    header += ["Where did you hear about the new services?",
               "Put the development targets in order of importance",
               "How likely are you to recommend our services to a friend?"]
    rows = []
    for i in range(1, 61):
        unit = UNITS[3] if i in (7, 41) else rng.choice(UNITS[:3])
        t = rng.gauss(3.3 if unit == "North" else 2.9, 0.7)
        row = [str(i), "9/%d/24 10:%02d:00" % (1 + i % 28, i % 60),
               "9/%d/24 10:%02d:30" % (1 + i % 28, i % 60), "anonymous", "", unit]
        for k, _ in enumerate(STATEMENTS):
            if k == 3:
                row.append("Agree")
            elif rng.random() < 0.07:
                row.append("")
            else:
                x = round(rng.gauss(6 - t if k == 4 else t, 0.8))
                row.append(AGREE[min(4, max(0, int(x) - 1))])
        if rng.random() < 0.1:
            row.append("")
        else:
            picks = [c for c in CHANNELS if rng.random() < 0.4] or [rng.choice(CHANNELS)]
            row.append("".join(p + ";" for p in picks))
        if rng.random() < 0.1:
            row.append("")
        else:
            order = PRIORITIES[:]
            rng.shuffle(order)
            if unit == "North" and "More staff" in order[2:]:
                order.remove("More staff")
                order.insert(0, "More staff")
            row.append(";".join(order))
        row.append("" if rng.random() < 0.05 else str(min(10, max(0, round(rng.gauss(7, 2.2))))))
        rows.append(row)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


if __name__ == "__main__":
    main()
