#!/usr/bin/env bash
# Packages the suite's extensions into real VSIX files with vsce (see build-vsix.js).
# Usage: build-vsix.sh VSCE_BIN OUT_DIR     (needs Node >= 22 on PATH, see setup.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vsce_module="$(dirname "$(readlink -f "$1")")"   # node_modules/.bin/vsce -> node_modules/@vscode/vsce/vsce
[ -f "$vsce_module/package.json" ] || { echo "no @vscode/vsce module next to $1"; exit 1; }
exec node "$here/build-vsix.js" "$vsce_module" "$2"
