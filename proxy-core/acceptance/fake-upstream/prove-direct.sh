#!/usr/bin/env bash
# Proves the fake upstream with a real client and no mirror: code-server installs the suite's extensions
# straight from the fake on 127.0.0.1:443, inside a private network + mount namespace (lib.sh).
# Usage: prove-direct.sh   (after setup.sh; VSCM_ACCEPTANCE_CACHE as for setup.sh; WORK=dir to keep files)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
export CACHE="${VSCM_ACCEPTANCE_CACHE:-/var/cache/vscmirror-acceptance}"
export WORK="${WORK:-$(mktemp -d /tmp/vscmirror-direct.XXXXXX)}"
# shellcheck source=../lib.sh
source "$here/lib.sh"
enter_private_namespace "$0" "$@"

fake_pid=""
trap '[ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; wait 2>/dev/null' EXIT
"$here/build-vsix.sh" "$VSCE" "$WORK/vsix"
"$here/fake-upstream/make-certs.sh" "$WORK/fakeca"
node "$here/fake-upstream/server.js" --listen 127.0.0.1:443 --cert "$WORK/fakeca/server.crt" \
  --key "$WORK/fakeca/server.key" --vsix-dir "$WORK/vsix" --port-file "$WORK/fake.port" --log "$WORK/fake.log" \
  > "$WORK/fake.out" 2>&1 &
fake_pid=$!
wait_for_file "$WORK/fake.port" 30 || { cat "$WORK/fake.out"; exit 1; }

p="$WORK/profile"
ca="$WORK/fakeca/ca.crt"
code_server "$p" "$ca" --install-extension vscmacme.hello@0.0.1
code_server "$p" "$ca" --install-extension vscmacme.hello --force
code_server "$p" "$ca" --install-extension vscmacme.native --install-extension vscmbeta.needs \
  --install-extension vscmbeta.pack
code_server "$p" "$ca" --install-extension vscmbeta.preview
code_server "$p" "$ca" --install-extension vscmbeta.preview@0.3.0
got="$(code_server "$p" "$ca" --list-extensions --show-versions | grep -E '^[a-z0-9-]+\.[a-z0-9-]+@' | sort | tr '\n' ' ')"
want="vscmacme.hello@0.0.2 vscmacme.lib@1.0.0 vscmacme.native@1.0.0 vscmacme.theme@1.0.0 vscmbeta.needs@1.0.0 vscmbeta.pack@1.0.0 vscmbeta.preview@0.3.0 vscmbeta.snippets@1.0.0 "
echo "installed: $got"
echo "fake upstream log: $WORK/fake.log ($(wc -l < "$WORK/fake.log") requests)"
[ "$got" = "$want" ] && ls -d "$p/ext/vscmacme.native-1.0.0-linux-x64" && echo "direct proof: OK"
