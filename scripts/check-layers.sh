#!/bin/sh
# The layers of sim/, checked over its #include lines.
#   check-layers.sh            fails, naming each offending line, unless
#                              every file of sim/ keeps to its layer
#
# Each folder of sim/ is a layer.  The list below is the one order of the
# layers, bottom to top.  A file may include headers of its own folder and
# of the folders on lines above its own; folders on one line are feature
# layers side by side, which never include one another.  Headers are
# included by layer path ("db/database.h"); the only other header is the
# engine's values, jet_values.h (include/).  The files' include graph,
# a file's .c and .h taken as one, has no cycle.
set -eu
LAYERS='
os
format
log
instance
db
backup restore snapshot workload isam
engine
'
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/sim"
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT

files=$(find . -mindepth 2 -name '*.[ch]' | sed 's|^\./||' | sort)
# shellcheck disable=SC2086
awk -v layers="$LAYERS" -v edges="$edges" '
BEGIN {
	n = split(layers, lines, "\n")
	for (i = 1; i <= n; i++) {
		if (lines[i] ~ /^[ \t]*$/)
			continue
		r++
		m = split(lines[i], names, " ")
		for (j = 1; j <= m; j++)
			rank[names[j]] = r
	}
}
function node(path) {
	sub(/\.[ch]$/, "", path)
	return path
}
FNR == 1 {
	folder = FILENAME
	sub(/\/.*/, "", folder)
	if (!(folder in rank)) {
		printf "sim/%s: the folder %s is not in the layer list (scripts/check-layers.sh)\n", FILENAME, folder
		bad = 1
	}
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
	name = $0
	sub(/^[^"]*"/, "", name)
	sub(/".*/, "", name)
	where = sprintf("sim/%s:%d: #include \"%s\"", FILENAME, FNR, name)
	if (name !~ /\//) {
		if (name != "jet_values.h") {
			print where ": include a header of sim/ by its layer path"
			bad = 1
		}
		next
	}
	dir = name
	sub(/\/.*/, "", dir)
	if (!(dir in rank)) {
		print where ": " dir " is not a layer"
		bad = 1
	} else if (folder in rank && dir != folder) {
		if (rank[dir] > rank[folder]) {
			print where ": " dir "/ is a layer above " folder "/"
			bad = 1
		} else if (rank[dir] == rank[folder]) {
			print where ": " dir "/ and " folder "/ are feature layers side by side"
			bad = 1
		}
	}
	if (node(FILENAME) != node(name))
		print node(FILENAME), node(name) > edges
}
END { exit bad }
' $files || status=1

# tsort fails on a loop, naming its files (a .c and its .h as one)
if ! loop=$(tsort <"$edges" 2>&1 >/dev/null); then
	echo "sim/: the include graph has a cycle:"
	echo "$loop" | sed -n 's/^tsort: \([a-z_]*\/[a-z_0-9]*\)$/  \1/p'
	status=1
fi
exit "${status:-0}"
