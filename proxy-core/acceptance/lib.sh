# Shared helpers of the acceptance scripts (sourced, not run).
# Needs: CACHE (setup.sh's cache dir), WORK (this run's work dir).

NODE_BIN="$CACHE/node24/node_modules/node/bin"
CODE_SERVER="$CACHE/cs/node_modules/.bin/code-server"
VSCE="$CACHE/vsce/node_modules/.bin/vsce"
export PATH="$NODE_BIN:$PATH"

# Every Microsoft name the clients use, each mapped to loopback in the private hosts file.
PUBLISHERS=(vscmacme vscmbeta)
microsoft_names() {
  echo marketplace.visualstudio.com update.code.visualstudio.com vscode.download.prss.microsoft.com \
    main.vscode-cdn.net www.vscode-unpkg.net mobile.events.data.microsoft.com
  local p
  for p in "${PUBLISHERS[@]}"; do echo "$p.gallery.vsassets.io $p.gallerycdn.vsassets.io $p.vscode-unpkg.net"; done
}

write_hosts_file() { # write_hosts_file FILE
  { echo "127.0.0.1 localhost $(hostname)"; echo "::1 localhost"
    for n in $(microsoft_names); do echo "127.0.0.1 $n"; done; } > "$1"
}

# Runs the rest of the calling script inside its own network and mount namespace: a private loopback
# (no port clashes with anything else on the machine, nothing can leave it) and a private /etc/hosts
# that maps the Microsoft names to 127.0.0.1. The machine's /etc/hosts is never touched.
enter_private_namespace() { # enter_private_namespace "$0" "$@"
  if [ "${VSCM_ACCEPTANCE_NS:-}" != 1 ]; then
    export VSCM_ACCEPTANCE_NS=1
    exec unshare --net --mount --propagation private -- "$BASH" "$@"
  fi
  ip link set lo up
  write_hosts_file "$WORK/hosts"
  mount --bind "$WORK/hosts" /etc/hosts
}

EXTENSIONS_GALLERY='{"serviceUrl":"https://marketplace.visualstudio.com/_apis/public/gallery","itemUrl":"https://marketplace.visualstudio.com/items","resourceUrlTemplate":"https://{publisher}.vscode-unpkg.net/{publisher}/{name}/{version}/{path}","controlUrl":"https://main.vscode-cdn.net/extensions/marketplace.json"}'

# code_server PROFILE_DIR CA_FILE ARGS...: the code-server CLI with its own extensions/data dirs and config home
# (never the machine's ~/.config), bounded by CS_TIMEOUT seconds (default 240).
code_server() {
  local profile="$1" ca="$2"; shift 2
  mkdir -p "$profile/ext" "$profile/data" "$profile/home"
  env NODE_EXTRA_CA_CERTS="$ca" EXTENSIONS_GALLERY="$EXTENSIONS_GALLERY" \
    XDG_CONFIG_HOME="$profile/home" XDG_DATA_HOME="$profile/home" XDG_CACHE_HOME="$profile/home" \
    timeout --kill-after=10 "${CS_TIMEOUT:-240}" "$CODE_SERVER" --disable-telemetry --extensions-dir "$profile/ext" --user-data-dir "$profile/data" "$@"
}

# wait_for_file FILE SECONDS
wait_for_file() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do [ -s "$1" ] && return 0; sleep 0.1; done
  return 1
}
