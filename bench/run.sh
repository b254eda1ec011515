#!/bin/sh
# run.sh - the benchmarks behind `make bench` and `make bench-quick`.
# usage: sh bench/run.sh [quick|full]
#
# Generates the exports with bench/gen under $BENCH_DATA (default
# /tmp/kysely-bench-data; never in the repository), checks on S that the
# peers' numbers agree with kysely's (bench/compare.py), times every tool
# with hyperfine (a tool run once: the wall time of /usr/bin/time -v), measures
# peak RSS with /usr/bin/time -v, and writes
# bench/RESULTS.md (quick: bench/RESULTS-quick.md, not committed).  quick: S
# and M (PSPP on S only).  full: S, M, L (about 1 GB, deleted
# afterwards), the batch of 200 small files and the time per chart
# (bench/charts.sh).  Both also time the bundled sample.
set -eu
MODE=${1:-quick}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
D=${BENCH_DATA:-/tmp/kysely-bench-data}
W=$(mktemp -d /tmp/kysely-bench-run.XXXXXX)
trap 'rm -rf "$W"' EXIT
PY=/usr/bin/python3
K=${KYSELY:-$ROOT/build/kysely}
B="$ROOT/build/bench"
for t in hyperfine /usr/bin/time Rscript pspp; do
	command -v "$t" >/dev/null || { echo "bench: needs $t (see bench/README.md)" >&2; exit 1; }
done
$PY -c 'import pandas, scipy' || { echo "bench: /usr/bin/python3 needs pandas and scipy" >&2; exit 1; }
mkdir -p "$D"

gen() { # name rows items [extra]
	[ -s "$D/$1.csv" ] || "$B/gen" --rows "$2" --items "$3" --seed 7 -o "$D/$1.csv"
	[ -s "$D/$1-1line.csv" ] || "$B/gen" --rows "$2" --items "$3" --seed 7 --one-line -o "$D/$1-1line.csv"
}

# one row of the results: tool, size, runs, command (run by sh -c)
RES="$W/results.tsv"
: >"$RES"
measure() {
	tool=$1 size=$2 runs=$3 file=$4 cmd=$5
	printf '%s\n' "$cmd" >"$W/cmd.sh"
	if [ "$runs" -gt 1 ]; then
		hyperfine -N --style none --warmup "$( [ "$runs" -gt 2 ] && echo 1 || echo 0)" \
			--runs "$runs" --export-json "$W/h.json" "sh $W/cmd.sh" >/dev/null 2>&1 ||
			{ echo "bench: $tool on $size failed: $cmd" >&2; exit 1; }
	fi
	# peak RSS and cores: the run with the median RSS of three (one for a tool
	# timed once), as a thread's timing moves kysely's peak by a megabyte
	k=0 n_time=$( [ "$runs" -gt 2 ] && echo 3 || echo 1)
	: >"$W/times.txt"
	while [ "$k" -lt "$n_time" ]; do
		/usr/bin/time -v sh "$W/cmd.sh" >/dev/null 2>"$W/time.txt" ||
			{ echo "bench: $tool on $size failed: $cmd" >&2; exit 1; }
		printf '%s %s %s\n' \
			"$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/time.txt")" \
			"$(awk '/(User|System) time \(seconds\)/ { s += $NF } END { print s + 0 }' "$W/time.txt")" \
			"$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$W/time.txt")" \
			>>"$W/times.txt"
		k=$((k + 1))
	done
	set -- $(sort -n "$W/times.txt" | sed -n "$(( (n_time + 1) / 2 ))p")
	rss=$1 cpu=$2 wall=$3
	bytes=$(cat $file | wc -c)
	$PY - "$W/h.json" "$tool" "$size" "$rss" "$bytes" "$runs" "$wall" "$cpu" >>"$RES" <<'EOF'
import json, sys
if int(sys.argv[6]) > 1:
    r = json.load(open(sys.argv[1]))["results"][0]
    mean, sd = r["median"], r["stddev"] or 0   # the median: one disturbed run cannot move it
else:                   # one run: the wall time /usr/bin/time measured
    mean, sd = sum(float(x) * 60 ** i for i, x in enumerate(reversed(sys.argv[7].split(":")))), 0
# cores used: CPU seconds (user + system) over wall seconds; with repeated
# runs hyperfine's means (rusage, microseconds), else the /usr/bin/time run
# (which prints both in 10 ms steps)
wall1 = sum(float(x) * 60 ** i for i, x in enumerate(reversed(sys.argv[7].split(":"))))
cores = float(sys.argv[8]) / wall1 if wall1 > 0 else 0
if int(sys.argv[6]) > 1 and r["mean"] > 0:
    cores = (r["user"] + r["system"]) / r["mean"]
print("\t".join([sys.argv[2], sys.argv[3], "%.6f" % mean, "%.6f" % sd,
                 sys.argv[4], sys.argv[5], sys.argv[6], "%.2f" % cores]))
EOF
	echo "  $tool $size: $(tail -1 "$RES" | cut -f3) s" >&2
}

G="--group Vastaajaryhmä --no-charts -q"
one_file() { # size runs peer_runs pspp(yes|no)
	s=$1 n=$2 p=$3 f="$D/$1.csv" f1="$D/$1-1line.csv"
	measure cat "$s" "$n" "$f" "cat $f >/dev/null"
	measure "wc -l" "$s" "$n" "$f" "wc -l $f >/dev/null"
	measure "libcsv parse" "$s" "$n" "$f" "$B/csvcount $f >/dev/null"
	measure "memchr scan" "$s" "$n" "$f" "$B/memchr $f >/dev/null"
	# none of the peers syncs its outputs to disk; kysely does by default
	# (an fsync per output): timed both ways, the targets on the same job
	measure kysely "$s" "$n" "$f" "$K analyze $f $G --no-fsync -o $W/k-$s"
	measure "kysely, outputs fsync'ed" "$s" "$n" "$f" "$K analyze $f $G -o $W/kf-$s"
	measure "R data.table" "$s" "$p" "$f" "Rscript bench/peers/job.R $f $W/r-$s"
	measure "Python pandas" "$s" "$p" "$f" "$PY bench/peers/job.py $f $W/py-$s"
	[ "$4" = yes ] || return 0
	measure "PSPP" "$s" 1 "$f1" "sh bench/peers/pspp.sh $f1 $W/pspp-$s >/dev/null"
}

echo "bench: generating under $D" >&2
gen S 2000 50
gen M 100000 50
if [ "$MODE" = full ]; then
	gen L 1000000 50
	if [ ! -s "$D/batch/b200.ini" ]; then
		mkdir -p "$D/batch"
		i=1
		while [ $i -le 200 ]; do
			"$B/gen" --rows 2000 --items 30 --seed $i -o "$D/batch/b$i.csv"
			"$B/gen" --rows 2000 --items 30 --seed $i --one-line -o "$D/batch/b$i-1line.csv"
			# kysely batch analyses survey definitions: one per export, naming its grouping
			printf '[survey]\nexport = b%s.csv\ngroup = Vastaajaryhmä\n' $i >"$D/batch/b$i.ini"
			i=$((i + 1))
		done
	fi
fi

echo "bench: checking the peers' numbers on S" >&2
"$K" analyze "$D/S.csv" $G -o "$W/cmp-k"
Rscript bench/peers/job.R "$D/S.csv" "$W/cmp-r"
$PY bench/peers/job.py "$D/S.csv" "$W/cmp-py"
sh bench/peers/pspp.sh "$D/S-1line.csv" "$W/cmp-pspp" >/dev/null
$PY bench/compare.py "$W/cmp-k" --r "$W/cmp-r" --py "$W/cmp-py" --pspp "$W/cmp-pspp" >"$W/compare.txt" ||
	{ cat "$W/compare.txt" >&2; echo "bench: the peers disagree with kysely" >&2; exit 1; }

echo "bench: timing" >&2
# PSPP takes minutes on M (over 3 min per run here): run on S and the batch only.
# the bundled sample, the size most surveys are
SAMPLE=surveys/asukas-henkilosto-2024.csv
measure kysely sample 20 "$SAMPLE" "$K analyze $SAMPLE --group Vastaajaryhmä --no-charts -q -o $W/k-sample"
# open answers: 10 000 distinct answers (names masked, terms by base form)
# against the same export without its open column (bench/gen_open.py)
[ -s "$D/open10k.csv" ] || $PY bench/gen_open.py 10000 "$D/open10k.csv"
[ -s "$D/open10k-none.csv" ] || $PY bench/gen_open.py 10000 "$D/open10k-none.csv" --no-open
for o in open10k open10k-none; do
	measure kysely "$o" 10 "$D/$o.csv" "$K analyze $D/$o.csv --group 1 --no-charts -q --no-fsync -o $W/k-$o"
done
if [ "$MODE" = full ]; then
	one_file S 10 3 yes
	one_file M 10 2 no
	one_file L 3 1 no
else
	one_file S 10 3 yes
	one_file M 5 1 no
fi
if [ "$MODE" = full ]; then
	rm -f "$D/L.csv" "$D/L-1line.csv"
	bl="$D/batch/b*[0-9].csv"    # b1.csv .. b200.csv, not the -1line copies
	b1="$D/batch/*-1line.csv"
	mkdir -p "$W/kb" "$W/rb" "$W/pb" "$W/sb"
	each="ls $bl | xargs -P2 -I{} sh -c"
	measure kysely batch 3 "$bl" "$K batch $D/batch --no-charts -q -j $(nproc) -o $W/kb"
	measure "R data.table" batch 1 "$bl" "$each 'Rscript bench/peers/job.R {} $W/rb/\$(basename {})'"
	measure "Python pandas" batch 1 "$bl" "$each '$PY bench/peers/job.py {} $W/pb/\$(basename {})'"
	measure "PSPP" batch 1 "$b1" "$each 'sh bench/peers/pspp.sh {} $W/sb/\$(basename {}) 30 >/dev/null'"
fi

CH=""
if [ "$MODE" = full ]; then
	echo "bench: time per chart (bench/charts.sh)" >&2
	sh bench/charts.sh "$K" && CH=bench/CHARTS.md
fi
cp "$RES" "$D/results-$MODE.tsv"; cp "$W/compare.txt" "$D/compare-$MODE.txt"   # to re-render
# quick runs do not replace the committed full results
OUT=bench/RESULTS.md
[ "$MODE" = full ] || OUT=bench/RESULTS-quick.md
$PY bench/report.py "$RES" "$W/compare.txt" "$MODE" "$(nproc)" $CH >"$OUT"
echo "bench: wrote $OUT" >&2
