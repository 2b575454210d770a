#!/bin/sh
# The README's API status, derived from the code, or a check of it.
#   api-status.sh list-unimplemented   names of exports that return
#                                      JET_errFeatureNotAvailable
#   api-status.sh check README.md      fails unless README's status matches
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

# Every exported name (not the decorated x86 aliases, Name@N), with the
# function it is bound to: itself, or the function it aliases.
exports() {
	sed -n '/@/d;s/^  \([A-Za-z0-9_]*\) = \([A-Za-z0-9_]*\)$/\1 \2/p;s/^  \([A-Za-z0-9_]*\)\( PRIVATE\)\{0,1\}$/\1 \1/p' "$top/esent.def"
}

# An export bound to an unimplemented function is unimplemented.
unimplemented() {
	list=" $(sed -n 's/^UN[A-Z_]*(\([A-Za-z0-9_]*\),.*/\1/p' "$top/dll/unimplemented.h" | tr '\n' ' ') "
	exports | while read -r name function; do
		case "$list" in
		*" $function "*) echo "$name" ;;
		esac
	done
}

case ${1:-} in
list-unimplemented)
	unimplemented | sed 's/.*/`&`/' | paste -sd ' ' | fold -s -w 100 | sed 's/ *$//'
	;;
check)
	readme=$2
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	sed -n '/<!-- BEGIN unimplemented -->/,/<!-- END unimplemented -->/p' "$readme" | sed '1d;$d' > "$tmp"
	if ! "$0" list-unimplemented | diff -u "$tmp" -; then
		echo "FAIL: README's list of unimplemented exports is stale; regenerate it with: scripts/api-status.sh list-unimplemented"
		exit 1
	fi
	# the names in the first column of the table of implemented exports
	listed=$(sed -n 's/^| \(`[^|]*\)|.*/\1/p' "$readme" | tr -c 'A-Za-z0-9_\n' '\n' | grep -v '^$')
	missing=$(unimplemented)
	bad=0
	for name in $(exports | cut -d' ' -f1); do
		echo "$missing" | grep -qx "$name" && continue
		if ! echo "$listed" | grep -qx "$name"; then
			echo "FAIL: $name is implemented but missing from README's table"
			bad=1
		fi
	done
	for name in $listed; do
		if echo "$missing" | grep -qx "$name"; then
			echo "FAIL: README's table lists $name as implemented, but it is not"
			bad=1
		fi
	done
	[ $bad -eq 0 ] && echo "README's API status matches the code"
	exit $bad
	;;
*)
	echo "usage: $0 list-unimplemented | check README.md" >&2
	exit 2
	;;
esac
