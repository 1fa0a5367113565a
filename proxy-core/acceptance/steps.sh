# The steps of run.sh (sourced). Each check is a function that returns 0 (pass) or non-zero (fail) and
# writes its evidence to stdout/stderr, which `step` keeps in $WORK/steps/NN.log and shows on failure.

PASSED=0; FAILED=0; STEP_NO=0
FAKE_PID=""; MIRROR_PID=""; MIRROR_LOG=""
mkdir -p "$WORK/steps"

cleanup() {
  [ -n "$MIRROR_PID" ] && stop_pid "$MIRROR_PID"
  [ -n "$FAKE_PID" ] && stop_pid "$FAKE_PID"
  return 0
}
trap cleanup EXIT

stop_pid() { # stop_pid PID: TERM, then KILL after 30 s
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { echo "pid $pid ignored SIGTERM for 30 s, killing"; kill -KILL "$pid" 2>/dev/null; }
  wait "$pid" 2>/dev/null
}

lines() { [ -f "$1" ] && wc -l < "$1" || echo 0; }

step() { # step NAME FUNCTION ARGS...
  local name="$1"; shift
  STEP_NO=$((STEP_NO + 1))
  local log; log="$WORK/steps/$(printf '%02d' "$STEP_NO").log"
  local mirror_before fake_before t0 t1 rc
  mirror_before=$(lines "$MIRROR_LOG"); fake_before=$(lines "$WORK/fake.log")
  t0=$(date +%s.%N)
  "$@" > "$log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  local secs; secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    printf '%s PASS %2d %-100s %6s s\n' "$(date -u +%H:%M:%S)" "$STEP_NO" "$name" "$secs"
  else
    FAILED=$((FAILED + 1))
    printf '%s FAIL %2d %-100s %6s s\n' "$(date -u +%H:%M:%S)" "$STEP_NO" "$name" "$secs"
    grep -v 'Wrote default config file' "$log" | tail -n 15 | sed 's/^/      | /'
    if [ -n "$MIRROR_LOG" ] && [ "$(lines "$MIRROR_LOG")" -gt "$mirror_before" ]; then
      tail -n +"$((mirror_before + 1))" "$MIRROR_LOG" | tail -n 20 | cut -c1-400 | sed 's/^/      mirror| /'
    fi
    if [ "$(lines "$WORK/fake.log")" -gt "$fake_before" ]; then
      tail -n +"$((fake_before + 1))" "$WORK/fake.log" | tail -n 8 | cut -c1-300 | sed 's/^/      fake| /'
    fi
  fi
}

summary() {
  echo "work dir: $WORK"
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
  exit $?
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

json() { # json FILE JS-EXPRESSION-OF-j
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$1" "$2"
}

mcurl() { # curl to a Microsoft name through the mirror on 127.0.0.1:443, trusting only CA
  local ca="$1" url="$2"; shift 2
  local host; host="$(echo "$url" | sed -E 's|https://([^/]+)/.*|\1|')"
  curl -sS --max-time 60 --cacert "$ca" --resolve "$host:443:127.0.0.1" "$@" "$url"
}

# ------------------------------------------------------------------ preparation

check_tools() {
  local tool
  for tool in java node curl openssl python3 ss unshare timeout; do
    command -v "$tool" > /dev/null || { echo "$tool is missing"; return 1; }
  done
  node --version | grep -q '^v24\.' || { echo "node is $(node --version), want v24 (run setup.sh)"; return 1; }
  [ -x "$CODE_SERVER" ] && [ -x "$VSCE" ] || { echo "code-server or vsce missing in $CACHE (run setup.sh)"; return 1; }
  "$VSCE" --version | grep -qx '4.1.0' || { echo "vsce is not 4.1.0"; return 1; }
  java -version 2>&1 | head -1
  node --version
}

build_vsix() {
  "$here/build-vsix.sh" "$VSCE" "$WORK/vsix" || return 1
  cat "$WORK/vsix/packages.txt"
  [ "$(ls "$WORK/vsix"/*.vsix | wc -l)" -eq 12 ]
}

start_fake() {
  "$here/fake-upstream/make-certs.sh" "$WORK/fakeca" || return 1
  node "$here/fake-upstream/server.js" --listen 127.0.0.1:0 --cert "$WORK/fakeca/server.crt" \
    --key "$WORK/fakeca/server.key" --vsix-dir "$WORK/vsix" --port-file "$WORK/fake.port" --log "$WORK/fake.log" \
    > "$WORK/fake.out" 2>&1 &
  FAKE_PID=$!
  wait_for_file "$WORK/fake.port" 30 || { cat "$WORK/fake.out"; return 1; }
  FAKE_PORT=$(cat "$WORK/fake.port")
  cat "$WORK/fake.out"
  curl -sS --max-time 30 --cacert "$WORK/fakeca/ca.crt" --resolve "marketplace.visualstudio.com:$FAKE_PORT:127.0.0.1" \
    -H 'Content-Type: application/json' -H 'Accept: application/json;api-version=3.0-preview.1' --compressed \
    -d '{"filters":[{"criteria":[{"filterType":7,"value":"vscmacme.hello"},{"filterType":8,"value":"Microsoft.VisualStudio.Code"}],"pageNumber":1,"pageSize":1,"sortBy":0,"sortOrder":0}],"assetTypes":[],"flags":950}' \
    "https://marketplace.visualstudio.com:$FAKE_PORT/_apis/public/gallery/extensionquery" > "$WORK/fake-probe.json" || return 1
  [ "$(json "$WORK/fake-probe.json" 'j.results[0].extensions[0].versions[0].version')" = 0.0.2 ]
}

stop_fake() {
  stop_pid "$FAKE_PID"; FAKE_PID=""
  local listening; listening="$(ss -Hltn)"
  echo "listening sockets in the suite's namespace: ${listening:-none}"
  [ -z "$listening" ]
}

# ------------------------------------------------------------------ the mirror

start_mirror() { # start_mirror MODE DATA_DIR
  local mode="$1" data="$2"
  MIRROR_LOG="$WORK/mirror-$mode.log"
  local args=(serve --mode "$mode" --data-dir "$data" --tls-listen 127.0.0.1:443
    --proxy-listen "127.0.0.1:$PROXY_PORT" --admin-listen "127.0.0.1:$ADMIN_PORT" --access-log stdout)
  if [ "$mode" = record ]; then
    local pattern
    for pattern in '*.visualstudio.com' '*.vsassets.io' '*.vscode-cdn.net' '*.vscode-unpkg.net' '*.microsoft.com'; do
      args+=(--upstream-override "$pattern=127.0.0.1:$FAKE_PORT")
    done
    args+=(--upstream-ca "$WORK/fakeca/ca.crt")
  fi
  echo "java -jar $MIRROR_JAR ${args[*]}"
  java -Xmx768m -jar "$MIRROR_JAR" "${args[@]}" > "$MIRROR_LOG" 2>&1 &
  MIRROR_PID=$!
  local i
  for ((i = 0; i < 1200; i++)); do
    if ! kill -0 "$MIRROR_PID" 2>/dev/null; then
      wait "$MIRROR_PID"; echo "mirror exited with $? before /healthz answered"; tail -n 30 "$MIRROR_LOG"; MIRROR_PID=""; return 1
    fi
    curl -sf --max-time 2 "http://127.0.0.1:$ADMIN_PORT/healthz" > /dev/null && break
    sleep 0.1
  done
  curl -sS --max-time 5 "http://127.0.0.1:$ADMIN_PORT/healthz" || { echo "no /healthz after 120 s"; return 1; }
  echo
  [ -s "$data/ca/ca.crt" ] || { echo "no CA at $data/ca/ca.crt"; return 1; }
}

stop_mirror() {
  [ -n "$MIRROR_PID" ] || { echo "mirror is not running"; return 1; }
  kill -TERM "$MIRROR_PID"
  local i rc
  for ((i = 0; i < 300; i++)); do kill -0 "$MIRROR_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$MIRROR_PID" 2>/dev/null; then
    echo "mirror ignored SIGTERM for 30 s"; kill -KILL "$MIRROR_PID"; wait "$MIRROR_PID"; MIRROR_PID=""; return 1
  fi
  wait "$MIRROR_PID"; rc=$?; MIRROR_PID=""
  echo "mirror exit status $rc"
  tail -n 5 "$MIRROR_LOG"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 143 ]
}

run_export() {
  echo "java -jar $EXPORT_JAR $*"
  java -Xmx512m -jar "$EXPORT_JAR" "$@"
}

verify_refuses_tampered() {
  local copy="$WORK/bundle-tampered"
  rm -rf "$copy"; cp -a "$BUNDLE" "$copy" || return 1
  local victim; victim="$(find "$copy" -type f -printf '%s %p\n' | sort -rn | head -1 | cut -d' ' -f2-)"
  [ -n "$victim" ] || { echo "the bundle has no files"; return 1; }
  python3 - "$victim" <<'PY' || return 1
import sys
p = sys.argv[1]
with open(p, 'r+b') as f:
    data = f.read(); off = len(data) // 2
    f.seek(off); f.write(bytes([data[off] ^ 0x01]))
print(f"flipped one bit of byte {off} in {p}")
PY
  if run_export verify "$copy"; then echo "verify accepted a tampered bundle"; return 1; fi
  echo "verify refused the tampered copy (expected)"
}

# ------------------------------------------------------------------ code-server

cs_install() { # cs_install PROFILE CA EXPECTED_PATTERNS('|'-separated) ARGS...
  local profile="$1" ca="$2" patterns="$3"; shift 3
  local out="$profile.last.out" rc pat
  code_server "$profile" "$ca" "$@" > "$out" 2>&1; rc=$?
  cat "$out"
  [ "$rc" -eq 0 ] || { echo "code-server exited with $rc"; return 1; }
  IFS='|' read -ra pats <<<"$patterns"
  for pat in "${pats[@]}"; do grep -qF "$pat" "$out" || { echo "missing in the output: $pat"; return 1; }; done
}

cs_install_preview() {
  cs_install "$1" "$2" "vscmbeta.preview' v0.2.0 was successfully installed" --install-extension vscmbeta.preview &&
    cs_install "$1" "$2" "vscmbeta.preview' v0.3.0 was successfully installed" --install-extension vscmbeta.preview@0.3.0
}

cs_install_fails() { # cs_install_fails PROFILE CA ID: must fail, within the timeout, saying why
  local profile="$1" ca="$2" id="$3" rc
  CS_TIMEOUT=120 code_server "$profile" "$ca" --install-extension "$id" > "$profile.last.out" 2>&1; rc=$?
  cat "$profile.last.out"
  [ "$rc" -ne 0 ] || { echo "the install of $id succeeded"; return 1; }
  [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || { echo "code-server hung (timeout)"; return 1; }
  grep -qiE "not found|failed installing" "$profile.last.out" || { echo "no clean failure message"; return 1; }
  [ ! -d "$profile/ext" ] || ! ls "$profile/ext" | grep -q "^$id-" || { echo "$id is on disk"; return 1; }
}

check_list() { # check_list PROFILE CA
  local got
  got="$(code_server "$1" "$2" --list-extensions --show-versions 2>&1 | grep -E '^[a-z0-9-]+\.[a-z0-9-]+@' | sort | tr '\n' ' ' | sed 's/ $//')"
  echo "installed: $got"
  echo "expected:  $EXPECTED"
  [ "$got" = "$EXPECTED" ]
}

check_native_platform() {
  ls "$1/ext"
  ls -d "$1/ext/vscmacme.native-1.0.0-linux-x64" > /dev/null || return 1
  grep -q 'TargetPlatform="linux-x64"' "$1/ext/vscmacme.native-1.0.0-linux-x64/.vsixmanifest" 2>/dev/null ||
    grep -q '"targetPlatform":"linux-x64"' "$1/ext/extensions.json"
}

check_fake_saw_installs() {
  local n
  for n in vscmacme/extension/hello/0.0.1 vscmacme/extension/hello/0.0.2 vscmacme/extension/native vscmacme/extension/lib \
    vscmacme/extension/theme vscmbeta/extension/needs vscmbeta/extension/pack vscmbeta/extension/snippets \
    vscmbeta/extension/preview/0.2.0 vscmbeta/extension/preview/0.3.0; do
    grep -q "publisher/$n.*VSIXPackage?redirect=true" "$WORK/fake.log" || { echo "the fake never served $n"; return 1; }
  done
  grep -c . "$WORK/fake.log" | sed 's/$/ requests reached the fake upstream/'
}

check_misses() {
  curl -sS --max-time 10 "http://127.0.0.1:$ADMIN_PORT/api/misses" > "$WORK/misses.json" || return 1
  cat "$WORK/misses.json"; echo
  grep -qi "$1" "$WORK/misses.json"
}

# ------------------------------------------------------------------ update service and catalog (curl)

record_updates() { # online: the update check and the build download, through the mirror
  local ca="$1" code
  code=$(mcurl "$ca" "https://update.code.visualstudio.com/api/update/linux-x64/stable/$OLD_COMMIT?bg=true&u=none" \
    -o "$WORK/update-online.json" -w '%{http_code}') || return 1
  echo "update check: $code $(cat "$WORK/update-online.json")"
  [ "$code" = 200 ] && [ "$(json "$WORK/update-online.json" j.version)" = "$NEW_COMMIT" ] || return 1
  code=$(mcurl "$ca" "https://update.code.visualstudio.com/commit:$NEW_COMMIT/linux-x64/stable" -L \
    -o "$WORK/build-online.bin" -w '%{http_code} %{num_redirects}') || return 1
  echo "build download: $code"
  check_sha256 "$WORK/build-online.bin" "$(json "$WORK/update-online.json" j.sha256hash)"
}

check_sha256() {
  local got; got="$(sha256sum "$1" | cut -d' ' -f1)"
  echo "sha256 $got (expected $2), $(stat -c %s "$1") bytes"
  [ "$got" = "$2" ]
}

replay_update_check() {
  local code
  code=$(mcurl "$1" "https://update.code.visualstudio.com/api/update/linux-x64/stable/$OLD_COMMIT?u=none" \
    -o "$WORK/update-replay.json" -w '%{http_code}') || return 1
  echo "$code $(cat "$WORK/update-replay.json")"
  [ "$code" = 200 ] || return 1
  local f
  for f in version url productVersion sha256hash timestamp; do
    [ "$(json "$WORK/update-replay.json" "j.$f")" = "$(json "$WORK/update-online.json" "j.$f")" ] || { echo "field $f differs"; return 1; }
  done
}

replay_update_204() {
  local code
  code=$(mcurl "$1" "https://update.code.visualstudio.com/api/update/linux-x64/stable/$NEW_COMMIT?bg=true&u=none" \
    -o "$WORK/update-204.body" -w '%{http_code}') || return 1
  echo "status $code, body $(stat -c %s "$WORK/update-204.body") bytes"
  [ "$code" = 204 ]
}

replay_build_file() {
  local ca="$1" out
  out=$(mcurl "$ca" "https://update.code.visualstudio.com/commit:$NEW_COMMIT/linux-x64/stable" -o /dev/null \
    -w '%{http_code} %{redirect_url}') || return 1
  echo "redirect: $out"
  [ "${out%% *}" = 302 ] || return 1
  mcurl "$ca" "${out#* }" -o "$WORK/build-replay.bin" -w '%{http_code}\n' || return 1
  check_sha256 "$WORK/build-replay.bin" "$(json "$WORK/update-online.json" j.sha256hash)"
}

replay_search() { # SearchText "hello", sorted by installs: never sent by any client while online
  mcurl "$1" "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery" --compressed \
    -H 'Content-Type: application/json' -H 'Accept: application/json;api-version=3.0-preview.1' \
    -d '{"filters":[{"criteria":[{"filterType":10,"value":"hello"},{"filterType":8,"value":"Microsoft.VisualStudio.Code"},{"filterType":12,"value":"4096"}],"pageNumber":1,"pageSize":50,"sortBy":4,"sortOrder":0}],"assetTypes":[],"flags":950}' \
    -o "$WORK/search.json" || return 1
  head -c 1500 "$WORK/search.json"; echo
  local names; names="$(json "$WORK/search.json" 'j.results[0].extensions.map(e => e.publisher.publisherName + "." + e.extensionName + "@" + e.versions[0].version).join(" ")')"
  echo "found: $names"
  [ "$names" = "vscmacme.hello@0.0.2" ] || return 1
  [ "$(json "$WORK/search.json" 'j.results[0].resultMetadata.find(m => m.metadataType === "ResultCount").metadataItems[0].count')" = 1 ]
}

check_replay_outcomes() { # the replay mirror's access log: every answer from the store, none forwarded upstream
  local log="$MIRROR_LOG" replayed forwarded
  grep -E '" (tls|proxy) ' "$log" | awk '{print $(NF-1)}' | sort | uniq -c
  replayed=$(grep -cE '" (tls|proxy) [^ ]+ (hit|alias|synthesized|miss) [0-9]+$' "$log")
  forwarded=$(grep -cE '" (tls|proxy) [^ ]+ (recorded|passed|upstream_error) [0-9]+$' "$log")
  echo "answered from the store: $replayed, forwarded upstream: $forwarded"
  [ "$replayed" -ge 40 ] && [ "$forwarded" -eq 0 ]
}
