#!/bin/sh
# The benchmark target: runs backup_bench and restore_bench natively and then under Wine,
# then backup_throughput under Wine twice, idle and then busy
# (ESENT_SIM_SCENARIO naming bench/busy.ini), then seek_bench natively and
# under Wine on goese-SRUDB.dat (when the fixtures are there), then
# snapshot_freeze, then the table dump against esedbexport
# (bench/dump-benchmark.sh), each in
# a scratch folder of its own, with a wineserver started for the run and
# stopped after it, whatever the outcome.
#
# usage: run-benchmark.sh SOURCE_DIR WINE_PREFIX BIN_DIR WORK_DIR NATIVE_BENCH [ARGS...]
#   BIN_DIR:      the x86_64 sub-build's bin folder (the .exe, esent.dll, probe)
#   NATIVE_BENCH: the native build's backup_bench
#   ARGS:         passed to backup_throughput (DATABASE_MIB BUFFER_KIB REPEATS)
#   BACKUP_BENCH_ARGS (environment): passed to both backup_bench runs
#                 (--large, --many-logs, --repeats N)
#   RESTORE_BENCH_ARGS (environment): passed to both restore_bench runs
#                 (GENERATIONS REPEATS --cpu --cache PAGES)
set -u
source_dir=$1 prefix=$2 bin=$3 work=$4 native_bench=$5
shift 5
arch=x86_64
session="$source_dir/tests/wine/wine-session.sh"

"$session" start "$prefix"
trap '"$session" stop "$prefix"' EXIT
trap 'exit 130' INT TERM

status=0
run() {
	# $1: idle|busy, then the program's own arguments
	mode=$1
	shift
	mkdir -p "$work/$mode"
	echo
	echo "=== $mode run (in $work/$mode) ==="
	(cd "$work/$mode" &&
		"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-$arch.exe" \
			"$bin/backup_throughput.exe" "$@")
	rc=$?
	if [ $rc -eq 77 ]; then
		echo "the benchmark cannot run here (see the SKIP line above): no figures"
		status=1
	elif [ $rc -ne 0 ]; then
		echo "the $mode run failed (exit $rc)"
		status=1
	fi
}

# the engine alone, natively then under Wine: the same program
engine() {
	# $1: native|wine
	mkdir -p "$work/engine-$1"
	echo
	echo "=== backup_bench, $1 (in $work/engine-$1) ==="
	if [ "$1" = native ]; then
		(cd "$work/engine-$1" && "$native_bench" ${BACKUP_BENCH_ARGS:-})
	else
		(cd "$work/engine-$1" &&
			"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-$arch.exe" \
				"$bin/backup_bench.exe" ${BACKUP_BENCH_ARGS:-})
	fi || { echo "backup_bench ($1) failed"; status=1; }
}

unset ESENT_SIM_SCENARIO
engine native
engine wine

# restore: JetRestoreInstance's replay against a plain copy of the same set
mkdir -p "$work/restore-native"
echo
echo "=== restore_bench, native (in $work/restore-native) ==="
(cd "$work/restore-native" && "$(dirname "$native_bench")/restore_bench" ${RESTORE_BENCH_ARGS:-}) ||
	{ echo "restore_bench (native) failed"; status=1; }
mkdir -p "$work/restore-wine"
echo
echo "=== restore_bench, wine (in $work/restore-wine) ==="
(cd "$work/restore-wine" &&
	"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-$arch.exe" \
		"$bin/restore_bench.exe" ${RESTORE_BENCH_ARGS:-}) ||
	{ echo "restore_bench (wine) failed"; status=1; }
run idle "$@"
mkdir -p "$work/busy"
cp "$source_dir/bench/busy.ini" "$work/busy/busy.ini"
ESENT_SIM_SCENARIO=busy.ini
export ESENT_SIM_SCENARIO
run busy --busy "$@"

# seeks per second on a Windows-made fixture, the engine natively and
# esent.dll under Wine
fixture="$source_dir/../shared/fixtures/isam/goese-SRUDB.dat.gz"
echo
echo "=== seek_bench (in $work/seek) ==="
if [ -f "$fixture" ]; then
	mkdir -p "$work/seek"
	gzip -dc "$fixture" > "$work/seek/goese-SRUDB.dat"
	(cd "$work/seek" && rm -rf seek_bench.logs &&
		"$(dirname "$native_bench")/seek_bench" goese-SRUDB.dat) || status=1
	(cd "$work/seek" && rm -rf seek_bench.logs &&
		"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-$arch.exe" \
			"$bin/seek_bench.exe" goese-SRUDB.dat) || status=1
else
	echo "SKIP: $fixture absent: no seek figures"
fi

# the snapshot freeze: how long writers are held, their rate around it
unset ESENT_SIM_SCENARIO
mkdir -p "$work/snapshot"
echo
echo "=== snapshot freeze (in $work/snapshot) ==="
(cd "$work/snapshot" &&
	"$source_dir/tests/wine/wine-run.sh" "$prefix" "$bin/probe-$arch.exe" \
		"$bin/snapshot_freeze.exe") || status=1

# reading tables: goese-SRUDB.dat dumped through the DLL against esedbexport
echo
echo "=== table dump against esedbexport (in $work/dump) ==="
"$source_dir/bench/dump-benchmark.sh" "$source_dir" "$prefix" "$bin" "$work/dump"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || status=1
exit $status
