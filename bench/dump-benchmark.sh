#!/bin/sh
# The table-reading benchmark: the full dump of goese-SRUDB.dat through
# esent.dll under Wine (the dump_tables sample) against Debian's
# esedbexport natively, on the same file in the same run, interleaved
# (esedbexport, dump_tables, esedbexport, ...), ROUNDS times each.  Prints
# each run's time, then rows per second for both (the best run of each)
# and their ratio.  Skips (exit 77) when ../shared or esedbexport is absent.
#
# usage: dump-benchmark.sh SOURCE_DIR WINE_PREFIX BIN_DIR WORK_DIR [ROUNDS]
#   BIN_DIR: the x86_64 sub-build's bin folder (dump_tables.exe, esent.dll)
# The caller starts the wineserver (run-benchmark.sh does).
set -u
source_dir=$1 prefix=$2 bin=$3 work=$4 rounds=${5:-3}
gz="$source_dir/../shared/fixtures/isam/goese-SRUDB.dat.gz"
db=goese-SRUDB.dat

if [ ! -f "$gz" ]; then
	echo "SKIP: $gz absent (the fixtures live in ../shared/fixtures/isam): no dump figures"
	exit 77
fi
if ! command -v esedbexport >/dev/null 2>&1; then
	echo "SKIP: esedbexport (Debian's libesedb-utils) not installed: no dump figures"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
gzip -dc "$gz" > "$db"

# Wine able to run our programs at all (the probe), then timed runs alone
"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-x86_64.exe" "$bin/probe-x86_64.exe" \
	>/dev/null 2>&1
if [ $? -eq 77 ]; then
	echo "SKIP: Wine cannot run the x86_64 programs here: no dump figures"
	exit 77
fi
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="esent=n"

now() { date +%s%N; }
# a command's CPU time in ms (user + system, its children included): on a
# machine other work keeps busy, the figure the scheduler does not decide
cpu_ms() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int((r.ru_utime + r.ru_stime) * 1000))' "$@"
}
# rows of an export folder: every table's lines but its header
rows_of() { cat "$1"/* | wc -l | awk -v files="$(ls "$1" | wc -l)" '{ print $1 - files }'; }

# one untimed run of each: Wine's first start in a prefix, and the page
# cache's first read of the file, are no part of either reader
esedbexport -t warm "$db" >/dev/null 2>&1
wine "$bin/dump_tables.exe" "$db" warm-ours >/dev/null 2>&1
rm -rf warm.export warm-ours

best_theirs=0 best_ours=0
i=1
while [ $i -le "$rounds" ]; do
	rm -rf theirs.export ours api.out
	t0=$(now)
	esedbexport -t theirs "$db" >/dev/null 2>&1
	t1=$(now)
	wine "$bin/dump_tables.exe" "$db" ours > api.out 2>&1 || { cat api.out; echo "dump_tables failed"; exit 1; }
	t2=$(now)
	theirs=$(( (t1 - t0) / 1000000 )) ours=$(( (t2 - t1) / 1000000 ))
	rm -rf theirs-cpu.export ours-cpu
	cpu_theirs=$(cpu_ms esedbexport -t theirs-cpu "$db") || cpu_theirs=0
	cpu_ours=$(cpu_ms wine "$bin/dump_tables.exe" "$db" ours-cpu) || cpu_ours=0
	echo "round $i: esedbexport ${theirs} ms (CPU ${cpu_theirs} ms), dump_tables under Wine ${ours} ms (CPU ${cpu_ours} ms)"
	if [ ${best_cpu_theirs:-0} -eq 0 ] || [ $cpu_theirs -lt $best_cpu_theirs ]; then best_cpu_theirs=$cpu_theirs; fi
	if [ ${best_cpu_ours:-0} -eq 0 ] || [ $cpu_ours -lt $best_cpu_ours ]; then best_cpu_ours=$cpu_ours; fi
	if [ $best_theirs -eq 0 ] || [ $theirs -lt $best_theirs ]; then best_theirs=$theirs; fi
	if [ $best_ours -eq 0 ] || [ $ours -lt $best_ours ]; then best_ours=$ours; fi
	i=$((i + 1))
done

rows_theirs=$(rows_of theirs.export)
rows_ours=$(rows_of ours)
awk -v rt="$rows_theirs" -v ro="$rows_ours" -v tt="$best_theirs" -v to="$best_ours" \
	-v ct="$best_cpu_theirs" -v co="$best_cpu_ours" 'BEGIN {
	st = rt / (tt > 0 ? tt / 1000 : 0.001); so = ro / (to > 0 ? to / 1000 : 0.001)
	ctr = rt / (ct > 0 ? ct / 1000 : 0.001); cor = ro / (co > 0 ? co / 1000 : 0.001)
	printf "esedbexport (native):     %d rows in %d ms: %.0f rows/s (CPU %d ms: %.0f rows/s)\n", rt, tt, st, ct, ctr
	printf "dump_tables (esent.dll under Wine): %d rows in %d ms: %.0f rows/s (CPU %d ms: %.0f rows/s)\n", ro, to, so, co, cor
	printf "ratio (ours / esedbexport): %.2f wall clock, %.2f CPU\n", so / st, cor / ctr
}'
