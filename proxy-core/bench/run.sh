#!/usr/bin/env bash
# vscmirror benchmarks (issue 8): every measure side by side with the peer a user would pick, in the same run on
# the same machine, merged into one Markdown report: proxy-core/target/bench/results.md
#
#   proxy-core/bench/run.sh            full run (several repetitions, full sizes; ~30-40 min on 2 cores)
#   proxy-core/bench/run.sh --quick    tiny sizes, 1 repetition, bounded to a few minutes (CI smoke)
#   BENCH_ONLY="replay tls"            run only some measures (replay tls memory startup catalog-peer catalog
#                                      recording export)
#   BENCH_REPS=N                       repetitions per figure (default 3; --quick: 1)
#
# Everything listens on 127.0.0.1; every process started is stopped by PID on exit; each measure is bounded by a
# timeout. Peers (nginx, mitmproxy, wrk, h2load, hyperfine, curl) are installed with apt when missing.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
QUICK=0
for a in "$@"; do
  case $a in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $a (expected: --quick)" >&2; exit 2 ;;
  esac
done
export BENCH_QUICK=$QUICK
export BENCH_REPS=${BENCH_REPS:-$([ "$QUICK" = 1 ] && echo 1 || echo 3)}
export BENCH_WORK=$REPO/proxy-core/bench/work/$([ "$QUICK" = 1 ] && echo quick || echo full)
export BENCH_ROWS=$BENCH_WORK/rows.tsv
OUT_DIR=$REPO/proxy-core/target/bench
OUT=$OUT_DIR/results.md
. "$REPO/proxy-core/bench/lib/common.sh"
BENCH_NAME=run
rm -rf "$BENCH_WORK"; mkdir -p "$BENCH_WORK" "$OUT_DIR"; : >"$BENCH_ROWS"; : >"$BENCH_WORK/notes.txt"
exec 3>&1 # the console, for progress

# Build the CLI jars when missing or older than the sources (the run measures what is on this tree).
jar=$REPO/proxy-core/target/vscmirror.jar
if [ ! -f "$jar" ] || [ -n "$(find config cert-authority proxy-core/src export-tool/src pom.xml */pom.xml \
      -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  log "building the jars (./mvnw -B -o -q -DskipTests package)"
  ./mvnw -B -o -q -DskipTests package >"$BENCH_WORK/build.log" 2>&1 || log "build failed: see $BENCH_WORK/build.log"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
t_start=$SECONDS

# Expected rows: the smoke check (.ci/bench-smoke.sh) insists every one of these is in the table.
EXPECTED_ROWS="replay-big-c1 replay-big-c32 replay-1m-c1 replay-1m-c32 catalog-exact-replay \
tls-handshakes tls-mint memory-record memory-replay memory-idle startup catalog recording export"
echo "$EXPECTED_ROWS" >"$BENCH_WORK/expected-rows.txt"

# write_report [partial]: the Markdown report from the rows so far (written after every measure, so a run that is
# stopped early still leaves what it measured).
write_report() {
  mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  ver() { "$@" 2>&1 | head -1 | tr -d '\r' | cut -c1-80; }
  {
    [ "${1:-}" = partial ] && printf '> **In progress** (%s): the measures below the last row have not run yet.\n\n' "$(date -u +%H:%M:%S)"
    echo "# vscmirror benchmarks$([ "$QUICK" = 1 ] && echo ' (quick smoke run: tiny sizes, 1 repetition — not for conclusions)')"
    echo
    echo "- run: $started, $((SECONDS - t_start)) s, $BENCH_REPS repetition(s) per figure; command \`proxy-core/bench/run.sh$([ "$QUICK" = 1 ] && echo ' --quick')\`"
    echo "- machine: $(nproc) cores ($cpu), $mem_total memory, kernel $(uname -r); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- versions: vscmirror $(git log -1 --format='%h %cs' 2>/dev/null) ($(ver java -version)); nginx $(nginx -v 2>&1 | sed 's/.*\///'); $(ver wrk -v | cut -d' ' -f1-2); h2load $(h2load --version 2>/dev/null | awk '{print $NF}'); mitmproxy $(mitmdump --version 2>/dev/null | sed -n 's/^Mitmproxy: *//p'); $(ver openssl version | cut -d' ' -f1-2); curl $(curl --version | head -1 | cut -d' ' -f2)"
    echo "- figures: median (min–max, n = repetitions); ratio = mirror ÷ peer on the medians; a verdict compares with the goal of issue 8. \"not measured\" says why."
    echo
    echo "| id | measure | mirror | peer | ratio | goal | verdict |"
    echo "|---|---|---|---|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$BENCH_ROWS"
    echo
    echo "## Method"
    echo
    echo "See proxy-core/bench/README.md. Per measure, as run:"
    echo
    sed 's/^/- /' "$BENCH_WORK/notes.txt"
    echo
    worst=$(awk -F'\t' '$5 ~ /^[0-9.]+$/ && $6 ~ /≥/ { print $5 "\t" $1 }' "$BENCH_ROWS" | sort -g | head -1)
    [ -n "$worst" ] && echo "Worst ratio where higher is better: $(echo "$worst" | cut -f1) ($(echo "$worst" | cut -f2))."
    echo
    [ -f "$BENCH_WORK/sections.md" ] && { echo "## Tables from the catalog, recording and export benchmarks"; echo; cat "$BENCH_WORK/sections.md"; }
  } >"$OUT"
}

# run_measure NAME TIMEOUT_SECS SCRIPT: one of our measure scripts, bounded; its rows land in $BENCH_ROWS.
run_measure() {
  local name=$1 limit=$2 script=$3
  case " ${BENCH_ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
  log "measure $name (at most ${limit}s)"
  local t0=$SECONDS
  timeout --kill-after=20 "$limit" bash "$script" >"$BENCH_WORK/$name.out" 2>"$BENCH_WORK/$name.err"
  local rc=$?
  log "measure $name: exit $rc in $((SECONDS - t0))s"
  [ $rc -eq 124 ] && echo "$name: stopped after ${limit}s (timeout)" >>"$BENCH_WORK/notes.txt"
  write_report partial
  return 0
}

# run_table NAME TIMEOUT_SECS SCRIPT QUICK_ARGS FULL_ARGS TITLE GOAL: a teammate's bench script that prints its own
# Markdown table; the table is merged into the report as a section and summarised as one row of the main table.
run_table() {
  local name=$1 limit=$2 script=$3 qargs=$4 fargs=$5 title=$6 goal=$7
  case " ${BENCH_ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
  if [ ! -f "$script" ]; then
    row "$name" "$title" "not measured: $script is not on this tree" "—" "—" "$goal" "not measured"; return 0
  fi
  log "measure $name ($script, at most ${limit}s)"
  local t0=$SECONDS args
  args=$([ "$QUICK" = 1 ] && echo "$qargs" || echo "$fargs")
  # shellcheck disable=SC2086
  timeout --kill-after=20 "$limit" bash "$script" $args >"$BENCH_WORK/$name.out" 2>"$BENCH_WORK/$name.err"
  local rc=$?
  log "measure $name: exit $rc in $((SECONDS - t0))s"
  local table; table=$(grep -E '^\|' "$BENCH_WORK/$name.out")
  if [ -z "$table" ]; then
    row "$name" "$title" "not measured: $script printed no table (exit $rc; $(tail -1 "$BENCH_WORK/$name.err" | tr '|' '/'))" \
      "—" "—" "$goal" "not measured"
    return 0
  fi
  printf '### %s\n\nFrom `%s%s` (exit %s, %s s):\n\n%s\n\n%s\n\n' "$title" "$script" "${args:+ $args}" "$rc" \
    "$((SECONDS - t0))" "$table" "$(grep -vE '^\|' "$BENCH_WORK/$name.out" | grep -v '^$' | sed 's/^/> /')" \
    >>"$BENCH_WORK/sections.md"
  local meets misses nm verdict
  meets=$(echo "$table" | grep -ciw 'meets'); misses=$(echo "$table" | grep -ciw 'misses')
  nm=$(echo "$table" | grep -ci 'not measured')
  if [ "$misses" -gt 0 ]; then verdict=misses; elif [ "$meets" -gt 0 ]; then verdict=meets; else verdict=reported; fi
  [ "$rc" -ne 0 ] && verdict="$verdict (script exit $rc)"
  row "$name" "$title" "$(($(echo "$table" | wc -l) - 2)) rows in the section below: $meets meet, $misses miss, $nm unmeasured" \
    "(in the section)" "(in the section)" "$goal" "$verdict"
  write_report partial
}

if [ "$QUICK" = 1 ]; then L=(300 240 240 300 300 400 300 300); else L=(1800 900 900 1800 1800 2400 1800 1800); fi
run_measure replay "${L[0]}" proxy-core/bench/replay/replay.sh
run_measure catalog-peer "${L[1]}" proxy-core/bench/replay/catalog-peer.sh
run_measure tls "${L[2]}" proxy-core/bench/tls/handshakes.sh
run_measure memory "${L[3]}" proxy-core/bench/memory/memory.sh
run_measure startup "${L[4]}" proxy-core/bench/startup/startup.sh
run_table catalog "${L[5]}" proxy-core/bench/catalog/run.sh --quick "" \
  "(2) catalog query engine: extensionquery p50/p99, throughput (1k/10k/60k extensions)" "p99 < 5 ms at 60k"
run_table recording "${L[6]}" proxy-core/bench/recording/run.sh --quick "" \
  "(3) recording overhead vs direct from the same upstream" "≥ 0.8 × direct; < 1 ms added TTFB p50"
run_table export "${L[7]}" export-tool/bench/export-import.sh 64 "" \
  "(7) export/import MB/s vs cp -r of the same bytes" "— (reported; compare with cp -r)"

# Rows a measure did not produce (it crashed or timed out) are reported, never left out.
for id in $EXPECTED_ROWS; do
  case " ${BENCH_ONLY:-x} " in " x ") ;; *) continue ;; esac
  cut -f1 "$BENCH_ROWS" | grep -qx "$id" || \
    row "$id" "$id" "not measured: its script produced no row (see proxy-core/bench/work/)" "—" "—" "—" "not measured"
done

# --- the report ---
write_report
cat "$OUT" >&3
echo "results: ${OUT#"$REPO"/}" >&3
