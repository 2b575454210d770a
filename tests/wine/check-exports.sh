#!/bin/sh
# The export table of our esent.dll against Windows' own: exports.h lists
# every name ESE's export definition (dev/ese/src/ese/esent.def) gives
# esent.dll, with the stdcall argument bytes of its function.  The DLL must
# export exactly those names (on i686 also Name@N for each EXPORT_DECORATED,
# as Windows' x86 esent.dll does), every name of MinGW's libesent.a, and
# (i686) each function must take exactly the argument bytes the engine's
# takes, or the caller's stack breaks.
#
# usage: check-exports.sh ARCH DLL LIBESENT_A EXPORTS_H DEF OBJECT...
set -eu
arch=$1 dll=$2 implib=$3 list=$4 def=$5
shift 5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name bytes decorated(0/1) function, one a line
sed -n 's/^EXPORT(\([A-Za-z0-9_]*\), *\([0-9]*\)).*/\1 \2 0 \1/p
	s/^EXPORT_DECORATED(\([A-Za-z0-9_]*\), *\([0-9]*\)).*/\1 \2 1 \1/p
	s/^EXPORT_ALIAS(\([A-Za-z0-9_]*\), *\([A-Za-z0-9_]*\), *\([0-9]*\)).*/\1 \3 0 \2/p' "$list" > "$tmp/list"
awk '{ print $1 }' "$tmp/list" > "$tmp/wanted"
[ "$arch" = i686 ] && awk '$3 == 1 { print $1 "@" $2 }' "$tmp/list" >> "$tmp/wanted"
sort -u -o "$tmp/wanted" "$tmp/wanted"

${arch}-w64-mingw32-objdump -p "$dll" |
	sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' |
	sed -n 's/^[[:space:]]*\[ *[0-9]*\] //p' | sort -u > "$tmp/exported"

bad=0
missing=$(comm -23 "$tmp/wanted" "$tmp/exported")
extra=$(comm -13 "$tmp/wanted" "$tmp/exported")
if [ -n "$missing" ]; then
	echo "FAIL: $arch esent.dll does not export:"; echo "$missing"; bad=1
fi
if [ -n "$extra" ]; then
	echo "FAIL: $arch esent.dll exports names Windows' does not:"; echo "$extra"; bad=1
fi
[ $bad -eq 0 ] || exit 1
echo "$arch: the $(wc -l < "$tmp/list") names of ESE's esent.def are exported ($(wc -l < "$tmp/exported") exports)"

${arch}-w64-mingw32-nm "$implib" | sed -n 's/.* I __imp__\{1,2\}//p' | sort -u > "$tmp/imports.all"
sed 's/@.*//' "$tmp/imports.all" | sort -u > "$tmp/imports"
missing=$(comm -23 "$tmp/imports" "$tmp/exported")
if [ -n "$missing" ]; then
	echo "FAIL: $arch esent.dll does not export these names of libesent.a:"; echo "$missing"
	exit 1
fi
echo "$arch: all $(wc -l < "$tmp/imports") names of libesent.a are exported"

# Each alias bound to the function Windows binds it to.
sed -n 's/^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*=[[:space:]]*\([A-Za-z0-9_]*\)$/\1 \2/p' "$def" | sort > "$tmp/aliases"
awk '$1 != $4 { print $1, $4 }' "$tmp/list" | sort > "$tmp/aliases.wanted"
if ! diff -u "$tmp/aliases.wanted" "$tmp/aliases"; then
	echo "FAIL: esent.def's aliases differ from Windows' (- Windows, + ours)"
	exit 1
fi

if [ "$arch" = i686 ]; then
	${arch}-w64-mingw32-nm "$@" | sed -n 's/.* T _\([A-Za-z0-9_]*@[0-9]*\)$/\1/p' | sort -u > "$tmp/defined"
	awk 'NR == FNR { defined[$1] = 1; split($1, f, "@"); ours[f[1]] = ours[f[1]] " " $1; next }
	     !(($4 "@" $2) in defined) {
		print "FAIL: " $1 " takes " $2 " argument bytes in the engine, ours:" (ours[$4] ? ours[$4] : " nothing")
		bad = 1
	     }
	     END { exit bad }' "$tmp/defined" "$tmp/list" || bad=1
	[ $bad -eq 0 ] || exit 1
	echo "i686: every function takes the engine's stdcall argument bytes"
	# MinGW's import library disagrees with the engine on a few sizes: a
	# program importing those through it would unbalance its stack on
	# Windows' esent.dll as on ours.
	grep -v '@.*@' "$tmp/imports.all" | tr '@' ' ' |
		awk 'NR == FNR { ese[$1] = $2; next }
		     ese[$1] != $2 { print "note: libesent.a imports " $1 "@" $2 "; the engine\047s " $1 " takes " ese[$1] " bytes" }' "$tmp/list" -
fi
