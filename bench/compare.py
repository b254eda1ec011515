"""compare.py - do the peers' numbers agree with kysely's on the same export?

usage: /usr/bin/python3 bench/compare.py KYSELY_OUT [--r DIR] [--py DIR] [--pspp DIR]
KYSELY_OUT is `kysely analyze EXPORT --group Vastaajaryhmä -o KYSELY_OUT`;
--r/--py hold stats.csv, freq.csv and tests.csv of bench/peers/job.R and
job.py; --pspp holds tables.csv of bench/peers/pspp.sh.  R and Python are
compared in full (counts exactly, statistics to 1e-9 relative, p-values to
1e-6 relative).  PSPP prints rounded tables: its cross-tabulated counts and
Mann-Whitney U are compared exactly, Kruskal-Wallis H to its two decimals
(its percentiles use another definition, HAVERAGE, so they are not compared).
Prints one line per peer and exits 1 if any value disagrees.
"""
import csv
import sys

GROUPING = "Vastaajaryhmä"


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def close(a, b, rel):
    if a == "" or b == "" or a is None or b is None:
        return (a or "") == (b or "")
    a, b = float(a), float(b)
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) or abs(a - b) < 1e-12


def kysely(out):
    stats, freq, tests = {}, {}, {}
    for r in rows(f"{out}/descriptives.csv"):
        if r["type"] != "scale" or r["grouping"] not in ("*", GROUPING):
            continue
        stats[(r["item_id"], r["group"])] = {"n": r["n_valid"], "mean": r["mean"], "sd": r["sd"],
                                             "median": r["median"], "q1": r["q1"], "q3": r["q3"]}
    for r in rows(f"{out}/frequencies.csv"):
        if r["kind"] == "scale" and r["grouping"] in ("*", GROUPING):
            freq[(r["item_id"], r["group"], r["code"])] = r["count"]
    for r in rows(f"{out}/comparisons.csv"):
        if r["test"] == "mann_whitney" and (r["group_a"], r["group_b"]) == ("Asukas", "Henkilöstö"):
            tests[(r["item_id"], "mann_whitney")] = (r["statistic"], r["p"])
        elif r["test"] == "kruskal_wallis":
            tests[(r["item_id"], "kruskal_wallis")] = (r["statistic"], r["p"])
    return stats, freq, tests


def against_peer(name, k, d):
    stats, freq, tests = k
    bad, n = [], 0
    for r in rows(f"{d}/stats.csv"):
        key = (r["item"], r["group"])
        for f in ("n", "mean", "sd", "median", "q1", "q3"):
            n += 1
            if key not in stats or not close(stats[key][f], r[f], 1e-9):
                bad.append(f"{key} {f}: kysely {stats.get(key, {}).get(f)} {name} {r[f]}")
    for r in rows(f"{d}/freq.csv"):
        key = (r["item"], r["group"], r["code"])
        n += 1
        if freq.get(key) != r["count"]:
            bad.append(f"{key} count: kysely {freq.get(key)} {name} {r['count']}")
    for r in rows(f"{d}/tests.csv"):
        key = (r["item"], r["test"])
        n += 2
        got = tests.get(key, (None, None))
        if not close(got[0], r["statistic"], 1e-9) or not close(got[1], r["p"], 1e-6):
            bad.append(f"{key}: kysely {got} {name} ({r['statistic']}, {r['p']})")
    return n, bad


def pspp_tables(path):
    """Splits PSPP's CSV output into (title, rows) tables."""
    tables, cur = [], None
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.reader(f):
            if r and r[0].startswith("Table: "):
                cur = (r[0][7:], [])
                tables.append(cur)
            elif not r:
                cur = None
            elif cur:
                cur[1].append(r)
    return tables


def against_pspp(k, d):
    stats, freq, tests = k
    bad, n = [], 0
    tables = pspp_tables(f"{d}/tables.csv")
    for title, t in tables:
        if " × g" in title:                     # n<j> × g: codes by group
            item = f"Q{int(title.split()[0][1:]) + 2}"
            groups = t[1][3:-1]
            for r in t[2:-1]:
                code = str(int(float(r[1])))
                for g, c in zip(groups, r[3:-1]):
                    n += 1
                    if freq.get((item, g, code)) != c:
                        bad.append(f"{item} {g} {code}: kysely {freq.get((item, g, code))} pspp {c}")
    ts = [t for title, t in tables if title == "Test Statistics"]
    mw = ts[0]                                   # rows n<j>: U, W, Z, p
    for r in mw[1:]:
        item = f"Q{int(r[0][1:]) + 2}"
        n += 1
        if not close(tests[(item, "mann_whitney")][0], r[1], 1e-12):
            bad.append(f"{item} U: kysely {tests[(item, 'mann_whitney')][0]} pspp {r[1]}")
    kw = ts[1]                                   # columns n<j>; row Chi-Square
    for col, h in zip(kw[0][1:], kw[1][1:]):
        item = f"Q{int(col[1:]) + 2}"
        n += 1
        if abs(float(tests[(item, "kruskal_wallis")][0]) - float(h)) > 0.005 + 1e-9:
            bad.append(f"{item} H: kysely {tests[(item, 'kruskal_wallis')][0]} pspp {h}")
    return n, bad


def main(argv):
    k = kysely(argv[1])
    if not k[0]:
        print("compare: kysely found no scale items")
        return 1
    rc = 0
    args = argv[2:]
    for opt, d in zip(args[::2], args[1::2]):
        name = opt.lstrip("-")
        n, bad = against_pspp(k, d) if name == "pspp" else against_peer(name, k, d)
        print(f"{name}: {n - len(bad)}/{n} values agree with kysely")
        for b in bad[:10]:
            print("  " + b)
        rc |= bool(bad) or n == 0
    return rc


sys.exit(main(sys.argv))
