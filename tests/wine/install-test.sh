#!/bin/sh
# scripts/esent-wine.sh against a fresh Wine prefix: after `install`, a
# program run from a folder of its own (no esent.dll beside it) loads ours
# from system32 and passes; after `uninstall`, the same program gets Wine's
# own again (whose every export aborts), and Wine's file is back
# byte-identical.
# usage: install-test.sh SCRIPT DLL64 DLL32 PROGRAM WORKDIR
set -eu
script=$1 dll64=$2 dll32=$3 program=$4 work=$5

if ! command -v wine >/dev/null 2>&1; then
	echo "wine is not installed: skipped"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work/elsewhere"
prefix=$work/prefix
export WINEPREFIX=$prefix WINEDEBUG=-all
# The prefix's own server (not persistent: `wineserver -w` waits for it to
# save the registry and exit), killed however the test ends.
trap 'WINEPREFIX=$prefix wineserver -k </dev/null >/dev/null 2>&1 || true' EXIT
wineboot -i </dev/null >"$work/wineboot.log" 2>&1
# the registry files are written when the server exits
wineserver -w
sys32=$prefix/drive_c/windows/system32/esent.dll
[ -f "$sys32" ] || { echo "FAIL: the fresh prefix has no esent.dll of Wine's"; exit 1; }
cp "$sys32" "$work/wine-original.dll"
cp "$program" "$work/elsewhere/"
exe=$work/elsewhere/$(basename "$program")

# Which esent.dll the program loaded, as Wine's loader reports it.
run() {
	(cd "$work/elsewhere" &&
	 WINEDEBUG=+loaddll wine "$exe" >"$work/run.out" 2>"$work/run.err" </dev/null)
}
loaded() {
	grep -i 'esent.dll' "$work/run.err" | head -n 1
}

sh "$script" install --prefix "$prefix" --dll64 "$dll64" --dll32 "$dll32" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; echo "FAIL: install"; exit 1; }
cmp -s "$dll64" "$sys32" || { echo "FAIL: system32 does not hold our DLL"; exit 1; }
wineserver -w
grep -qi '"esent"="native"' "$prefix/user.reg" ||
	{ echo "FAIL: no esent=native override in user.reg"; exit 1; }
if ! run; then
	cat "$work/run.out" "$work/run.err"
	echo "FAIL: the program failed with our DLL installed"
	exit 1
fi
printf 'installed: %s\n' "$(loaded)"
loaded | grep -qi 'system32\\\\esent\.dll.*native' ||
	{ echo "FAIL: the loader did not report our native esent.dll from system32"; exit 1; }

sh "$script" uninstall --prefix "$prefix" >"$work/uninstall.log" 2>&1 ||
	{ cat "$work/uninstall.log"; echo "FAIL: uninstall"; exit 1; }
cmp -s "$work/wine-original.dll" "$sys32" ||
	{ echo "FAIL: Wine's esent.dll was not restored byte-identical"; exit 1; }
wineserver -w
if grep -qi '"esent"="native"' "$prefix/user.reg"; then
	echo "FAIL: the override is still set"
	exit 1
fi
if run; then
	echo "FAIL: the program passed with Wine's own esent.dll, so ours was still loaded"
	exit 1
fi
printf 'uninstalled: %s\n' "$(loaded)"
loaded | grep -q 'builtin' ||
	{ echo "FAIL: the loader did not report Wine's builtin esent.dll"; exit 1; }
echo "install and uninstall: pass"
