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
# Wine once in many runs fails to start a program: no output, a failure
# status within a second.  The probe is asked twice before a skip, and a
# program that failed so is started once more, saying so.
wine "$probe" >/dev/null 2>&1
if [ $? -ne 42 ]; then
	wine "$probe" >/dev/null 2>&1
	if [ $? -ne 42 ]; then
		echo "SKIP: this Wine cannot run $(basename "$probe" .exe | sed 's/probe-//') programs (for i686: 32-bit Wine, wine32:i386, is not installed)"
		exit 77
	fi
fi
# The program's output goes through files (a file, not a pipe, as the
# wineserver a program starts may outlive it and hold a pipe open).
out=$(mktemp) || exit 1
err=$(mktemp) || { rm -f "$out"; exit 1; }
trap 'rm -f "$out" "$err"' EXIT
trap 'exit 143' INT TERM HUP
started=$(date +%s)
wine "$@" > "$out" 2> "$err"
rc=$?
if [ $rc -ne 0 ] && [ ! -s "$out" ] && [ ! -s "$err" ] &&
   [ $(( $(date +%s) - started )) -le 1 ]; then
	echo "wine-run: $(basename "$1") printed nothing and exited $rc at once; started again" >&2
	wine "$@" > "$out" 2> "$err"
	rc=$?
fi
cat "$out"
cat "$err" >&2
[ $rc -eq 0 ] || echo "wine-run: $(basename "$1") exited $rc" >&2
exit $rc
