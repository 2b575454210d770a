#!/bin/sh
# Every esentsim command on small data: an instance made and run, backed
# up, dumped and verified; a damaged set found out; a fault of the scenario
# seen by the backup; dump and verify leaving files as they were.
#   commands.sh ESENTSIM
set -u
E=$1
fail() { echo "FAIL: $*"; exit 1; }
rm -rf commands.work && mkdir commands.work && cd commands.work || exit 1

for c in create run dump verify backup restore; do
	"$E" $c --help | grep -q "usage: esentsim $c" || fail "$c --help"
done
"$E" frobnicate 2>err.txt && fail "an unknown command succeeds"
grep -q "no command frobnicate" err.txt || fail "unknown command message"

"$E" create inst --databases 2 --pages 100 --generations 3 --log-kib 256 || fail create
[ -f inst/db1.edb ] && [ -f inst/db2.edb ] && [ -f inst/edb00002.log ] || fail "create's files"
"$E" create inst 2>err.txt && fail "create over an existing folder"
"$E" run inst --generations 1 --log-kib 256 | grep -q "log generations" || fail run
"$E" run inst --seconds 1 --rate 200 >/dev/null || fail "run --seconds"

"$E" backup inst set >out.txt || fail "backup: $(cat out.txt)"
grep -q "^copied db1.edb" out.txt || fail "backup prints a line a file when not on a terminal"
"$E" verify set || fail "verify of a good set"

sums() { find "$@" -type f | sort | xargs sha256sum; }
log=$(ls set/edb0*.log | head -n 1)
sums set inst >before.txt
"$E" dump set/db1.edb inst/edb.chk "$log" >dump.txt || fail "dump: $(cat dump.txt)"
for field in "Format ulVersion" cbDbPage "DB Signature" "Log Signature" "Last Consistent" \
	"Current Full Backup" "Checksums bad: 0" "Backup trailer page: yes" lGeneration \
	LastFullBackupCheckpoint "Integrity: ok"; do
	grep -q "$field" dump.txt || fail "dump lacks $field"
done
"$E" dump --json set/db1.edb inst/edb.chk "$log" >dump.json || fail "dump --json"
python3 -c 'import json,sys; d=json.load(open("dump.json")); assert len(d)==3 and d[0]["cbDbPage"]==4096' ||
	fail "dump --json is not the JSON expected"
"$E" verify set >/dev/null
sums set inst >after.txt
cmp -s before.txt after.txt || fail "dump or verify changed a file"

# a damaged set: a page's byte changed, a log gone, one line a problem each
cp -r set bad
printf 'X' | dd of=bad/db1.edb bs=1 seek=$((4096 * 40 + 100)) conv=notrunc 2>/dev/null
"$E" dump bad/db1.edb >/dev/null 2>&1 && fail "dump of a bad page exits 0"
"$E" verify bad >verify.txt && fail "verify of a damaged page exits 0"
grep -q "db1.edb: page 39 (0x27): bad checksum" verify.txt || fail "verify names the page: $(cat verify.txt)"
rm -f bad/edb*.log
"$E" verify bad >verify.txt && fail "verify of a set without logs exits 0"
grep -q "no log file" verify.txt || fail "verify names the missing logs"
"$E" dump nothing.edb 2>err.txt && fail "dump of a missing file"
grep -q "nothing.edb: cannot be opened" err.txt || fail "dump's error line"

# a fault of the scenario: the backup ends with the engine's code
printf 'rate = 0\n[faults]\nread_error = file=db1.edb offset=20000\n' >faults.ini
ESENT_SIM_SCENARIO=faults.ini "$E" backup inst set2 >out.txt 2>err.txt && fail "a faulted backup succeeds"
grep -q "returned -1022 (JET_errDiskIO)" err.txt || fail "backup reports the fault: $(cat err.txt)"
grep -q "esent fault: read_error" err.txt || fail "the fault is recorded"
"$E" backup inst set3 --incremental >/dev/null || fail "an incremental backup"

# restore: the set into a fresh folder, recovered, clean; the set unchanged
sums set >set-before.txt
"$E" restore set restored >out.txt || fail "restore: $(cat out.txt)"
grep -q "restored 2 databases into restored" out.txt || fail "restore's summary: $(cat out.txt)"
for db in db1 db2; do
	"$E" dump restored/$db.edb >dump.txt || fail "dump of the restored $db: $(cat dump.txt)"
	grep -q "Clean Shutdown" dump.txt || fail "the restored $db is not clean"
done
sums set >set-after.txt
cmp -s set-before.txt set-after.txt || fail "restore changed the set"
"$E" restore set restored 2>err.txt && fail "a restore over restored files succeeds"
grep -q "is there already" err.txt || fail "restore's refusal: $(cat err.txt)"
"$E" restore nothing elsewhere 2>err.txt && fail "a restore of no set succeeds"
echo "esentsim: every command ran"
