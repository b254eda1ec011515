#!/bin/sh
# One rerun of a batch under `perf record -a` (scheduler events with call
# chains), then bench/batch_cores.py: cores wanted and got, and where the
# children waited.  Needs perf and the right to record system wide (root).
# usage: sh bench/batch_cores.sh [KYSELY] [DATA] [OUTDIR]
# (DATA default: the batch of bench/run.sh, /tmp/kysely-bench-data/batch)
set -eu
K=${1:-build/kysely}
D=${2:-/tmp/kysely-bench-data/batch}
O=${3:-/tmp/kysely-batch-cores-out}
P=$(mktemp /tmp/kysely-batch-cores.XXXXXX)
trap 'rm -f "$P" "$P.old"' EXIT
"$K" batch "$D" --no-charts -q -j 2 -o "$O" >/dev/null 2>&1 || true   # the previous output, as in a rerun
perf record -q -a -g -e sched:sched_switch -e sched:sched_wakeup -e sched:sched_wakeup_new \
	-e sched:sched_process_exit -o "$P" "$K" batch "$D" --no-charts -q -j 2 -o "$O" >/dev/null 2>&1
perf script -i "$P" 2>/dev/null | python3 "$(dirname "$0")/batch_cores.py" "$(basename "$K")"
