#!/bin/sh
# list-schema.sh FIXTURE.gz WORKDIR PROGRAM...
# Runs the list_schema sample (PROGRAM..., under Wine) on a fresh copy of
# the fixture.  77: skipped.
set -e
gz=$1 work=$2
shift 2
if [ ! -f "$gz" ]; then
	echo "SKIP: $gz absent (the fixtures live in ../shared/fixtures/isam)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
db=$(basename "$gz" .gz)
gzip -dc "$gz" > "$work/$db"
here=$(cd "$(dirname "$0")" && pwd)
cd "$work"
rc=0
"$@" "$db" > list.out 2>&1 || rc=$?
if [ $rc -ne 0 ]; then
	cat list.out
	exit $rc
fi
grep -v '^ok' list.out || true
# what esedbinfo lists, where it reads the file (it loops on 32 KiB pages)
if command -v esedbinfo >/dev/null 2>&1 && timeout 30 esedbinfo "$db" > esedbinfo.out 2>&1; then
	python3 "$here/compare_schema.py" esedbinfo.out list.out
else
	echo "esedbinfo does not read $db: not compared"
fi
