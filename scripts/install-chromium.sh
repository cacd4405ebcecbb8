#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing.
# Playwright drives /usr/bin/chromium (its own browser download does not work here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium fonts-dejavu-core
[ -x /usr/bin/chromium ] || { echo "install-chromium: /usr/bin/chromium still missing" >&2; exit 1; }
