#!/bin/sh
# export-compare.sh FIXTURE.gz WORKDIR ISAM_DUMP COMPARE_PY
# Decompresses the fixture, exports it with esedbexport -t and with
# isam_dump, and compares the two.  77: skipped.
set -e
gz=$1 work=$2 dump=$3 compare=$4
if [ ! -f "$gz" ]; then
	echo "SKIP: $gz absent (the fixtures live in ../shared/fixtures/isam)"
	exit 77
fi
if ! command -v esedbexport >/dev/null 2>&1; then
	echo "SKIP: esedbexport (libesedb-utils) not installed"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
db="$work/$(basename "$gz" .gz)"
gzip -dc "$gz" > "$db"
esedbexport -t "$work/theirs" "$db" >/dev/null 2>&1 || true
"$dump" "$db" "$work/ours"
python3 "$compare" "$work/ours" "$work/theirs.export"
