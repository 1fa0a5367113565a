#!/usr/bin/env bash
# The real-client acceptance suite (issue 7): installs the tools (reused when verified intact), then runs the suite.
# Ends with the suite's own "N passed, M failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! proxy-core/acceptance/setup.sh; then
  echo "acceptance set-up failed"
  echo "0 passed, 1 failed"
  exit 1
fi
exec proxy-core/acceptance/run.sh
