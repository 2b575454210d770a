#!/bin/sh
# ctest's emulator for the Windows programs: runs one under Wine with our
# esent.dll (beside the .exe) preferred over Wine's builtin stub.
# 32-bit Wine may be missing (wine32:i386 is not always installable), and
# then Wine runs an i686 program as a silent no-op that exits 0; a probe
# program that must exit 42 tells the two apart, and the test is skipped
# (exit 77) with a message instead of passing without having run.
#
# usage: wine-run.sh PREFIX PROBE.exe PROGRAM.exe [ARGS...]
prefix=$1 probe=$2
shift 2
export WINEPREFIX="$prefix" WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="esent=n"
if ! command -v wine >/dev/null 2>&1; then
	echo "SKIP: wine is not installed"
	exit 77
fi
wine "$probe" >/dev/null 2>&1
if [ $? -ne 42 ]; then
	echo "SKIP: this Wine cannot run $(basename "$probe" .exe | sed 's/probe-//') programs (for i686: 32-bit Wine, wine32:i386, is not installed)"
	exit 77
fi
# The program's output goes through files: a program Wine failed to start
# (seen once in many runs: no output at all, a failure status in a
# fraction of a second, nothing done in its folder) is started once more,
# saying so; any failure names the program's exit status.
out=$(mktemp) && err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT
wine "$@" > "$out" 2> "$err"
rc=$?
if [ $rc -ne 0 ] && [ ! -s "$out" ] && [ ! -s "$err" ]; then
	echo "wine-run: $(basename "$1") printed nothing and exited $rc; started again once" >&2
	wine "$@" > "$out" 2> "$err"
	rc=$?
fi
cat "$out"
cat "$err" >&2
[ $rc -eq 0 ] || echo "wine-run: $(basename "$1") exited $rc" >&2
exit $rc
