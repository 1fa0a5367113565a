#!/usr/bin/env bash
# Measure 2 (peer figure): extensionquery POSTs replayed exactly, the mirror in replay mode vs mitmproxy's
# `mitmdump --server-replay`, both answering the same recorded answers over TLS.
#
# Method: a local TLS upstream (lib/upstream.py) answers three query shapes (text search, a 50-id lookup like the
# update check, a sorted listing) with synthetic gallery JSON. mitmdump records them in reverse-proxy mode
# (`-w flows`); the mirror records them in record mode. The upstream is then stopped; mitmdump replays
# (`--server-replay flows --server-replay-nopop --server-replay-kill-extra`, lazy upstream connections) and the
# mirror runs with --mode replay. h2load (--h1, keep-alive, CONNS connections, SECS seconds after a 1 s warm-up)
# posts the same body to each; throughput from h2load, p50/p99 from its per-request log. Alternating per repetition.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH_LIB/certs.sh"; . "$BENCH_LIB/peers.sh"; . "$BENCH_LIB/mirror.sh"
bench_init catalog-peer

HOST=marketplace.visualstudio.com
PATH_Q=/_apis/public/gallery/extensionquery
URL=https://$HOST$PATH_Q
if [ "$BENCH_QUICK" = 1 ]; then SECS=2; else SECS=10; fi
CONNS=${CATALOG_CONNS:-8}
GOAL="≥ 5 × mitmproxy"
KINDS=(search ids sorted)
ID=catalog-exact-replay
WHAT="extensionquery exact replay of recorded POSTs (search, 50 ids, sorted), req/s over $CONNS connections"

fail_all() { not_measured "$ID" "$WHAT" "$GOAL" "$1"; exit 1; }
need_tools mitmdump h2load curl openssl || fail_all "peer tools missing (apt failed)"

# The three query shapes (protocol §2: filterType 7 = ExtensionName, 8 = Target, 10 = SearchText, 12 = ExcludeWithFlags).
target='{"filterType":8,"value":"Microsoft.VisualStudio.Code"},{"filterType":12,"value":"4096"}'
printf '{"filters":[{"criteria":[%s,{"filterType":10,"value":"python"}],"pageNumber":1,"pageSize":50,"sortBy":0,"sortOrder":0}],"assetTypes":[],"flags":950}' \
  "$target" >"$W/q-search.json"
ids=$(for i in $(seq 1 50); do printf '{"filterType":7,"value":"pub%d.ext%d"},' "$i" "$i"; done)
printf '{"filters":[{"criteria":[%s%s],"pageNumber":1,"pageSize":50,"sortBy":0,"sortOrder":0}],"assetTypes":[],"flags":914}' \
  "$ids" "$target" >"$W/q-ids.json"
printf '{"filters":[{"criteria":[%s],"pageNumber":1,"pageSize":50,"sortBy":4,"sortOrder":2}],"assetTypes":[],"flags":950}' \
  "$target" >"$W/q-sorted.json"
HDRS=(-H 'Content-Type: application/json' -H 'Accept: application/json;api-version=3.0-preview.1')

make_ca "$W/upca" "vscmirror bench upstream CA"
make_leaf "$W/upca" "$W/upstream" "$HOST"
bg_start "$W/upstream.log" "$PYTHON" "$BENCH_LIB/upstream.py" serve --cert "$W/upstream.crt" --key "$W/upstream.key" \
  --port-file "$W/upstream.port"
UP_PID=$BG_PID
for _ in $(seq 1 100); do [ -s "$W/upstream.port" ] && break; sleep 0.1; done
UP_PORT=$(cat "$W/upstream.port" 2>/dev/null) || fail_all "local upstream did not start"

# post TLSPORT CAOPT KIND: one query through a server; prints the HTTP status.
post() {
  curl -s --max-time 30 --resolve "$HOST:$1:127.0.0.1" $2 "${HDRS[@]}" --data-binary "@$W/q-$3.json" \
    -o "$W/answer-$3.json" -w '%{http_code}' "https://$HOST:$1$PATH_Q"
}

# --- mitmdump: record, then replay ---
MITM=(mitmdump -q --set "confdir=$W/mitm-conf" --listen-host 127.0.0.1 --mode "reverse:https://127.0.0.1:$UP_PORT")
MP=$(free_port)
bg_start "$W/mitm-record.log" "${MITM[@]}" --listen-port "$MP" --set ssl_insecure=true -w "$W/flows"
REC_PID=$BG_PID
wait_port "$MP" 60 || fail_all "mitmdump did not start (see $W/mitm-record.log)"
for k in "${KINDS[@]}"; do
  s=$(post "$MP" -k "$k"); [ "$s" = 200 ] || fail_all "recording the $k query through mitmdump answered $s"
done
stop_pid "$REC_PID"
[ -s "$W/flows" ] || fail_all "mitmdump wrote no flows"

# --- mirror: record the same answers ---
mirror_ok=0; reason="vscmirror serve not built on this tree"
if mirror_has serve; then
  if mirror_start "$W/mirror-data" record "$W/mirror-record.log" \
      --upstream-override "$HOST=127.0.0.1:$UP_PORT" --upstream-ca "$W/upca/ca.crt"; then
    mirror_ok=1
    for k in "${KINDS[@]}"; do
      s=$(post "$MIRROR_TLS_PORT" "--cacert $(mirror_ca "$W/mirror-data")" "$k")
      [ "$s" = 200 ] || { mirror_ok=0; reason="recording the $k query through the mirror answered $s"; break; }
    done
    mirror_stop
  else
    reason="mirror did not start in record mode (see $W/mirror-record.log)"
  fi
fi
stop_pid "$UP_PID" # both replay without an upstream

# mitm_replay_start: a fresh mitmdump --server-replay (one per timed run: in one long-lived process, mitmdump 8.1
# was seen slowing from ~400 to ~20-30 answers/s after some thousands of 200 KB answers; a fresh process per run
# gives the peer its best figure instead of that decay).
mitm_replay_start() {
  [ -n "${MITM_PID:-}" ] && stop_pid "$MITM_PID"
  bg_start "$W/mitm-replay.log" "${MITM[@]}" --listen-port "$MP" --set connection_strategy=lazy \
    --server-replay "$W/flows" --server-replay-nopop --server-replay-kill-extra
  MITM_PID=$BG_PID
  wait_port "$MP" 60
}
mitm_replay_start || fail_all "mitmdump --server-replay did not start (see $W/mitm-replay.log)"
for k in "${KINDS[@]}"; do
  s=$(post "$MP" -k "$k"); [ "$s" = 200 ] || fail_all "mitmdump --server-replay answered $s to the $k query"
done
if [ "$mirror_ok" = 1 ]; then
  if mirror_start "$W/mirror-data" replay "$W/mirror-replay.log"; then
    for k in "${KINDS[@]}"; do
      s=$(post "$MIRROR_TLS_PORT" "--cacert $(mirror_ca "$W/mirror-data")" "$k")
      [ "$s" = 200 ] || { mirror_ok=0; reason="the mirror in replay mode answered $s to the $k query"; break; }
    done
  else
    mirror_ok=0; reason="mirror did not start in replay mode (see $W/mirror-replay.log)"
  fi
fi
note "extensionquery exact replay: mitmproxy $(mitmdump --version 2>/dev/null | sed -n 's/^Mitmproxy: *//p') reverse mode, --server-replay-nopop --server-replay-kill-extra, a fresh mitmdump (and its own warm-up) per timed run because one long-lived mitmdump decays to ~20-30 answers/s after some thousands of answers; h2load --h1 -c $CONNS -D ${SECS}s (1 s warm-up), same body per run, after a warm-up of 2-5 s per shape and server; $BENCH_REPS repetition(s) per query shape, mirror and mitmdump alternating."

# --- load (after a warm-up per query shape and server, not measured: the JVM's JIT, mitmproxy's caches) ---
WARM=$([ "$BENCH_QUICK" = 1 ] && echo 2 || echo 5)
for k in "${KINDS[@]}"; do
  [ "$mirror_ok" = 1 ] && run_h2load "$W/warm-mirror-$k" "$WARM" "$CONNS" "$URL" "$MIRROR_TLS_PORT" -d "$W/q-$k.json" "${HDRS[@]}" >/dev/null
  run_h2load "$W/warm-mitm-$k" "$WARM" "$CONNS" "$URL" "$MP" -d "$W/q-$k.json" "${HDRS[@]}" >/dev/null
done
m_rps=(); n_rps=(); m_p99=(); n_p99=(); m_p50=(); n_p50=()
for r in $(seq 1 "$BENCH_REPS"); do
  for k in "${KINDS[@]}"; do
    if [ "$mirror_ok" = 1 ]; then
      read -r rps p50 p99 < <(run_h2load "$W/h2-mirror-$k-$r" "$SECS" "$CONNS" "$URL" "$MIRROR_TLS_PORT" \
        -d "$W/q-$k.json" "${HDRS[@]}")
      m_rps+=("$rps"); m_p50+=("$p50"); m_p99+=("$p99")
    fi
    mitm_replay_start || log "mitmdump did not restart"
    run_h2load "$W/warm-mitm-$k-$r" "$WARM" "$CONNS" "$URL" "$MP" -d "$W/q-$k.json" "${HDRS[@]}" >/dev/null
    read -r rps p50 p99 < <(run_h2load "$W/h2-mitm-$k-$r" "$SECS" "$CONNS" "$URL" "$MP" -d "$W/q-$k.json" "${HDRS[@]}")
    n_rps+=("$rps"); n_p50+=("$p50"); n_p99+=("$p99")
    log "$k rep $r: mirror ${m_rps[*]: -1} req/s, mitmdump ${n_rps[*]: -1} req/s"
  done
done
peer="$(fig req/s "${n_rps[@]}"); p50 $(num "$(median "${n_p50[@]}")") ms, p99 $(num "$(median "${n_p99[@]}")") ms"
if [ "$mirror_ok" = 1 ]; then
  q=$(ratio "$(median "${m_rps[@]}")" "$(median "${n_rps[@]}")")
  row "$ID" "$WHAT" "$(fig req/s "${m_rps[@]}"); p50 $(num "$(median "${m_p50[@]}")") ms, p99 $(num "$(median "${m_p99[@]}")") ms" \
    "$peer" "$q" "$GOAL" "$(verdict "$q" ge 5)"
else
  row "$ID" "$WHAT" "not measured: $reason" "$peer" "—" "$GOAL" "not measured"
fi
exit 0
