#!/bin/sh
# Installs what building and testing need on Debian 12 (run as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
	cmake make gcc libc6-dev libcmocka-dev \
	mingw-w64 wine wine64 libesedb-utils
