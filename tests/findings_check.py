#!/usr/bin/env python3
"""findings_check.py OUTDIR [POPULATION] - the findings in OUTDIR/summary.json
against the rules of docs/findings.md applied by hand to the CSVs beside it
(an independent implementation: python csv, no kysely code).
For compare outputs (changes.csv present) the rule for changes is checked.
Prints what differs and 'findings: N expected, N found'; exits 1 on a mismatch."""
import csv
import json
import sys

out = sys.argv[1]
pop = int(sys.argv[2]) if len(sys.argv) > 2 else 0
summary = json.load(open(out + "/summary.json", encoding="utf-8"))
got = [(f["kind"], f["item_id"] or None) for f in summary["findings"]]


def rows(name):
    with open("%s/%s.csv" % (out, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(s):
    return float(s) if s not in ("", None) else None


want = []
try:
    changes = rows("changes")
except FileNotFoundError:
    changes = None
if changes is not None:
    for r in changes:
        p = num(r["p_holm"])
        if p is not None and p < 0.05 and num(r["diff"]) is not None and not r["note"]:
            want.append(("change", r["item_id"]))
else:
    n_resp = summary["input"].get("respondents") if "input" in summary else None
    if pop:
        want.append(("response_rate", None))
    desc = rows("descriptives")
    # blocks in order, items in block order (summary.json's blocks)
    allrow = {r["item_id"]: r for r in desc if r["grouping"] == "*"}
    for b in summary["blocks"]:
        best = worst = None
        for item in b["items"]:
            r = allrow.get(item)
            t = num(r["top2_pct"]) if r else None
            if t is None:
                continue
            if best is None or t > best[1]:
                best = (item, t)
            if worst is None or t < worst[1]:
                worst = (item, t)
        if best:
            want.append(("highest_top2", best[0]))
            if worst[0] != best[0]:
                want.append(("lowest_top2", worst[0]))
    first = summary["groupings"][0]["column"] if summary["groupings"] else None
    for r in rows("comparisons"):
        p = num(r["p_holm"])
        if r["grouping"] == first and r["test"] == "mann_whitney" and r["group_b"] and \
                p is not None and p < 0.05:
            want.append(("difference", r["item_id"]))
    for r in desc:
        if r["grouping"] != "*" or r["n_valid"] == "":
            continue
        v, ns = int(r["n_valid"]), int(r["n_nonsubstantive"] or 0)
        if v + ns and ns >= 0.3 * (v + ns) and ns:
            want.append(("nonsubstantive", r["item_id"]))
bad = 0
if got != want:
    print("findings: expected", want)
    print("findings: found   ", got)
    bad = 1
print("findings: %d expected, %d found%s" % (len(want), len(got), "" if not bad else " (MISMATCH)"))
sys.exit(bad)
