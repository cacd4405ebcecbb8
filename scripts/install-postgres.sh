#!/usr/bin/env bash
# Install PostgreSQL (server binaries and contrib, for unaccent) when missing.
# The tests start their own throwaway server from /usr/lib/postgresql/*/bin;
# nothing is started or enabled here.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
   && compgen -G "/usr/share/postgresql/*/extension/unaccent.control" >/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q postgresql postgresql-contrib
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
  echo "install-postgres: initdb still missing after apt-get install" >&2; exit 1; }
