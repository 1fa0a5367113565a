#!/usr/bin/env bash
# Measure 5: TLS handshakes. (a) full handshakes per second, the mirror's TLS listener (minted leaf, cached after
# the first contact) vs nginx with a static EC P-256 certificate, same TLS version and cipher; (b) the latency of
# a first handshake for a new host name (the mirror mints a leaf) vs a second one (cached), with nginx's static
# certificate as the reference.
#
# Client: lib/handshakes.py (OpenSSL via Python; TCP connect + full handshake + close; no session reuse), run in
# PROCS processes for SECS seconds; mirror and nginx alternate per repetition.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH_LIB/certs.sh"; . "$BENCH_LIB/peers.sh"; . "$BENCH_LIB/mirror.sh"
bench_init tls

HOST=bench.gallerycdn.vsassets.io
if [ "$BENCH_QUICK" = 1 ]; then SECS=2; NAMES=20; else SECS=10; NAMES=300; fi
PROCS=${TLS_PROCS:-2}
RATE_GOAL="≥ 0.7 × nginx"

need_tools nginx openssl curl || {
  not_measured tls-handshakes "full TLS handshakes per second" "$RATE_GOAL" "peer tools missing"
  not_measured tls-mint "first handshake for a new host name (minting), p50 latency" "— (reported)" "peer tools missing"
  exit 1; }

mirror_ok=0; reason="vscmirror serve not built on this tree"
if mirror_has serve; then
  if mirror_start "$W/mirror-data" replay "$W/mirror.log"; then
    mirror_ok=1
    read -r proto cipher < <(negotiated 127.0.0.1 "$MIRROR_TLS_PORT" "$HOST")
    [ -n "$proto" ] || { mirror_ok=0; reason="no TLS handshake with the mirror for $HOST (see $W/mirror.log)"; }
  else
    reason="mirror did not start (see $W/mirror.log)"
  fi
fi
[ -n "${proto:-}" ] || { proto=TLSv1.3; cipher=TLS_AES_256_GCM_SHA384; }

peer_cert "$W/peer" "$HOST" "$W/mirror-data"
mkdir -p "$W/www"
NGINX_PORT=$(free_port)
nginx_start "$W/nginx" "$NGINX_PORT" "$W/peer.crt" "$W/peer.key" "$W/www" "$proto" "$cipher" || {
  not_measured tls-handshakes "full TLS handshakes per second" "$RATE_GOAL" "nginx did not start"
  not_measured tls-mint "first handshake for a new host name (minting), p50 latency" "— (reported)" "nginx did not start"
  exit 1; }
note "handshakes/s: lib/handshakes.py rate, $PROCS client processes × ${SECS}s, full handshakes ($proto $cipher, X25519 as OpenSSL offers), no session reuse, after a 2-5 s warm-up per server; nginx worker_processes auto with a static certificate: $PEER_CERT_NOTE."
note "minting: $NAMES distinct names a<i>.gallerycdn.vsassets.io, one handshake each on first contact (the mirror mints) and again (cached)."

# (a) handshakes per second, after a warm-up per server (the JVM's JIT; not measured)
WARM=$([ "$BENCH_QUICK" = 1 ] && echo 2 || echo 5)
[ "$mirror_ok" = 1 ] && "$PYTHON" "$BENCH_LIB/handshakes.py" rate "$MIRROR_TLS_PORT" "$HOST" "$WARM" "$PROCS" >/dev/null
"$PYTHON" "$BENCH_LIB/handshakes.py" rate "$NGINX_PORT" "$HOST" "$WARM" "$PROCS" >/dev/null
m=(); n=(); mf=0; nf=0
for r in $(seq 1 "$BENCH_REPS"); do
  if [ "$mirror_ok" = 1 ]; then
    read -r v f < <("$PYTHON" "$BENCH_LIB/handshakes.py" rate "$MIRROR_TLS_PORT" "$HOST" "$SECS" "$PROCS")
    m+=("$v"); mf=$((mf + ${f:-0}))
  fi
  read -r v f < <("$PYTHON" "$BENCH_LIB/handshakes.py" rate "$NGINX_PORT" "$HOST" "$SECS" "$PROCS")
  n+=("$v"); nf=$((nf + ${f:-0}))
  log "rep $r: mirror ${m[*]: -1} /s, nginx ${n[*]: -1} /s"
done
what="full TLS handshakes per second ($PROCS clients)"
peer="$(fig /s "${n[@]}")$([ "$nf" -gt 0 ] && echo ", $nf failed")"
if [ "$mirror_ok" = 1 ]; then
  q=$(ratio "$(median "${m[@]}")" "$(median "${n[@]}")")
  row tls-handshakes "$what" "$(fig /s "${m[@]}")$([ "$mf" -gt 0 ] && echo ", $mf failed")" "$peer" "$q" "$RATE_GOAL" \
    "$(verdict "$q" ge 0.7)"
else
  row tls-handshakes "$what" "not measured: $reason" "$peer" "—" "$RATE_GOAL" "not measured"
fi

# (b) minting: first contact with a new name vs the cached name
what="first handshake for a new host name, p50 ms (mirror mints a leaf; nginx: static certificate)"
read -r np50 np90 nc50 nfail < <("$PYTHON" "$BENCH_LIB/handshakes.py" names "$NGINX_PORT" "a%d.gallerycdn.vsassets.io" "$NAMES")
peer="$(num "$np50") ms (p90 $(num "$np90") ms)"
if [ "$mirror_ok" = 1 ]; then
  read -r mp50 mp90 mc50 mfail < <("$PYTHON" "$BENCH_LIB/handshakes.py" names "$MIRROR_TLS_PORT" "a%d.gallerycdn.vsassets.io" "$NAMES")
  extra=$(awk -v a="$mp50" -v b="$mc50" 'BEGIN { if (a == "NA" || b == "NA") print "NA"; else printf "%.3f", a - b }')
  minted=$(curl -s --max-time 5 "http://127.0.0.1:$MIRROR_ADMIN_PORT/metrics" | grep -E '^vscmirror_certificates_minted_total' | awk '{s += $2} END {print s + 0}')
  row tls-mint "$what" "$(num "$mp50") ms (p90 $(num "$mp90") ms; same name again $(num "$mc50") ms, so minting adds ~$(num "$extra") ms; $minted minted; ${mfail} failed)" \
    "$peer" "$(ratio "$mp50" "$np50")" "— (reported; no goal in issue 8)" "reported"
else
  row tls-mint "$what" "not measured: $reason" "$peer" "—" "— (reported; no goal in issue 8)" "not measured"
fi
exit 0
