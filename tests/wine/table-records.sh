#!/bin/sh
# table-records.sh FIXTURES WORKDIR PROGRAM...
# Decompresses the fixtures table_records reads into WORKDIR\fixtures and
# runs it (PROGRAM..., under Wine) there.  77: skipped.
set -e
fixtures=$1 work=$2
shift 2
for f in goese-SRUDB.dat dissect-text.edb dissect-large.edb museum-win11-dirty-SRUDB.dat; do
	if [ ! -f "$fixtures/$f.gz" ]; then
		echo "SKIP: $fixtures/$f.gz absent (the fixtures live in ../shared/fixtures/isam)"
		exit 77
	fi
done
rm -rf "$work"
mkdir -p "$work/fixtures"
for f in goese-SRUDB.dat dissect-text.edb dissect-large.edb; do
	gzip -dc "$fixtures/$f.gz" > "$work/fixtures/$f"
done
gzip -dc "$fixtures/museum-win11-dirty-SRUDB.dat.gz" > "$work/fixtures/museum-dirty.dat"
cd "$work"
exec "$@" fixtures
