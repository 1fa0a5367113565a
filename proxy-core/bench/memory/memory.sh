#!/usr/bin/env bash
# Measure 4: memory. Peak RSS (VmHWM in /proc/PID/status) of the mirror started with -Xmx256m (a) while recording
# a 4 GiB body, (b) while replaying it, (c) holding 1,000 idle keep-alive TLS connections; each phase in a fresh
# process, so a peak belongs to its phase. Peer: nginx as the caching proxy a user would pick (proxy_cache, same
# upstream, same name), measured the same way (master + workers, VmHWM summed).
#
# The body is generated on the fly by the local upstream (lib/upstream.py), never stored in git; --quick: 256 MiB and 300 connections.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH_LIB/certs.sh"; . "$BENCH_LIB/peers.sh"; . "$BENCH_LIB/mirror.sh"
bench_init memory

HOST=bench.gallerycdn.vsassets.io
if [ "$BENCH_QUICK" = 1 ]; then BIG=$((256 * 1048576)); IDLE=${MEMORY_IDLE:-300}; else BIG=$((4 * 1073741824)); IDLE=1000; fi
SMALL=1024
GOAL="peak RSS < 512 MB, flat"
BIGL=$(awk -v b="$BIG" 'BEGIN { if (b >= 1073741824) printf "%g GiB", b / 1073741824; else printf "%g MiB", b / 1048576 }')
W_REC="peak RSS while recording a $BIGL body (-Xmx256m)"
W_REP="peak RSS while replaying a $BIGL body (-Xmx256m)"
W_IDLE="peak RSS with $IDLE idle keep-alive TLS connections (-Xmx256m)"
fail_all() {
  not_measured memory-record "$W_REC" "$GOAL" "$1"; not_measured memory-replay "$W_REP" "$GOAL" "$1"
  not_measured memory-idle "$W_IDLE" "$GOAL" "$1"; exit 1
}
need_tools nginx curl openssl || fail_all "peer tools missing (apt failed)"

make_ca "$W/upca" "vscmirror bench upstream CA"
make_leaf "$W/upca" "$W/upstream" "$HOST" "*.gallerycdn.vsassets.io"
bg_start "$W/upstream.log" "$PYTHON" "$BENCH_LIB/upstream.py" serve --cert "$W/upstream.crt" --key "$W/upstream.key" \
  --port-file "$W/upstream.port"
for _ in $(seq 1 100); do [ -s "$W/upstream.port" ] && break; sleep 0.1; done
UP_PORT=$(cat "$W/upstream.port" 2>/dev/null) || fail_all "local upstream did not start"

mb() { awk -v k="$1" 'BEGIN { if (k == "" || k == "NA") print "NA"; else printf "%.1f\n", k / 1024 }'; }

# fetch PORT PATH: download through a server to /dev/null; prints "status bytes".
fetch() {
  curl -s -k --max-time 900 --resolve "$HOST:$1:127.0.0.1" -o /dev/null -w '%{http_code} %{size_download}' \
    "https://$HOST:$1$2"
}

# idle PORT: hold IDLE connections; sets IDLE_PID and "opened ok failed" in IDLE_RESULT once all are open (bounded
# wait). Called directly, never in a subshell, so the EXIT trap knows the PID.
idle() {
  rm -f "$W/idle.ready"
  bg_start "$W/idle.log" "$PYTHON" "$BENCH_LIB/idle.py" "$1" "$HOST" "/bench/$SMALL.bin" "$IDLE" 600 "$W/idle.ready"
  IDLE_PID=$BG_PID
  local deadline=$((SECONDS + 300))
  while [ $SECONDS -lt $deadline ] && [ ! -s "$W/idle.ready" ] && kill -0 "$IDLE_PID" 2>/dev/null; do sleep 0.5; done
  sleep 2 # let the server settle with everything open
  IDLE_RESULT=$(cat "$W/idle.ready" 2>/dev/null || echo "0 0 0")
}

# --- nginx, the caching proxy (peer) ---
NGINX_HTTP_EXTRA="proxy_cache_path $W/nginx-cache levels=1:2 keys_zone=bench:10m max_size=20g inactive=1d use_temp_path=off;"
NGINX_LOCATION="proxy_pass https://127.0.0.1:$UP_PORT; proxy_ssl_server_name on; proxy_ssl_name \$host;
      proxy_ssl_verify on; proxy_ssl_trusted_certificate $W/upca/ca.crt; proxy_http_version 1.1;
      proxy_set_header Connection \"\"; proxy_cache bench; proxy_cache_valid 200 1d;
      add_header X-Cache-Status \$upstream_cache_status;"
export NGINX_HTTP_EXTRA NGINX_LOCATION
nginx_phase() { # nginx_phase NAME: a fresh nginx on the same cache; sets NGINX_PORT
  NGINX_PORT=$(free_port)
  nginx_start "$W/nginx-$1" "$NGINX_PORT" "$W/upstream.crt" "$W/upstream.key" "$W" TLSv1.3 TLS_AES_256_GCM_SHA384
}
n_rec=NA; n_rep=NA; n_idle=NA
if nginx_phase record; then
  read -r s b < <(fetch "$NGINX_PORT" "/bench/$BIG.bin")
  [ "$s" = 200 ] && [ "$b" = "$BIG" ] && n_rec=$(mb "$(nginx_kb "$NGINX_PID" VmHWM)")
  fetch "$NGINX_PORT" "/bench/$SMALL.bin" >/dev/null
  stop_pid "$NGINX_PID"
fi
if nginx_phase replay; then
  sleep 2 # the cache loader
  read -r s b < <(fetch "$NGINX_PORT" "/bench/$BIG.bin")
  [ "$s" = 200 ] && [ "$b" = "$BIG" ] && n_rep=$(mb "$(nginx_kb "$NGINX_PID" VmHWM)")
  stop_pid "$NGINX_PID"
fi
if nginx_phase idle; then
  idle "$NGINX_PORT"; read -r opened ok failed <<<"$IDLE_RESULT"
  [ "$ok" = "$IDLE" ] && n_idle=$(mb "$(nginx_kb "$NGINX_PID" VmHWM)")
  stop_pid "$IDLE_PID"; stop_pid "$NGINX_PID"
fi
rm -rf "$W/nginx-cache"
log "nginx: record $n_rec MB, replay $n_rep MB, idle $n_idle MB"

# --- the mirror ---
export MIRROR_JAVA_OPTS="-Xmx256m ${MEMORY_JAVA_OPTS:-}"
reason="vscmirror serve not built on this tree"; m_rec=NA; m_rep=NA; m_idle=NA; base=()
if mirror_has serve; then
  reason=""
  if mirror_start "$W/mirror-data" record "$W/mirror-record.log" \
      --upstream-override "$HOST=127.0.0.1:$UP_PORT" --upstream-ca "$W/upca/ca.crt"; then
    base+=("$(mb "$(vm_kb "$MIRROR_PID" VmRSS)")"); b_rec=${base[*]: -1}
    read -r s b < <(fetch "$MIRROR_TLS_PORT" "/bench/$BIG.bin")
    if [ "$s" = 200 ] && [ "$b" = "$BIG" ]; then m_rec=$(mb "$(vm_kb "$MIRROR_PID" VmHWM)")
    else reason="recording through the mirror answered $s after $b bytes"; fi
    sleep 3 # let the commit of the blob finish
    fetch "$MIRROR_TLS_PORT" "/bench/$SMALL.bin" >/dev/null
    mirror_stop
  else
    reason="mirror did not start in record mode (see $W/mirror-record.log)"
  fi
  if mirror_start "$W/mirror-data" replay "$W/mirror-replay.log"; then
    base+=("$(mb "$(vm_kb "$MIRROR_PID" VmRSS)")"); b_rep=${base[*]: -1}
    read -r s b < <(fetch "$MIRROR_TLS_PORT" "/bench/$BIG.bin")
    if [ "$s" = 200 ] && [ "$b" = "$BIG" ]; then m_rep=$(mb "$(vm_kb "$MIRROR_PID" VmHWM)")
    else reason="${reason:-replay from the mirror answered $s after $b bytes}"; fi
    mirror_stop
  fi
  if mirror_start "$W/mirror-data" replay "$W/mirror-idle.log"; then
    b_idle=$(mb "$(vm_kb "$MIRROR_PID" VmRSS)")
    idle "$MIRROR_TLS_PORT"; read -r opened ok failed <<<"$IDLE_RESULT"
    if [ "$ok" = "$IDLE" ]; then m_idle=$(mb "$(vm_kb "$MIRROR_PID" VmHWM)")
    else idle_reason="only $ok of $IDLE connections got a 200 ($failed failed)"; fi
    stop_pid "$IDLE_PID"; mirror_stop
  fi
fi
rm -rf "$W/mirror-data/blobs"
note "memory: VmHWM from /proc/PID/status; mirror java -Xmx256m, a fresh process per phase; body $BIGL generated by the local upstream; idle = $IDLE TLS connections each after one keep-alive GET of $SMALL bytes; peer nginx proxy_cache (record = cache miss, replay = cache hit), master + workers summed."

emit() { # emit ID WHAT MIRROR_MB PEER_MB WHY [RSS_AT_START]
  local peer; peer=$([ "$4" = NA ] && echo "not measured" || echo "$4 MB")
  if [ "$3" = NA ]; then
    row "$1" "$2" "not measured: ${5:-the mirror phase failed (see $W)}" "$peer" "—" "$GOAL" "not measured"
  else
    row "$1" "$2" "$3 MB${6:+ (RSS after start $6 MB)}" "$peer" "$(ratio "$3" "$4")" "$GOAL" "$(verdict "$3" le 512)"
  fi
}
emit memory-record "$W_REC" "$m_rec" "$n_rec" "$reason" "${b_rec:-}"
emit memory-replay "$W_REP" "$m_rep" "$n_rep" "$reason" "${b_rep:-}"
emit memory-idle "$W_IDLE" "$m_idle" "$n_idle" "${idle_reason:-$reason}" "${b_idle:-}"
exit 0
