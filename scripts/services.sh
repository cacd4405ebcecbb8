#!/usr/bin/env bash
# Install the system parts the tests need when they are missing.
# (PostgreSQL joins here with the server-mode work.)
set -euo pipefail
exit 0
