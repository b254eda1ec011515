#!/bin/sh
# Time per chart: every chart of a run through one gnuplot process (what
# kysely does) against one gnuplot process per chart, on the same gnuplot
# commands, recorded from a run on the bundled sample.  Both replays preload
# kysely-png.so (next to the binary) as kysely does; PNG is also replayed
# without it (libpng's default filter search, the encoding before it).
# Writes bench/CHARTS.md.  usage: sh bench/charts.sh build/kysely ["png svg pdf"]
set -eu
K=${1:-build/kysely}
FORMATS=${2:-png svg pdf}
SHIM=$(cd "$(dirname "$K")" && pwd)/kysely-png.so
[ -r "$SHIM" ] || { echo "needs $SHIM (make build/kysely-png.so)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
w=$(mktemp -d /tmp/kysely-bench.XXXXXX)
trap 'rm -rf "$w"' EXIT
# a gnuplot that records what kysely sends it
cat >"$w/gnuplot" <<EOS
#!/bin/sh
tee "$w/stream.gp" | gnuplot
EOS
chmod +x "$w/gnuplot"
SAMPLE=surveys/asukas-henkilosto-2024.csv
{
	echo "# Charts: time per chart (bench/charts.sh)"
	echo
	echo "The bundled sample with \`--group Vastaajaryhmä\`, one format per run. The same"
	echo "gnuplot commands, recorded from kysely, replayed through one gnuplot process and"
	echo "through one process per chart (hyperfine, 5 runs after a warm-up, means)."
	echo "Both preload kysely-png.so as kysely does (PNGs without libpng's filter"
	echo "search: the same pixels); PNG also without it, as before (libpng defaults)."
	echo "Machine: $(nproc) cores, $(gnuplot --version), load average at the start"
	echo "$(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: times are rough)."
} >bench/CHARTS.md
for FMT in $FORMATS; do
rm -rf "$w/run" "$w/per" "$w/a" "$w/b"
ARGS="--group Vastaajaryhmä --format $FMT -q"
"$K" analyze "$SAMPLE" $ARGS --gnuplot "$w/gnuplot" -o "$w/run"
n=$(grep -c "^print 'ky-done" "$w/stream.gp")
n=$((n - 1))   # ky-done 0 ends the setup
# outputs into the bench folder instead of kysely's (removed) staging folder
sed "s|^ky_output = .*|ky_output = '$w/out.$FMT'|" "$w/stream.gp" >"$w/all.gp"
mkdir "$w/per"
awk -v dir="$w/per" '
	{ buf = buf $0 "\n" }
	/^print .ky-done / { k = $3 + 0; if (k == 0) setup = buf; else { f = sprintf("%s/%03d.gp", dir, k); printf "%s%s", setup, buf > f; close(f) } buf = "" }
' "$w/all.gp"
set -- -n one-process "env LD_PRELOAD=$SHIM gnuplot $w/all.gp" \
	-n process-per-chart "sh -c 'for f in $w/per/*.gp; do LD_PRELOAD=$SHIM gnuplot \$f; done'"
[ "$FMT" = png ] && set -- "$@" \
	-n one-process-defaults "gnuplot $w/all.gp" \
	-n process-per-chart-defaults "sh -c 'for f in $w/per/*.gp; do gnuplot \$f; done'"
hyperfine -N --warmup 1 --runs 5 --export-json "$w/h.json" "$@" \
	-n analyze-with-charts "$K analyze $SAMPLE $ARGS -o $w/a" \
	-n analyze-no-charts "$K analyze $SAMPLE $ARGS --no-charts -o $w/b" >"$w/h.txt" 2>&1
/usr/bin/python3 - "$w/h.json" "$n" "$FMT" >>bench/CHARTS.md <<'EOP'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n, fmt = int(sys.argv[2]), sys.argv[3]
wall = {k: v["mean"] * 1e3 for k, v in r.items()}
cpu = {k: (v["user"] + v["system"]) * 1e3 for k, v in r.items()}
rows = [("one-process", "one gnuplot process for all charts (kysely)"),
        ("process-per-chart", "one gnuplot process per chart"),
        ("one-process-defaults", "one process, libpng defaults (before kysely-png.so)"),
        ("process-per-chart-defaults", "process per chart, libpng defaults")]
print(f"\n## {fmt.upper()}: {n} charts\n")
print("| what | total ms | ms per chart | CPU ms per chart |\n|---|---:|---:|---:|")
for k, what in rows:
    if k in r:
        print(f"| {what} | {wall[k]:.0f} | {wall[k] / n:.1f} | {cpu[k] / n:.1f} |")
wc, nc = "analyze-with-charts", "analyze-no-charts"
print(f"| `kysely analyze` with charts | {wall[wc]:.0f} | {(wall[wc] - wall[nc]) / n:.1f}"
      f" (over --no-charts) | {(cpu[wc] - cpu[nc]) / n:.1f} |")
print(f"| `kysely analyze --no-charts` | {wall[nc]:.1f} | | |")
def ratio(a, b):
    return f"{wall[a] / wall[b]:.2f} (CPU {cpu[a] / cpu[b]:.2f})"
print(f"\nOne process takes {ratio('one-process', 'process-per-chart')} of the time of a"
      " process per chart.")
if "one-process-defaults" in r:
    print(f"With libpng's defaults: {ratio('one-process-defaults', 'process-per-chart-defaults')};"
          f" one process with kysely-png.so takes {ratio('one-process', 'one-process-defaults')}"
          " of the time of one process with the defaults.")
EOP
done
cat bench/CHARTS.md
