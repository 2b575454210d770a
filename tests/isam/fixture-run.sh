#!/bin/sh
# fixture-run.sh FIXTURE.gz WORKDIR PROGRAM...
# Decompresses a Windows-made fixture into WORKDIR and runs PROGRAM... there
# with the database's name as its last argument.  77: skipped.
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
cd "$work"
exec "$@" "$db"
