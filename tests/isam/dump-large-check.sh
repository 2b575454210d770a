#!/bin/sh
# dump-large-check.sh FIXTURE.gz WORKDIR PROGRAM...
# dissect-large.edb (32 KiB pages, which esedbexport cannot read) through
# the dump_tables sample (PROGRAM..., under Wine): its table `large` must
# hold what fox-it/dissect.esedb's tests assert (tests/test_esedb.py,
# test_large_db): the columns Id and Column0..Column64992, 16 records, and
# Column<i> = i in record i / 4096, empty elsewhere.  77: skipped.
set -e
gz=$1 work=$2
shift 2
if [ ! -f "$gz" ]; then
	echo "SKIP: $gz absent (the fixtures live in ../shared/fixtures/isam)"
	exit 77
fi
rm -rf "$work"
mkdir -p "$work"
cd "$work"
gzip -dc "$gz" > dissect-large.edb
rc=0
"$@" dissect-large.edb api large > api.out 2>&1 || rc=$?
cat api.out
[ $rc -eq 77 ] && exit 77
[ $rc -eq 0 ]
python3 - <<'PY'
import sys
lines = open('api/large', encoding='utf-8').read().split('\n')
header = lines[0].split('\t')
want = ['Id'] + ['Column%d' % i for i in range(64993)]
if header != want:
    sys.exit('header: %d columns, not dissect.esedb\'s %d' % (len(header), len(want)))
rows = [l.split('\t') for l in lines[1:] if l]
if len(rows) != 16:
    sys.exit('%d records, not 16' % len(rows))
for r, row in enumerate(rows):
    for i in range(64993):
        expected = str(i) if i // 4096 == r else ''
        if row[i + 1] != expected:
            sys.exit('record %d Column%d: %r, not %r' % (r, i, row[i + 1], expected))
print('large: 16 records, 64,994 columns, every Column<i> = i as dissect.esedb asserts')
PY
