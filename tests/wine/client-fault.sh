#!/bin/sh
# One fault of a scenario's [faults] section against the backup client:
# from an empty folder, the client backs up under the scenario, then the
# fault log is shown, so the test sees both the code the client reported
# and the fault that was fired.
#
# usage: client-fault.sh WINE-RUN.sh PREFIX PROBE.exe CLIENT.exe [ARGS...]
run=$1
shift
rm -rf source target fired.log
"$run" "$@"
status=$?
[ "$status" -eq 77 ] && exit 77
echo "client exit status: $status"
cat fired.log 2>/dev/null
exit 0
