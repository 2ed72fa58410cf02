#!/bin/sh
# Install Debian packages the test suite needs (Chromium for browser tests, redis-server for
# the multi-process tests) when their binaries are missing. Uses sudo when not root.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing:$missing. Install them with your package manager (the browser tests drive /usr/bin/chromium)." >&2
  exit 1
fi
echo "Installing Debian packages:$missing"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
