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
echo "== vigil cases suggest (parties resolved across letters; one case per person at risk)"
"$vigil" cases suggest
echo "== vigil cases list"
"$vigil" cases list
echo "== vigil case show 1 (timeline, parties and the source of every fact)"
"$vigil" case show 1
echo "== vigil interventions --unanswered (with the response rate per authority)"
"$vigil" interventions --unanswered
echo "== vigil parties list --kind organization"
"$vigil" parties list --kind organization
