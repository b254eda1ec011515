"""job.py - the benchmark job as a Python user would write it (pandas, scipy).

usage: /usr/bin/python3 job.py EXPORT.csv OUTDIR
Labels -> codes 1..5 ("En ole käyttänyt" and empty cells are missing); per
item and group (and all, "*") frequencies, n, mean, SD, median, quartiles
(linear = R type 7); Mann-Whitney U (Asukas vs Henkilöstö) and Kruskal-Wallis
over the three groups; written as CSV (stats.csv, freq.csv, tests.csv).
"""
import os
import sys

import pandas as pd
from scipy import stats

LEVELS = {"Ei vaikutusta": 1, "Vähäinen vaikutus": 2, "Kohtalainen vaikutus": 3,
          "Merkittävä vaikutus": 4, "Erittäin merkittävä vaikutus": 5}
GROUPS = ["Asukas", "Henkilöstö", "Yhteistyökumppani"]

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
d = pd.read_csv(src, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
grp = d.iloc[:, 1]
st, fr, te = [], [], []
for j in range(2, d.shape[1] - 1):
    item = f"Q{j + 1}"
    x = d.iloc[:, j].map(LEVELS)              # NaN for non-substantive and empty
    for g in ["*"] + GROUPS:
        v = (x if g == "*" else x[grp == g]).dropna()
        q = v.quantile([0.25, 0.5, 0.75])
        st.append((item, g, len(v), v.mean(), v.std(), q[0.5], q[0.25], q[0.75]))
        counts = v.value_counts()
        fr.extend((item, g, c, int(counts.get(float(c), 0))) for c in range(1, 6))
    a = x[grp == "Asukas"].dropna()
    b = x[grp == "Henkilöstö"].dropna()
    u = stats.mannwhitneyu(a, b, alternative="two-sided")
    k = stats.kruskal(*[x[grp == g].dropna() for g in GROUPS])
    te.append((item, "mann_whitney", u.statistic, u.pvalue))
    te.append((item, "kruskal_wallis", k.statistic, k.pvalue))
pd.DataFrame(st, columns=["item", "group", "n", "mean", "sd", "median", "q1", "q3"]).to_csv(
    os.path.join(out, "stats.csv"), index=False, float_format="%.15g")
pd.DataFrame(fr, columns=["item", "group", "code", "count"]).to_csv(
    os.path.join(out, "freq.csv"), index=False)
pd.DataFrame(te, columns=["item", "test", "statistic", "p"]).to_csv(
    os.path.join(out, "tests.csv"), index=False, float_format="%.15g")
