#!/bin/sh
# Start or stop the persistent wineserver shared by all Wine tests of a run.
# Its output goes nowhere: a daemon holding ctest's pipe would hang ctest.
# usage: wine-session.sh start|stop PREFIX
action=$1
export WINEPREFIX=$2 WINEDEBUG=-all
if ! command -v wineserver >/dev/null 2>&1; then
	echo "wine is not installed: the Windows tests will skip"
	exit 0
fi
case $action in
start)
	mkdir -p "$WINEPREFIX"
	# A persistent server never exits, so nothing here may wait for it
	# (wineserver -w would hang); wineboot returns once the prefix is made.
	wineserver -p </dev/null >/dev/null 2>&1
	if [ ! -f "$WINEPREFIX/system.reg" ]; then
		echo "creating the Wine prefix $WINEPREFIX"
		wineboot -i </dev/null >/dev/null 2>&1
	fi
	;;
stop)
	wineserver -k </dev/null >/dev/null 2>&1
	;;
esac
exit 0
