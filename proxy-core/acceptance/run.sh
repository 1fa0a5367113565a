#!/usr/bin/env bash
# The real-client acceptance suite (issue 7): code-server installs and updates extensions through
# vscmirror in record mode against a fake Marketplace + update service, the store is exported, verified and
# imported into an empty data directory, the fake is stopped, and a fresh code-server profile installs
# everything again from vscmirror in replay mode. curl then checks the update service and a catalog search.
#
# Usage: run.sh            (as root, after setup.sh; VSCM_ACCEPTANCE_CACHE as for setup.sh)
# Needs proxy-core/target/vscmirror.jar and export-tool/target/vscmirror-export.jar (built if missing).
# Everything runs in a private network + mount namespace (lib.sh): its own loopback, and an /etc/hosts that maps
# the Microsoft names to 127.0.0.1. The machine's /etc/hosts is never touched; nothing can leave the machine.
# Prints one line per step with its time, and ends with "N passed, M failed"; exits 1 if any step failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CACHE="${VSCM_ACCEPTANCE_CACHE:-/var/cache/vscmirror-acceptance}"

if [ "${VSCM_ACCEPTANCE_NS:-}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "run.sh must run as root (port 443, private namespaces)"; echo "0 passed, 1 failed"; exit 1; }
  if [ ! -f "$root/proxy-core/target/vscmirror.jar" ] || [ ! -f "$root/export-tool/target/vscmirror-export.jar" ]; then
    echo "building the jars (./mvnw -B -q -DskipTests package)"
    (cd "$root" && ./mvnw -B -q -DskipTests package) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
  fi
  mkdir -p "$here/work"
  # keep the two newest earlier runs for inspection, remove the rest
  ls -1dt "$here"/work/run-* 2>/dev/null | tail -n +3 | xargs -r rm -rf
  WORK="$here/work/run-$(date -u +%Y%m%d-%H%M%S)"
  mkdir -p "$WORK"
  export WORK
fi
# shellcheck source=lib.sh
source "$here/lib.sh"
enter_private_namespace "$0" "$@"
# shellcheck source=steps.sh
source "$here/steps.sh"

MIRROR_JAR="$root/proxy-core/target/vscmirror.jar"
EXPORT_JAR="$root/export-tool/target/vscmirror-export.jar"
A="$WORK/store-online"; B="$WORK/store-offline"; BUNDLE="$WORK/bundle"
ADMIN_PORT=$(free_port); PROXY_PORT=$(free_port)
OLD_COMMIT=a1b2c3d4e5a1b2c3d4e5a1b2c3d4e5a1b2c3d4e5   # fake-upstream/updates.js
NEW_COMMIT=9f8e7d6c5b4a39281706f5e4d3c2b1a098765432
EXPECTED="vscmacme.hello@0.0.2 vscmacme.lib@1.0.0 vscmacme.native@1.0.0 vscmacme.theme@1.0.0 vscmbeta.needs@1.0.0 vscmbeta.pack@1.0.0 vscmbeta.preview@0.3.0 vscmbeta.snippets@1.0.0"
echo "acceptance run in $WORK (cache $CACHE)"

# ---------------------------------------------------------------- preparation
step "tools: node 24, code-server 4.139.1, vsce 4.1.0 from setup.sh" check_tools
step "vsce packages 12 VSIX files (2 publishers, 2 versions, 2 targets, pre-release, deps, pack)" build_vsix
step "fake upstream starts with its own test CA and answers extensionquery directly" start_fake

# ---------------------------------------------------------------- online: record
step "mirror starts in record mode (TLS 127.0.0.1:443, admin /healthz)" start_mirror record "$A"
CA_A="$A/ca/ca.crt"
PR="$WORK/profile-record"
step "record: install vscmacme.hello@0.0.1" cs_install "$PR" "$CA_A" "vscmacme.hello' v0.0.1 was successfully installed" \
  --install-extension vscmacme.hello@0.0.1
step "record: update vscmacme.hello to 0.0.2" cs_install "$PR" "$CA_A" "vscmacme.hello' v0.0.2 was successfully installed" \
  --install-extension vscmacme.hello --force
step "record: install native (linux-x64), needs (+dependency lib), pack (+theme, snippets)" cs_install "$PR" "$CA_A" \
  "vscmacme.lib' v1.0.0 was successfully installed|vscmacme.theme' v1.0.0|vscmbeta.snippets' v1.0.0|vscmacme.native' v1.0.0" \
  --install-extension vscmacme.native --install-extension vscmbeta.needs --install-extension vscmbeta.pack
step "record: install vscmbeta.preview (release 0.2.0, needs the all-versions follow-up query)" cs_install "$PR" "$CA_A" \
  "vscmbeta.preview' v0.2.0 was successfully installed" --install-extension vscmbeta.preview
step "record: install the pre-release vscmbeta.preview@0.3.0" cs_install "$PR" "$CA_A" \
  "vscmbeta.preview' v0.3.0 was successfully installed" --install-extension vscmbeta.preview@0.3.0
step "record: --list-extensions shows exactly the expected set" check_list "$PR" "$CA_A"
step "record: the requests reached the fake upstream (its log)" check_fake_saw_installs
step "record: update check, /commit: redirect and build file through the mirror (curl)" record_updates "$CA_A"
step "record: mirror stops cleanly" stop_mirror

# ---------------------------------------------------------------- carry the recording across
step "export --since all" run_export export --data-dir "$A" --out "$BUNDLE" --since all
step "verify the bundle" run_export verify "$BUNDLE"
step "verify refuses a copy with one flipped byte" verify_refuses_tampered
step "import into an empty data directory" run_export import "$BUNDLE" --data-dir "$B"
step "fake upstream stopped; nothing listens but what the suite starts next" stop_fake

# ---------------------------------------------------------------- offline: replay
step "mirror starts in replay mode on the imported store" start_mirror replay "$B"
CA_B="$B/ca/ca.crt"
PP="$WORK/profile-replay"
step "replay: install vscmacme.hello@0.0.1" cs_install "$PP" "$CA_B" "vscmacme.hello' v0.0.1 was successfully installed" \
  --install-extension vscmacme.hello@0.0.1
step "replay: update vscmacme.hello to 0.0.2" cs_install "$PP" "$CA_B" "vscmacme.hello' v0.0.2 was successfully installed" \
  --install-extension vscmacme.hello --force
step "replay: install native, needs (+lib), pack (+theme, snippets)" cs_install "$PP" "$CA_B" \
  "vscmacme.lib' v1.0.0 was successfully installed|vscmacme.theme' v1.0.0|vscmbeta.snippets' v1.0.0|vscmacme.native' v1.0.0" \
  --install-extension vscmacme.native --install-extension vscmbeta.needs --install-extension vscmbeta.pack
step "replay: install vscmbeta.preview then the pre-release 0.3.0" cs_install_preview "$PP" "$CA_B"
step "replay: --list-extensions shows exactly the expected set" check_list "$PP" "$CA_B"
step "replay: the linux-x64 build of vscmacme.native was installed" check_native_platform "$PP"
step "replay: a new profile installs lib + theme in one query never made online" cs_install "$WORK/profile-catalog" "$CA_B" \
  "vscmacme.lib' v1.0.0 was successfully installed|vscmacme.theme' v1.0.0 was successfully installed" \
  --install-extension vscmacme.lib --install-extension vscmacme.theme
step "replay: the never-recorded vscmbeta.never fails cleanly" cs_install_fails "$WORK/profile-miss" "$CA_B" vscmbeta.never
step "replay: GET /api/misses lists vscmbeta.never" check_misses vscmbeta.never
step "replay: update check for the recorded build answers the newest build (curl)" replay_update_check "$CA_B"
step "replay: update check for the newest commit answers 204 (curl)" replay_update_204 "$CA_B"
step "replay: /commit:{commit}/linux-x64/stable gives the build file, sha256 checked (curl)" replay_build_file "$CA_B"
step "replay: a catalog search never made online (curl)" replay_search "$CA_B"
step "replay: the access log shows every answer came from the store, none from upstream" check_replay_outcomes
step "replay: mirror stops cleanly" stop_mirror

summary
