#!/usr/bin/env bash
# Measure 1: replay of large bodies over TLS, the mirror's TLS listener vs nginx serving the same bytes.
#
# Method: a local TLS upstream (lib/upstream.py, own test CA) makes the bodies; the mirror records them once in
# record mode (--upstream-override, --upstream-ca), is restarted in replay mode on the same store, and wrk
# (no Lua, --latency) downloads the same URL from it and from nginx, alternating mirror/nginx per repetition.
# nginx serves a byte-identical file with an EC P-256 leaf for the same name, pinned to the TLS version and cipher
# the mirror negotiated. wrk runs in a private mount namespace whose /etc/hosts maps the name to 127.0.0.1, so
# SNI and Host are the real intercepted name.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH_LIB/certs.sh"; . "$BENCH_LIB/peers.sh"; . "$BENCH_LIB/mirror.sh"
bench_init replay

HOST=bench.gallerycdn.vsassets.io
if [ "$BENCH_QUICK" = 1 ]; then BIG=$((5 * 1048576)); SECS=${REPLAY_SECS:-2}; else BIG=$((50 * 1048576)); SECS=${REPLAY_SECS:-10}; fi
SMALL=1048576
GOAL="≥ 0.95 × nginx"
SIZES=("$BIG" "$SMALL")
label() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%g MiB", b / 1048576; else printf "%g KiB", b / 1024 }'; }
row_id() { if [ "$1" = "$BIG" ]; then echo "replay-big-c$2"; else echo "replay-1m-c$2"; fi; }

emit_all_not_measured() {
  local s c
  for s in "${SIZES[@]}"; do for c in 1 32; do
    not_measured "$(row_id "$s" "$c")" "replay $(label "$s") over TLS, $c client(s), MB/s" "$GOAL" "$1"
  done; done
}

need_tools nginx wrk curl openssl || { emit_all_not_measured "peer tools missing (apt failed)"; exit 1; }

# Certificates: the upstream's test CA and leaf; nginx's leaf (EC P-256, for the same name).
make_ca "$W/upca" "vscmirror bench upstream CA"
make_leaf "$W/upca" "$W/upstream" "$HOST" "*.gallerycdn.vsassets.io" "marketplace.visualstudio.com"
printf '127.0.0.1 localhost\n127.0.0.1 %s\n' "$HOST" >"$W/hosts"

# The bytes nginx serves (identical to what the upstream generates and the mirror records).
mkdir -p "$W/www/bench"
for s in "${SIZES[@]}"; do "$PYTHON" "$BENCH_LIB/upstream.py" write "$s" "$W/www/bench/$s.bin"; done

# --- mirror: record once, then replay ---
mirror_ok=0; reason=""; proto=""; cipher=""
if ! mirror_has serve; then
  reason="vscmirror serve not built on this tree"
else
  bg_start "$W/upstream.log" "$PYTHON" "$BENCH_LIB/upstream.py" serve --cert "$W/upstream.crt" --key "$W/upstream.key" \
    --port-file "$W/upstream.port"
  UP_PID=$BG_PID
  for _ in $(seq 1 100); do [ -s "$W/upstream.port" ] && break; sleep 0.1; done
  UP_PORT=$(cat "$W/upstream.port" 2>/dev/null)
  if mirror_start "$W/mirror-data" record "$W/mirror-record.log" \
      --upstream-override "$HOST=127.0.0.1:$UP_PORT" --upstream-ca "$W/upca/ca.crt"; then
    CA=$(mirror_ca "$W/mirror-data")
    mirror_ok=1
    for s in "${SIZES[@]}"; do
      got=$(curl -s --max-time 300 --resolve "$HOST:$MIRROR_TLS_PORT:127.0.0.1" --cacert "$CA" \
        -o "$W/fetched.bin" -w '%{http_code}' "https://$HOST:$MIRROR_TLS_PORT/bench/$s.bin")
      if [ "$got" != 200 ] || ! cmp -s "$W/fetched.bin" "$W/www/bench/$s.bin"; then
        mirror_ok=0; reason="recording $(label "$s") through the mirror failed (HTTP $got)"; break
      fi
    done
    rm -f "$W/fetched.bin"
    mirror_stop
  else
    reason="mirror did not start in record mode (see $W/mirror-record.log)"
  fi
  stop_pid "$UP_PID" # replay must not need the upstream
  if [ "$mirror_ok" = 1 ]; then
    if mirror_start "$W/mirror-data" replay "$W/mirror-replay.log"; then
      for s in "${SIZES[@]}"; do
        got=$(curl -s --max-time 300 --resolve "$HOST:$MIRROR_TLS_PORT:127.0.0.1" --cacert "$CA" -o "$W/fetched.bin" \
          -w '%{http_code}' "https://$HOST:$MIRROR_TLS_PORT/bench/$s.bin")
        if [ "$got" != 200 ] || ! cmp -s "$W/fetched.bin" "$W/www/bench/$s.bin"; then
          mirror_ok=0; reason="replay of $(label "$s") did not return the recorded bytes (HTTP $got)"; break
        fi
      done
      rm -f "$W/fetched.bin"
      read -r proto cipher < <(negotiated 127.0.0.1 "$MIRROR_TLS_PORT" "$HOST")
    else
      mirror_ok=0; reason="mirror did not start in replay mode (see $W/mirror-replay.log)"
    fi
  fi
fi

# --- nginx: same name, same kind of certificate, same TLS version and cipher ---
peer_cert "$W/peer" "$HOST" "$W/mirror-data"
tls_from="the mirror negotiated"
[ -n "$proto" ] || { proto=TLSv1.3; cipher=TLS_AES_256_GCM_SHA384; tls_from="no mirror handshake; OpenSSL's default"; }
NGINX_PORT=$(free_port)
if ! nginx_start "$W/nginx" "$NGINX_PORT" "$W/peer.crt" "$W/peer.key" "$W/www" "$proto" "$cipher"; then
  emit_all_not_measured "nginx did not start"; exit 1
fi
read -r nproto ncipher < <(negotiated 127.0.0.1 "$NGINX_PORT" "$HOST")
note "TLS: $tls_from: $proto $cipher; nginx pinned to it and negotiated $nproto $ncipher; nginx certificate $PEER_CERT_NOTE."
WARM=$([ "$BENCH_QUICK" = 1 ] && echo 2 || echo 5)
note "load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') -d${SECS}s --latency, 1 client = -t1 -c1, 32 clients = -t2 -c32; mirror and nginx alternate after a ${WARM}s warm-up (-t2 -c4) per body and server; $BENCH_REPS repetition(s); bodies $(label "$BIG") and $(label "$SMALL")."

# --- the runs (after a warm-up per body and server: the JVM's JIT and both servers' caches, not measured) ---
WARM=$([ "$BENCH_QUICK" = 1 ] && echo 2 || echo 5)
for s in "${SIZES[@]}"; do
  [ "$mirror_ok" = 1 ] && run_wrk "$W/hosts" "$W/warm-mirror-$s.txt" 2 4 "$WARM" "https://$HOST:$MIRROR_TLS_PORT/bench/$s.bin" >/dev/null
  run_wrk "$W/hosts" "$W/warm-nginx-$s.txt" 2 4 "$WARM" "https://$HOST:$NGINX_PORT/bench/$s.bin" >/dev/null
  for c in 1 32; do
    t=$([ "$c" = 1 ] && echo 1 || echo 2)
    m_mb=(); m_rps=(); n_mb=(); n_rps=(); m_p99=(); n_p99=()
    for r in $(seq 1 "$BENCH_REPS"); do
      if [ "$mirror_ok" = 1 ]; then
        read -r rps mb p50 p99 < <(run_wrk "$W/hosts" "$W/wrk-mirror-$s-$c-$r.txt" "$t" "$c" "$SECS" \
          "https://$HOST:$MIRROR_TLS_PORT/bench/$s.bin")
        m_mb+=("$mb"); m_rps+=("$rps"); m_p99+=("$p99")
      fi
      read -r rps mb p50 p99 < <(run_wrk "$W/hosts" "$W/wrk-nginx-$s-$c-$r.txt" "$t" "$c" "$SECS" \
        "https://$HOST:$NGINX_PORT/bench/$s.bin")
      n_mb+=("$mb"); n_rps+=("$rps"); n_p99+=("$p99")
      log "$(label "$s") c=$c rep $r: mirror ${m_mb[*]: -1} MB/s, nginx ${n_mb[*]: -1} MB/s"
    done
    id=$(row_id "$s" "$c"); what="replay $(label "$s") over TLS, $c client(s): MB/s; req/s"
    peer="$(fig MB/s "${n_mb[@]}"); $(num "$(median "${n_rps[@]}")") req/s, p99 $(num "$(median "${n_p99[@]}")") ms"
    if [ "$mirror_ok" != 1 ]; then
      row "$id" "$what" "not measured: $reason" "$peer" "—" "$GOAL" "not measured"
      continue
    fi
    mm=$(median "${m_mb[@]}"); nm=$(median "${n_mb[@]}"); q=$(ratio "$mm" "$nm")
    mirror="$(fig MB/s "${m_mb[@]}"); $(num "$(median "${m_rps[@]}")") req/s, p99 $(num "$(median "${m_p99[@]}")") ms"
    [ "$mm" = NA ] && mirror="not measured: wrk saw errors or non-2xx answers from the mirror ($W/wrk-mirror-$s-$c-*.txt)"
    row "$id" "$what" "$mirror" "$peer" "$q" "$GOAL" "$(verdict "$q" ge 0.95)"
  done
done
exit 0
