#!/usr/bin/env bash
# Install the system parts the tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
bash install-postgres.sh
bash install-chromium.sh
bash install-outputs.sh
bash install-ocr.sh
