#!/usr/bin/env bash
# Install the system parts Vigil's outputs need when they are missing:
# - Pango (WeasyPrint lays out the dossier PDF with it),
# - fonts with Persian, Arabic, Cyrillic and Latin glyphs (DejaVu, Noto), embedded in PDFs,
# - ICU headers and pkg-config (followthemoney's PyICU builds against them at pip install).
set -euo pipefail
need=()
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0)
dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || need+=(libpangoft2-1.0-0)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
dpkg -s libicu-dev >/dev/null 2>&1 || need+=(libicu-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # README pictures, checks by eye
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
