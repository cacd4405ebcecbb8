#!/usr/bin/env bash
# Install Debian's Tesseract OCR engine and the language packs Vigil reads scans in
# (English, French, Spanish, German, Italian, Persian, Arabic, Russian, Turkish, and
# the script-detection data, osd) when any is missing.
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
for lang in eng fra spa deu ita fas ara rus tur osd; do
  dpkg -s "tesseract-ocr-$lang" >/dev/null 2>&1 || need+=("tesseract-ocr-$lang")
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
command -v tesseract >/dev/null 2>&1 || { echo "install-ocr: tesseract still missing" >&2; exit 1; }
