#!/usr/bin/env python3
"""compare_schema.py ESEDBINFO_OUT LIST_SCHEMA_OUT

Compares the tables, columns (id and name) and index names esedbinfo lists
with those the list_schema sample read through the list levels.  Exit 1 on
a difference, naming it."""
import re
import sys


def esedbinfo(path):
    tables, table = {}, None
    for line in open(path, encoding='utf-8', errors='replace'):
        m = re.match(r'^Table: \d+\t+(.*) \(\d+\)$', line.rstrip('\r\n'))
        if m:
            table = tables.setdefault(m.group(1), (set(), set()))
            continue
        if table is None:
            continue
        m = re.match(r'^\t(\d+)\t(\d+)\t(.*)\t', line)
        if m:
            table[0].add((int(m.group(2)), m.group(3)))
            continue
        m = re.match(r'^\tIndex: \d+\t+(.*) \(\d+\)$', line.rstrip('\r\n'))
        if m:
            table[1].add(m.group(1))
    return tables


def list_schema(path):
    tables, table = {}, None
    for line in open(path, encoding='utf-8', errors='replace'):
        m = re.match(r'^table (.*) flags 0x[0-9a-f]+$', line.rstrip('\r\n'))
        if m:
            table = tables.setdefault(m.group(1), (set(), set()))
            continue
        m = re.match(r'^  column (\d+) (.*) coltyp ', line.rstrip('\r\n'))
        if m and table is not None:
            table[0].add((int(m.group(1)), m.group(2)))
            continue
        m = re.match(r'^  index (.*) grbit 0x', line)
        if m and table is not None:
            table[1].add(m.group(1))
    return tables


def main():
    theirs, ours = esedbinfo(sys.argv[1]), list_schema(sys.argv[2])
    bad = 0
    if set(theirs) != set(ours):
        print('tables differ: esedbinfo only %s, list_schema only %s'
              % (sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))))
        bad = 1
    for name in sorted(set(theirs) & set(ours)):
        for what, i in (('columns', 0), ('indexes', 1)):
            if theirs[name][i] != ours[name][i]:
                print('%s of %s differ: esedbinfo only %s, list_schema only %s'
                      % (what, name, sorted(theirs[name][i] - ours[name][i]),
                         sorted(ours[name][i] - theirs[name][i])))
                bad = 1
    print('%d tables compared with esedbinfo' % len(set(theirs) & set(ours)))
    return bad


sys.exit(main())
