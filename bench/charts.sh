#!/bin/sh
# Time per chart: every chart of a run through one gnuplot process (what
# kysely does) against one gnuplot process per chart, on the same gnuplot
# commands, recorded from a run on the bundled sample.  Writes
# bench/CHARTS.md.  usage: sh bench/charts.sh build/kysely ["png svg pdf"]
set -eu
K=${1:-build/kysely}
FORMATS=${2:-png svg}
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
	echo "Machine: $(nproc) cores, $(gnuplot --version)."
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
hyperfine -N --warmup 1 --runs 5 --export-json "$w/h.json" \
	-n one-process "gnuplot $w/all.gp" \
	-n process-per-chart "sh -c 'for f in $w/per/*.gp; do gnuplot \$f; done'" \
	-n analyze-with-charts "$K analyze $SAMPLE $ARGS -o $w/a" \
	-n analyze-no-charts "$K analyze $SAMPLE $ARGS --no-charts -o $w/b" >"$w/h.txt" 2>&1
/usr/bin/python3 - "$w/h.json" "$n" "$FMT" >>bench/CHARTS.md <<'EOP'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n, fmt = int(sys.argv[2]), sys.argv[3]
one, per = r["one-process"]["mean"] * 1e3, r["process-per-chart"]["mean"] * 1e3
wc, nc = r["analyze-with-charts"]["mean"] * 1e3, r["analyze-no-charts"]["mean"] * 1e3
print(f"\n## {fmt.upper()}: {n} charts\n")
print("| what | total ms | ms per chart |\n|---|---:|---:|")
print(f"| one gnuplot process for all charts (kysely) | {one:.0f} | {one / n:.1f} |")
print(f"| one gnuplot process per chart | {per:.0f} | {per / n:.1f} |")
print(f"| `kysely analyze` with charts | {wc:.0f} | {(wc - nc) / n:.1f} (over --no-charts) |")
print(f"| `kysely analyze --no-charts` | {nc:.1f} | |")
print(f"\nOne process takes {one / per:.2f} of the time of a process per chart.")
EOP
done
cat bench/CHARTS.md
