#!/usr/bin/env bash
# Operations checks (issue 6): the status page in headless Chromium (screenshots at 1280 and 390 px, search works
# in the browser), the systemd units (systemd-analyze verify, sysusers, why MemoryDenyWriteExecute stays off), the
# example config, and the Prometheus files (promtool check config / check rules / test rules).
# Prints one PASS/FAIL line per check and "N passed, M failed"; exits non-zero when a check failed.
# Installs Debian chromium, systemd and prometheus when missing (apt-get update at most once). Everything listens
# on 127.0.0.1 only; Chromium is kept off the network (its only URL is the loopback page).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/target/ops-checks
rm -rf "$work"
mkdir -p "$work"
passed=0
failed=0
demo_pid=

cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill "$demo_pid" 2>/dev/null
    wait "$demo_pid" 2>/dev/null
  fi
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
# check NAME COMMAND...: the command's output goes to $work/NAME.log; on failure its tail is shown.
check() {
  local name=$1; shift
  if "$@" >"$work/$name.log" 2>&1; then
    pass "$name"
  else
    fail "$name" "see $work/$name.log"
    tail -n 15 "$work/$name.log" | sed 's/^/    /'
  fi
}

apt_updated=no
need() { # need COMMAND PACKAGE: install the Debian package when the command is missing
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing Debian package $2 (for $1)"
  if [ "$apt_updated" = no ]; then
    apt-get update -qq >"$work/apt-update.log" 2>&1 || true
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >>"$work/apt-install.log" 2>&1
  command -v "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- build (only what is missing)
cli_jar=$root/proxy-core/target/vscmirror.jar
test_classes=$root/proxy-core/target/test-classes
if [ ! -f "$cli_jar" ] || [ ! -f "$test_classes/dev/vscmirror/admin/StatusPageDemo.class" ]; then
  echo "building proxy-core (jar and test classes)"
  ./mvnw -B -q -pl proxy-core -am -DskipTests package >"$work/build.log" 2>&1 || { fail build "see $work/build.log"; }
fi

# ---------------------------------------------------------------- status page in headless Chromium
chromium_flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --disable-extensions --hide-scrollbars --virtual-time-budget=8000)
browser() { # browser ARGS...: a fresh profile per run
  local profile
  profile=$(mktemp -d "$work/chromium-profile.XXXXXX")
  timeout 120 chromium "${chromium_flags[@]}" --user-data-dir="$profile" "$@"
}

start_demo() {
  rm -f "$work/port"
  # stdin from a FIFO held open by this shell: the demo stops when the script exits (or is killed below).
  mkfifo "$work/demo.stdin"
  java -cp "$cli_jar:$test_classes" dev.vscmirror.admin.StatusPageDemo "$work" 60 \
    <"$work/demo.stdin" >"$work/demo.log" 2>&1 &
  demo_pid=$!
  exec 9>"$work/demo.stdin"
  for _ in $(seq 1 300); do
    [ -s "$work/port" ] && return 0
    kill -0 "$demo_pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

png_width() { # width of a PNG from its IHDR chunk
  od -An -tu1 -j16 -N4 "$1" | awk '{print ($1*16777216)+($2*65536)+($3*256)+$4}'
}

screenshot() { # screenshot WIDTH HEIGHT FILE URL
  browser --window-size="$1,$2" --screenshot="$3" "$4" && [ -s "$3" ] && [ "$(png_width "$3")" = "$1" ]
}

dom_has() { # dom_has FILE PATTERN...: every extended regex must match the dumped DOM
  local file=$1; shift
  local pattern
  for pattern in "$@"; do
    grep -Eq -- "$pattern" "$file" || { echo "missing in $file: $pattern"; return 1; }
  done
}

dom_lacks() {
  local file=$1; shift
  local pattern
  for pattern in "$@"; do
    if grep -Eq -- "$pattern" "$file"; then echo "unexpected in $file: $pattern"; return 1; fi
  done
}

if ! need chromium chromium; then
  fail status-page-chromium "Debian chromium could not be installed (see $work/apt-install.log)"
elif ! start_demo; then
  fail status-page-server "the demo admin server did not start (see $work/demo.log)"
else
  base="http://127.0.0.1:$(cat "$work/port")"
  pass status-page-server
  check status-page-screenshot-1280 screenshot 1280 1800 "$work/status-1280.png" "$base/status"
  check status-page-screenshot-390 screenshot 390 2600 "$work/status-390.png" "$base/status?q=hello"
  # The page fills itself from /api/status: values only the JSON API knows must be in the rendered DOM.
  browser --dump-dom "$base/status" >"$work/dom-status.html" 2>"$work/dom-status.err"
  check status-page-renders-status dom_has "$work/dom-status.html" \
    'data-loaded="true"' 'id="mode" class="badge record">record<' '3\.22 GiB' '1,234' \
    'id="ca-warning" class="warning">expires in under 90 days' 'somepub\.absent' 'u=\*\*\*'
  check status-page-hides-secrets dom_lacks "$work/dom-status.html" 'secret-org'
  # Search in the browser: ?q= runs a search through /api/extensions and renders per-version download links.
  browser --dump-dom "$base/status?q=python" >"$work/dom-search.html" 2>"$work/dom-search.err"
  check status-page-search-finds dom_has "$work/dom-search.html" \
    'data-id="ms-python\.python"' 'href="/download/ms-python\.python/2026\.1\.0\?targetPlatform=linux-x64"' \
    'href="/download/ms-python\.python/2026\.1\.0\?targetPlatform=win32-x64"' 'Extensions 1–1 of 1'
  check status-page-search-filters dom_lacks "$work/dom-search.html" 'data-id="somepub\.hello"' 'data-id="redhat\.'
  browser --dump-dom "$base/status?q=hello" >"$work/dom-hello.html" 2>"$work/dom-hello.err"
  check status-page-unrecorded-version dom_has "$work/dom-hello.html" \
    'href="/download/somepub\.hello/1\.1\.0"' '0\.9\.0 \(pre-release\)</td><td>universal</td><td class="num">–</td><td><span class="muted">not recorded'
  check status-page-download-link curl -fsS -o "$work/downloaded.vsix" "$base/download/somepub.hello/1.1.0"
  check status-page-download-size test "$(stat -c %s "$work/downloaded.vsix" 2>/dev/null)" = 2048
  cleanup
  demo_pid=
fi

# ---------------------------------------------------------------- systemd units
unit_dir=$work/units
mkdir -p "$unit_dir"
cp systemd/vscmirror.service systemd/vscmirror-export.service systemd/vscmirror-export.timer "$unit_dir/"
verify_units() {
  # systemd-analyze verify also checks that ExecStart's binary exists (/usr/bin/java, /bin/sh: both on the machine);
  # the jar is an argument and is not checked. --man=no: no man pages are installed here. Any output (a warning
  # about an unknown or invalid setting) counts as a failure, not only a non-zero exit.
  local out
  out=$(cd "$unit_dir" && systemd-analyze verify --man=no vscmirror.service vscmirror-export.service \
    vscmirror-export.timer 2>&1)
  local rc=$?
  echo "$out"
  [ $rc -eq 0 ] && [ -z "$out" ]
}
hardening_present() {
  local u=systemd/vscmirror.service key
  for key in 'AmbientCapabilities=CAP_NET_BIND_SERVICE$' 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE$' \
    'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' 'PrivateDevices=yes' \
    'RestrictAddressFamilies=' 'SystemCallFilter=@system-service' 'Restart=on-failure' 'TimeoutStopSec=' \
    'StateDirectory=vscmirror' 'ExecStart=.* serve --config /etc/vscmirror/vscmirror.yaml'; do
    grep -Eq "^$key" "$u" || { echo "missing in $u: $key"; return 1; }
  done
  if grep -Eq '^MemoryDenyWriteExecute=yes' systemd/*.service; then
    echo "MemoryDenyWriteExecute=yes would stop the JVM (see the mdwe check)"; return 1
  fi
}
mdwe_stops_the_jvm() {
  # The JVM writes its interpreter and JIT code into memory it then makes executable. MemoryDenyWriteExecute
  # forbids exactly that; prctl(PR_SET_MDWE) (Linux >= 6.3) applies the same rule to one process.
  python3 - <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
pid = os.fork()
if pid == 0:
    if libc.prctl(65, 1, 0, 0, 0) != 0:   # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
        os._exit(77)
    os.execvp("java", ["java", "-Xint", "-version"])
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
if code == 77:
    print("this kernel has no PR_SET_MDWE; cannot demonstrate here"); sys.exit(0)
print("java -Xint -version under PR_SET_MDWE exited", code)
sys.exit(0 if code != 0 else 1)
PY
}
sysusers_creates_user() {
  local t
  t=$(mktemp -d "$work/sysroot.XXXXXX")
  mkdir -p "$t/etc"
  systemd-sysusers --root="$t" "$root/systemd/vscmirror.sysusers.conf" && grep -q '^vscmirror:x:' "$t/etc/passwd"
}
if need systemd-analyze systemd; then
  check systemd-verify-units verify_units
  check systemd-sysusers sysusers_creates_user
else
  fail systemd-verify-units "Debian systemd could not be installed"
fi
check systemd-hardening hardening_present
check systemd-mdwe-stops-jvm mdwe_stops_the_jvm
check config-example-loads env VSCMIRROR_DATA_DIR="$work/data" \
  java -jar "$cli_jar" config show --config systemd/vscmirror.yaml.example

# ---------------------------------------------------------------- Prometheus
if need promtool prometheus; then
  check promtool-check-config promtool check config systemd/prometheus/prometheus.yml
  check promtool-check-rules promtool check rules systemd/prometheus/vscmirror-alerts.yml
  check promtool-test-rules promtool test rules systemd/prometheus/vscmirror-alerts.test.yml
else
  fail promtool "Debian prometheus (promtool) could not be installed"
fi

echo "ops-checks: screenshots and logs in $work"
echo "ops-checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
