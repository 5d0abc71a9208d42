#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when it is missing (needs root and apt).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's chromium package …"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
echo "Chromium installed: $(/usr/bin/chromium --version)"
