#!/usr/bin/env bash
# Measure 6: start-up. Time from launching `java -jar vscmirror.jar serve --mode replay` to the first 200 from
# /readyz (polled every 10 ms) with a store of 1,000,000 recorded exchanges (--quick: 10,000), and with an empty
# store for reference. The store is filled through ContentStore.putExchange by StoreFiller.java (the store's own
# API, the way the recorder writes). One unmeasured start creates the CA first; the page cache is warm.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$BENCH_LIB/mirror.sh"
bench_init startup

if [ "$BENCH_QUICK" = 1 ]; then N=${STARTUP_EXCHANGES:-10000}; else N=${STARTUP_EXCHANGES:-1000000}; fi
REPS=$BENCH_REPS
GOAL="< 2 s"
NL=$(printf "%'d" "$N" 2>/dev/null || echo "$N")
WHAT="start-up: launch to /readyz 200, store of $NL exchanges"
ID=startup

mirror_has serve || { not_measured "$ID" "$WHAT" "$GOAL" "vscmirror serve not built on this tree"; exit 1; }
jar=$(mirror_jar)

# An empty store first (creates the CA, so the timed starts below do not pay for key generation).
mirror_start "$W/empty" replay "$W/first.log" || { not_measured "$ID" "$WHAT" "$GOAL" "mirror did not start (see $W/first.log)"; exit 1; }
mirror_stop
empty=(); empty_cpu=()
for r in $(seq 1 "$REPS"); do
  mirror_start "$W/empty" replay "$W/empty-$r.log" && { empty+=("$MIRROR_READY_MS"); empty_cpu+=("$MIRROR_READY_CPU_MS"); }
  mirror_stop
done

log "filling a store with $N exchanges"
t0=$SECONDS
if ! timeout 1500 java -cp "$jar" "$(dirname "$0")/StoreFiller.java" "$W/store" "$N" >"$W/fill.out" 2>"$W/fill.err"; then
  not_measured "$ID" "$WHAT" "$GOAL" "filling the store failed: $(tail -1 "$W/fill.err")"; exit 1
fi
log "filled in $((SECONDS - t0)) s: $(cat "$W/fill.out")"
# The CA comes from the empty run so that the first timed start does not generate keys.
cp -r "$W/empty/ca" "$W/store/ca" 2>/dev/null

full=(); full_cpu=()
for r in $(seq 1 "$REPS"); do
  if mirror_start "$W/store" replay "$W/store-$r.log"; then
    full+=("$MIRROR_READY_MS"); full_cpu+=("$MIRROR_READY_CPU_MS")
    [ "$r" = 1 ] && curl -s --max-time 5 "http://127.0.0.1:$MIRROR_ADMIN_PORT/metrics" >"$W/metrics.txt"
  fi
  mirror_stop
  log "rep $r: ${full[*]: -1} ms"
done
note "start-up: $REPS start(s) per store, launch (java -jar) to first /readyz 200 polled every 10 ms, wall clock (the verdict) and the CPU time the process used until then (user + system, from /proc: less sensitive to the machine's load); store filled by StoreFiller.java through ContentStore.putExchange ($(cat "$W/fill.out")); Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), default heap."
med=$(median "${full[@]}")
if [ "$med" = NA ]; then
  not_measured "$ID" "$WHAT" "$GOAL" "the mirror did not become ready with the filled store (see $W/store-*.log)"; exit 0
fi
secs=$(awk -v m="$med" 'BEGIN { printf "%.3f", m / 1000 }')
row "$ID" "$WHAT" "$(fig ms "${full[@]}"), CPU $(num "$(median "${full_cpu[@]}")") ms (empty store: $(num "$(median "${empty[@]}")") ms, CPU $(num "$(median "${empty_cpu[@]}")") ms)" \
  "— (no peer loads a store like this; empty-store start shown as the floor)" "—" "$GOAL" "$(verdict "$secs" le 2)"
rm -rf "$W/store"
exit 0
