#!/usr/bin/env bash
# Recording overhead (issue 3; measure 3 of issue 8): fetching bodies through the mirror in record mode vs
# directly from the same local upstream, and the mirror's peak RSS while recording a big body with -Xmx256m.
#
#   proxy-core/bench/recording/run.sh            2 GiB body for memory, 256 MiB x 3 for throughput, 50 TTFB samples
#   proxy-core/bench/recording/run.sh --quick    128 MiB / 32 MiB x 1 / 20 samples (a minute or two)
#
# The upstream is dev.vscmirror.record.GeneratedUpstream (Netty, TLS with its own CA, bodies generated on the fly);
# the mirror is dev.vscmirror.record.RecordingHarness (the real UpstreamClient + RecordingForwarder behind a
# plain-HTTP front end, store on disk), a separate JVM with -Xmx256m. The client is curl for both paths: direct
# = HTTPS to the upstream, mirror = HTTP to the mirror, which fetches over HTTPS and records (fsync + index).
# Everything listens on 127.0.0.1; every process started is stopped by PID on exit. Prints a Markdown table.
set -uo pipefail
cd "$(dirname "$0")/../../.."
REPO=$(pwd)
QUICK=0
for a in "$@"; do
  case $a in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $a (expected: --quick)" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then BIG_MIB=128; TP_MIB=32; REPS=1; TTFB_N=20; else BIG_MIB=2048; TP_MIB=256; REPS=${BENCH_REPS:-3}; TTFB_N=50; fi
W=$REPO/proxy-core/bench/work/recording
rm -rf "$W"; mkdir -p "$W"
PIDS=()
cleanup() {
  local p i
  for p in "${PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null
    for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { printf '[%s recording] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

CP=$REPO/proxy-core/target/vscmirror.jar:$REPO/proxy-core/target/test-classes
if [ ! -f "$REPO/proxy-core/target/vscmirror.jar" ] \
    || [ ! -f "$REPO/proxy-core/target/test-classes/dev/vscmirror/record/RecordingHarness.class" ]; then
  log "building (./mvnw -B -o -q -DskipTests package)"
  ./mvnw -B -o -q -DskipTests package >"$W/build.log" 2>&1 || { log "build failed: see $W/build.log"; exit 1; }
fi

# wait_port LOGFILE PID: the port a process printed as "PORT n" (bounded wait).
wait_port() {
  local i
  for i in $(seq 1 1200); do
    if grep -q '^PORT ' "$1" 2>/dev/null; then awk '/^PORT /{print $2; exit}' "$1"; return 0; fi
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  log "no PORT from $1: $(tail -3 "$1" | tr '\n' ' ')"; return 1
}

java -cp "$CP" dev.vscmirror.record.GeneratedUpstream --dir "$W/upstream" >"$W/upstream.log" 2>&1 &
UP_PID=$!; PIDS+=("$UP_PID")
UP=$(wait_port "$W/upstream.log" "$UP_PID") || exit 1
java -Xmx256m -cp "$CP" dev.vscmirror.record.RecordingHarness "$W/data" "$UP" "$W/upstream/ca.pem" >"$W/mirror.log" 2>&1 &
M_PID=$!; PIDS+=("$M_PID")
M=$(wait_port "$W/mirror.log" "$M_PID") || exit 1
log "upstream https://localhost:$UP (pid $UP_PID), mirror http://127.0.0.1:$M (pid $M_PID, -Xmx256m)"
DIRECT=(curl -s --cacert "$W/upstream/ca.pem" --max-time 1200)
MIRROR=(curl -s -H "X-Test-Host: localhost" --max-time 1200)

# 1. The big body through the mirror: byte-identical, recorded, and the mirror's peak RSS.
big=$((BIG_MIB * 1024 * 1024))
log "recording a $BIG_MIB MiB body through the mirror"
expected=$(java -cp "$CP" dev.vscmirror.record.GeneratedUpstream --sha256 "$big")
t0=$(date +%s%N)
got=$("${MIRROR[@]}" "http://127.0.0.1:$M/big/$big.bin" | sha256sum | cut -d' ' -f1)
big_s=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n / 1e9}')
recorded=no
for i in $(seq 1 600); do
  grep -q "^RESULT 200 $big recorded" "$W/mirror.log" && { recorded=yes; break; }
  sleep 0.1
done
hwm_kb=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$M_PID/status")
hwm_mib=$(awk -v k="$hwm_kb" 'BEGIN {printf "%.0f", k / 1024}')
blob="$W/data/blobs/${expected:0:2}/$expected"
[ -f "$blob" ] || blob=$(find "$W/data/blobs" -name "*$expected*" -type f 2>/dev/null | head -1)
blob_ok=no; [ -n "$blob" ] && [ -f "$blob" ] && [ "$(stat -c %s "$blob")" = "$big" ] && blob_ok=yes
log "big body: ${big_s}s, digest $([ "$got" = "$expected" ] && echo matches || echo DIFFERS), recorded=$recorded, blob=$blob_ok, VmHWM ${hwm_mib} MiB"

# 2. Throughput: the same body size directly and through the mirror (a fresh path each time, so each is recorded).
tp=$((TP_MIB * 1024 * 1024))
direct_tp=(); mirror_tp=()
for r in $(seq 1 "$REPS"); do
  d=$("${DIRECT[@]}" -o /dev/null -w '%{speed_download}' "https://localhost:$UP/tp/d$r/$tp.bin")
  m=$("${MIRROR[@]}" -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$M/tp/m$r/$tp.bin")
  direct_tp+=("$d"); mirror_tp+=("$m")
  log "throughput rep $r: direct $d B/s, mirror $m B/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.0f–%.0f", lo / 1048576, hi / 1048576}'; }
d_med=$(median "${direct_tp[@]}"); m_med=$(median "${mirror_tp[@]}")

# 3. TTFB on a kept-alive connection: N small bodies in one curl run each; the first (connect, TLS) is dropped.
urls() { local i; for i in $(seq 0 "$TTFB_N"); do printf -- '-o /dev/null %s/t%s-%s/1024.bin ' "$1" "$2" "$i"; done; }
p50_ms() { tail -n +2 | sort -g | awk '{a[NR] = $1} END {printf "%.3f", 1000 * ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# shellcheck disable=SC2046
d_ttfb=$("${DIRECT[@]}" -w '%{time_starttransfer}\n' $(urls "https://localhost:$UP" d) | p50_ms)
# shellcheck disable=SC2046
m_ttfb=$("${MIRROR[@]}" -w '%{time_starttransfer}\n' $(urls "http://127.0.0.1:$M" m) | p50_ms)
log "TTFB p50: direct $d_ttfb ms, mirror $m_ttfb ms"

verdict() { if [ "$1" = 1 ]; then echo meets; else echo misses; fi; }
ratio=$(awk -v m="$m_med" -v d="$d_med" 'BEGIN {printf "%.2f", m / d}')
added=$(awk -v m="$m_ttfb" -v d="$d_ttfb" 'BEGIN {printf "%.3f", m - d}')
echo "| figure | direct from upstream | through the mirror (record) | ratio / delta | goal | verdict |"
echo "|---|---|---|---|---|---|"
printf '| throughput, %s MiB body, median (min–max) of %s | %.0f MiB/s (%s) | %.0f MiB/s (%s) | %s × | ≥ 0.8 × direct | %s |\n' \
  "$TP_MIB" "$REPS" "$(awk -v x="$d_med" 'BEGIN {print x / 1048576}')" "$(range "${direct_tp[@]}")" \
  "$(awk -v x="$m_med" 'BEGIN {print x / 1048576}')" "$(range "${mirror_tp[@]}")" "$ratio" \
  "$(verdict "$(awk -v r="$ratio" 'BEGIN {print (r >= 0.8)}')")"
printf '| TTFB p50, 1 KiB bodies on a kept-alive connection (n = %s) | %s ms | %s ms | +%s ms | < 1 ms added | %s |\n' \
  "$TTFB_N" "$d_ttfb" "$m_ttfb" "$added" "$(verdict "$(awk -v a="$added" 'BEGIN {print (a < 1)}')")"
printf '| peak RSS (VmHWM) of the mirror JVM (-Xmx256m) after recording a %s MiB body | — | %s MiB | — | memory stays flat (body never held) | %s |\n' \
  "$BIG_MIB" "$hwm_mib" "$(verdict "$(awk -v h="$hwm_mib" 'BEGIN {print (h > 0 && h < 512)}')")"
printf '| %s MiB body through the mirror in %s s: byte-identical, recorded, blob on disk | — | digest %s, recorded %s, blob %s | — | all yes | %s |\n' \
  "$BIG_MIB" "$big_s" "$([ "$got" = "$expected" ] && echo yes || echo no)" "$recorded" "$blob_ok" \
  "$(verdict "$([ "$got" = "$expected" ] && [ "$recorded" = yes ] && [ "$blob_ok" = yes ] && echo 1 || echo 0)")"
