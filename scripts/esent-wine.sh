#!/bin/sh
# Installs this project's esent.dll into a Wine prefix, or takes it out
# again, the way a Wine component is installed: into the prefix's system
# folders (x86_64 into system32 and i686 into syswow64 on a 64-bit prefix;
# i686 into system32 on a 32-bit one), with the DLL override `esent` set to
# native so that every program of the prefix loads it wherever it runs from.
# Wine's own files are kept beside ours (esent.dll.wine) and put back by
# `uninstall`, which also removes the override.
#
# usage: esent-wine.sh install|uninstall|status [--prefix DIR]
#                      [--dll64 FILE] [--dll32 FILE]
# The prefix defaults to $WINEPREFIX, then ~/.wine.  The DLLs default to the
# installed layout (../lib/esent/{x86_64,i686}/esent.dll beside this
# script's folder).
set -eu

usage() {
	sed -n 's/^# \{0,1\}//;/^usage:/,/^$/p' "$0" >&2
	exit 2
}

[ $# -ge 1 ] || usage
action=$1
shift
prefix=${WINEPREFIX:-$HOME/.wine}
here=$(cd "$(dirname "$0")" && pwd)
dll64=$here/../lib/esent/x86_64/esent.dll
dll32=$here/../lib/esent/i686/esent.dll
while [ $# -gt 0 ]; do
	case $1 in
	--prefix) prefix=$2; shift 2 ;;
	--dll64) dll64=$2; shift 2 ;;
	--dll32) dll32=$2; shift 2 ;;
	*) usage ;;
	esac
done
case $action in install|uninstall|status) ;; *) usage ;; esac

die() {
	echo "esent-wine: $*" >&2
	exit 1
}

[ -f "$prefix/system.reg" ] ||
	die "$prefix is not a Wine prefix (no system.reg): run 'WINEPREFIX=$prefix wineboot -i' first"
command -v wine >/dev/null 2>&1 || die "wine is not installed"
export WINEPREFIX=$prefix WINEDEBUG=-all

windows=$prefix/drive_c/windows
if grep -q '^#arch=win64' "$prefix/system.reg"; then
	targets="$windows/system32:$dll64 $windows/syswow64:$dll32"
else
	targets="$windows/system32:$dll32"
fi

# `wine reg` starts a wineserver for the prefix; its output goes to a file
# (a server holding a pipe open would keep a caller's capture waiting).
reg() {
	log=$(mktemp)
	if wine reg "$@" >"$log" 2>&1 </dev/null; then
		rm -f "$log"
	else
		status=$?
		cat "$log" >&2
		rm -f "$log"
		return $status
	fi
}

key='HKCU\Software\Wine\DllOverrides'

case $action in
install)
	for t in $targets; do
		folder=${t%%:*}
		dll=${t#*:}
		[ -f "$dll" ] || die "$dll not found (give --dll64/--dll32)"
		mkdir -p "$folder"
		# Wine's own file is kept once: a second install must not save ours
		if [ -f "$folder/esent.dll" ] && [ ! -f "$folder/esent.dll.wine" ]; then
			cp -p "$folder/esent.dll" "$folder/esent.dll.wine"
		fi
		cp "$dll" "$folder/esent.dll"
		echo "installed $dll -> $folder/esent.dll"
	done
	reg add "$key" /v esent /d native /f
	echo "DLL override esent=native set in $prefix"
	;;
uninstall)
	for t in $targets; do
		folder=${t%%:*}
		if [ -f "$folder/esent.dll.wine" ]; then
			mv -f "$folder/esent.dll.wine" "$folder/esent.dll"
			echo "restored Wine's $folder/esent.dll"
		elif [ -f "$folder/esent.dll" ]; then
			rm -f "$folder/esent.dll"
			echo "removed $folder/esent.dll (Wine's own comes back with 'wineboot -u')"
		fi
	done
	reg delete "$key" /v esent /f 2>/dev/null || true
	echo "DLL override esent removed from $prefix"
	;;
status)
	for t in $targets; do
		folder=${t%%:*}
		if [ -f "$folder/esent.dll.wine" ]; then
			echo "$folder/esent.dll: this project's (Wine's kept as esent.dll.wine)"
		elif [ ! -f "$folder/esent.dll" ]; then
			echo "$folder/esent.dll: absent"
		else
			echo "$folder/esent.dll: Wine's own"
		fi
	done
	;;
esac
