#!/bin/sh
# The export table of our esent.dll against MinGW's import library: every
# name a program can import through libesent.a must be exported, and (i686)
# every stdcall function must take exactly the argument bytes the import
# library's _Name@N symbol promises, or the caller's stack breaks.
#
# usage: check-exports.sh ARCH DLL LIBESENT_A DEF OBJECT...
set -eu
arch=$1 dll=$2 implib=$3 def=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

${arch}-w64-mingw32-nm "$implib" | sed -n 's/.* I __imp__\{1,2\}//p' | sort -u > "$tmp/imports.all"
# On i686 each import appears as Name@N (and a stray Name@N@N); keep Name.
sed 's/@.*//' "$tmp/imports.all" | sort -u > "$tmp/wanted"
${arch}-w64-mingw32-objdump -p "$dll" |
	sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' |
	sed -n 's/^[[:space:]]*\[ *[0-9]*\] //p' | sort -u > "$tmp/exported"

missing=$(comm -23 "$tmp/wanted" "$tmp/exported")
if [ -n "$missing" ]; then
	echo "FAIL: $arch esent.dll does not export:"
	echo "$missing"
	exit 1
fi
echo "$arch: all $(wc -l < "$tmp/wanted") names of libesent.a are exported ($(wc -l < "$tmp/exported") exports)"

if [ "$arch" = i686 ]; then
	# What each exported name is bound to: itself, or the A function it aliases.
	sed -n 's/^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*=[[:space:]]*\([A-Za-z0-9_]*\).*/\1 \2/p' "$def" > "$tmp/aliases"
	${arch}-w64-mingw32-nm "$@" | sed -n 's/.* T _\([A-Za-z0-9_]*@[0-9]*\)$/\1/p' | sort -u > "$tmp/defined"
	bad=0
	for imp in $(grep -v '@.*@' "$tmp/imports.all"); do
		name=${imp%@*} bytes=${imp#*@}
		target=$(awk -v n="$name" '$1 == n { print $2 }' "$tmp/aliases")
		[ -n "$target" ] || target=$name
		if ! grep -qx "$target@$bytes" "$tmp/defined"; then
			echo "FAIL: $name: libesent.a imports $imp, ours defines $(grep "^$target@" "$tmp/defined" || echo nothing)"
			bad=1
		fi
	done
	[ $bad -eq 0 ] || exit 1
	echo "i686: every stdcall argument size matches libesent.a"
fi
