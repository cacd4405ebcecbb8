#!/usr/bin/env bash
# Vigil's main job on the embedded default: a throwaway encrypted store,
# the synthetic example letters ingested, listed and searched.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
vigil="$here/.venv/bin/vigil"
home=$(mktemp -d "${TMPDIR:-/tmp}/vigil-demo.XXXXXX")
trap 'rm -rf "$home"' EXIT
export VIGIL_HOME="$home/store"
export VIGIL_PASSPHRASE="demo passphrase, not for real cases"

echo "== vigil init (a throwaway store in $VIGIL_HOME)"
"$vigil" init
echo "== vigil ingest examples/letters"
"$vigil" ingest "$here/examples/letters"
echo "== vigil documents"
"$vigil" documents
echo "== vigil search detention"
"$vigil" search detention
echo "== vigil search '\"human rights defender\"' --lang en"
"$vigil" search '"human rights defender"' --lang en
echo "== vigil verify"
"$vigil" verify
echo "== vigil show 1 (the first letter, with the suggestions extraction made)"
"$vigil" show 1
