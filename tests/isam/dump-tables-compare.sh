#!/bin/sh
# dump-tables-compare.sh FIXTURE.gz WORKDIR ISAM_DUMP COMPARE_PY PROGRAM...
# Runs the dump_tables sample (PROGRAM..., under Wine) on the fixture and
# compares its tables with esedbexport's, with the column types and notes
# isam_dump writes.  77: skipped.
set -e
gz=$1 work=$2 dump=$3 compare=$4
shift 4
if [ ! -f "$gz" ]; then
	echo "SKIP: $gz absent (the fixtures live in ../shared/fixtures/isam)"
	exit 77
fi
if ! command -v esedbexport >/dev/null 2>&1; then
	echo "SKIP: esedbexport (libesedb-utils) not installed"
	exit 77
fi
if [ ! -x "$dump" ]; then
	echo "SKIP: $dump not built (the native build makes it)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
db=$(basename "$gz" .gz)
gzip -dc "$gz" > "$work/$db"
cd "$work"
esedbexport -t theirs "$db" >/dev/null 2>&1 || true
"$dump" "$db" ours
rc=0
"$@" "$db" api > api.out 2>&1 || rc=$?
cat api.out
if [ $rc -eq 77 ]; then
	exit 77
fi
[ $rc -eq 0 ]
python3 "$compare" api theirs.export ours
