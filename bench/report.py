"""report.py - bench/RESULTS.md from the rows bench/run.sh measured.

usage: report.py RESULTS.tsv COMPARE.txt MODE NPROC [CHARTS.md]
Every number in the output comes from this one run.
"""
import platform
import sys
import time

PEERS = ("R data.table", "Python pandas", "PSPP")
res, cmp_txt, mode, nproc = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
chart_md = sys.argv[5] if len(sys.argv) > 5 else None
rows = []
for line in open(res, encoding="utf-8"):
    tool, size, mean, sd, rss, nbytes, runs, cores = line.rstrip("\n").split("\t")
    rows.append(dict(tool=tool, size=size, mean=float(mean), sd=float(sd), rss=int(rss),
                     bytes=int(nbytes), runs=int(runs), cores=float(cores)))
get = {(r["tool"], r["size"]): r for r in rows}
sizes = [s for s in ("sample", "open10k", "open10k-none", "S", "M", "L", "batch")
         if any(r["size"] == s for r in rows)]
cpu = "?"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass


def t(x):
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


out = ["# Benchmark results (bench/run.sh)", "",
       f"`make bench{'-quick' if mode == 'quick' else ''}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
       f"{nproc} cores ({cpu}), {platform.system()} {platform.release()}. Nothing else "
       "was meant to run on the machine, but it is a shared VM; the ratios below come from this one run.", "",
       "Job: labels to codes, per item and group (and all) the frequencies, n, mean, SD, "
       "median and quartiles, Mann–Whitney U (two groups) and Kruskal–Wallis (three), as CSV. "
       "kysely: `kysely analyze FILE --group Vastaajaryhmä --no-charts --no-fsync` (it also "
       "writes every other table, summary.json and the reports; like the peers, it leaves "
       "writing them to disk to the kernel). \"kysely, outputs fsync'ed\": the same without "
       "`--no-fsync`, kysely's default, which waits for each output to reach the disk before "
       "the folder is renamed into place; the targets use the first. The bundled sample is "
       "timed with the default. Peers: `bench/peers/`. Wall time is "
       "hyperfine's median (± SD) over the runs shown; peak RSS from `/usr/bin/time -v` "
       "(for a tool with three or more runs, the run with the median RSS of three); "
       "MB/s = file bytes / mean wall time; cores = CPU time (user + system) / wall time, "
       "hyperfine's means over the runs (a tool run once: its `/usr/bin/time -v` run; — "
       "for a single run under 0.1 s, as that clock counts in 10 ms steps). "
       "PSPP reads `gen --one-line` files (it cannot "
       "read line breaks inside quoted cells).", "",
       "Agreement on S (bench/compare.py):", ""]
out += ["    " + l.rstrip() for l in open(cmp_txt, encoding="utf-8")]
out.append("")
for s in sizes:
    rs = [r for r in rows if r["size"] == s]
    mb = rs[0]["bytes"] / 1e6
    title = {"sample": "the bundled sample (surveys/asukas-henkilosto-2024.csv)",
             "open10k": "10 000 distinct open answers (bench/gen_open.py)",
             "open10k-none": "the same export without its open column"}.get(s, s)
    out += [f"## {title} ({mb:.1f} MB)", "", "| tool | wall time | runs | peak RSS | MB/s | cores |",
            "|---|---:|---:|---:|---:|---:|"]
    for r in rs:
        cores = f"{r['cores']:.2f}" if r["mean"] >= 0.1 or r["runs"] > 1 else "—"
        out.append(f"| {r['tool']} | {t(r['mean'])} ± {t(r['sd'])} | {r['runs']} | "
                   f"{r['rss'] / 1024:.1f} MB | {r['bytes'] / 1e6 / r['mean']:.0f} | {cores} |")
    out.append("")

out += ["## Targets", "", "| target | size | measured | met |", "|---|---|---:|---|"]


def row(name, size, value, ok):
    out.append(f"| {name} | {size} | {value} | {'yes' if ok else '**no**'} |")


for s in sizes:
    k = get.get(("kysely", s))
    peers = [get[(p, s)] for p in PEERS if (p, s) in get]
    if k and peers:
        best = min(peers, key=lambda r: r["mean"])
        x = best["mean"] / k["mean"]
        row(f"≥ 30× faster than the fastest peer ({best['tool']})", s, f"{x:.1f}×", x >= 30)
for s in ("M", "L"):
    k, c, m = get.get(("kysely", s)), get.get(("libcsv parse", s)), get.get(("memchr scan", s))
    if k and c:
        x = c["mean"] / k["mean"]
        row("at least as fast as the libcsv-only parse", s, f"{x:.2f}× its speed", x >= 1)
    if k and m:
        x = m["mean"] / k["mean"]
        row("≥ 1/4 of the memchr scan's throughput", s, f"{x:.2f}", x >= 0.25)
km, kl = get.get(("kysely", "M")), get.get(("kysely", "L"))
if km and kl:
    g = kl["rss"] / km["rss"] - 1
    row("peak RSS within 10 % M vs L", "M, L", f"{g * 100:+.0f} %", abs(g) <= 0.10)
    row("peak RSS under 64 MB", "L", f"{kl['rss'] / 1024:.1f} MB", kl["rss"] < 64 * 1024)
for s in ("M", "L"):
    k = get.get(("kysely", s))
    if k:
        row("both cores used on one large file (CPU time / wall time)", s, f"{k['cores']:.2f}",
            k["cores"] >= 0.9 * int(nproc))
kb = get.get(("kysely", "batch"))
if kb:
    row(f"`kysely batch -j {nproc}` uses {nproc} cores (CPU time / wall time)", "batch",
        f"{kb['cores']:.2f}", kb["cores"] >= 0.9 * int(nproc))
ks = get.get(("kysely", "sample"))
if ks:
    row("the bundled sample, `analyze --no-charts` under 20 ms", "sample", t(ks["mean"]),
        ks["mean"] < 0.020)
ko, kn = get.get(("kysely", "open10k")), get.get(("kysely", "open10k-none"))
if ko and kn:
    row("10 000 open answers (names masked, terms) add under 1 s", "open10k",
        t(ko["mean"] - kn["mean"]), ko["mean"] - kn["mean"] < 1.0)
# charts: bench/charts.sh writes bench/CHARTS.md (one process for every chart against one
# process per chart); its ratios are copied here when it ran in this `make bench`
try:
    import re
    fmt = None
    if not chart_md:
        raise OSError("no charts run")
    for line in open(chart_md, encoding="utf-8"):
        m = re.match(r"## (\w+):", line)
        if m:
            fmt = m.group(1)
        m = re.match(r"One process takes ([0-9.]+) (\(CPU [0-9.]+\) )?of the time", line)
        if m and fmt:
            x = float(m.group(1))
            row("time per chart ≤ 1/3 of a gnuplot process per chart", f"{fmt} charts",
                f"{x:.2f} of it", x <= 1 / 3)
except (OSError, NameError):
    pass
out.append("")
print("\n".join(out))
