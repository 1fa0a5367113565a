# Shared helpers for the benchmark scripts (sourced, never run). Bash only.
#
# Every process a script starts goes through bg_start, which remembers its PID; the EXIT trap set by bench_init
# stops them all by PID (TERM, then KILL after a grace period). Every wait loop is bounded in count and time.
#
# Rows: a measure script appends one TSV line per figure to $BENCH_ROWS with `row`:
#   id <TAB> measure <TAB> mirror figure <TAB> peer figure <TAB> ratio <TAB> goal <TAB> verdict
# run.sh turns them into the Markdown table.

BENCH_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_DIR=$(cd "$BENCH_LIB/.." && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/../.." && pwd)
PYTHON=${PYTHON:-python3}
BENCH_PIDS=()

# bench_init NAME: per-script set-up: work dir, rows file, the EXIT trap. Uses BENCH_WORK / BENCH_ROWS from run.sh,
# or makes its own when a script is run alone.
bench_init() {
  BENCH_NAME=$1
  BENCH_QUICK=${BENCH_QUICK:-0}
  BENCH_REPS=${BENCH_REPS:-$([ "$BENCH_QUICK" = 1 ] && echo 1 || echo 3)}
  BENCH_WORK=${BENCH_WORK:-$BENCH_DIR/work/run-$$}
  BENCH_ROWS=${BENCH_ROWS:-$BENCH_WORK/rows.tsv}
  W=$BENCH_WORK/$BENCH_NAME
  rm -rf "$W"; mkdir -p "$W"
  touch "$BENCH_ROWS"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

log() { printf '[%s %s] %s\n' "$(date -u +%H:%M:%S)" "${BENCH_NAME:-bench}" "$*" >&2; }

# bg_start LOGFILE CMD...: start CMD in the background, output to LOGFILE; sets BG_PID and remembers it.
bg_start() {
  local logfile=$1; shift
  "$@" >"$logfile" 2>&1 &
  BG_PID=$!
  BENCH_PIDS+=("$BG_PID")
}

# stop_pid PID: TERM, wait up to 10 s, then KILL. Only ever PIDs this script started.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
  wait "$pid" 2>/dev/null
  return 0
}

bench_cleanup() {
  local i
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${BENCH_PIDS[$i]}"; done
  BENCH_PIDS=()
}

# free_port: an ephemeral loopback port that was free a moment ago.
free_port() {
  "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL SECONDS [CURL ARGS...]: poll until URL answers 200 (bounded); returns 1 on timeout.
wait_http() {
  local url=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs)) code
  while [ $SECONDS -lt $deadline ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" 2>/dev/null)
    [ "$code" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# wait_port PORT SECONDS: poll until something listens on 127.0.0.1:PORT.
wait_port() {
  local port=$1 secs=$2 deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# stats V1 V2 ...: prints "median min max" (numbers; median of an even count = mean of the middle two).
stats() {
  printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g | awk '
    { v[NR] = $1 }
    END { if (NR == 0) { print "NA NA NA"; exit }
          m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%s %s %s\n", m, v[1], v[NR] }'
}

# num X: a figure rounded for humans (3 significant digits, at least 0 decimals for big numbers).
num() {
  awk -v x="$1" 'BEGIN { if (x == "NA" || x == "") { print "NA"; exit }
    ax = (x < 0) ? -x : x
    if (ax >= 100) printf "%.0f\n", x; else if (ax >= 10) printf "%.1f\n", x; else if (ax >= 1) printf "%.2f\n", x;
    else printf "%.3g\n", x }'
}

# fig UNIT V1 V2 ...: "median UNIT (min–max, n=N)"; "NA" when no numbers.
fig() {
  local unit=$1; shift
  local s n; s=$(stats "$@"); n=$(printf '%s\n' "$@" | grep -cE '^[0-9.]+$')
  set -- $s
  [ "$1" = NA ] && { echo "NA"; return; }
  if [ "$n" -gt 1 ]; then echo "$(num "$1") $unit ($(num "$2")–$(num "$3"), n=$n)"; else echo "$(num "$1") $unit (n=1)"; fi
}

# median V1 V2 ...
median() { stats "$@" | cut -d' ' -f1; }

# ratio A B: A / B to 2 decimals, "NA" when either is missing or B is 0.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || a == "" || b == "" || b + 0 == 0) print "NA";
    else printf "%.2f\n", a / b }'
}

# verdict VALUE OP LIMIT: "meets" / "misses" (OP is ge or le); "not measured" when VALUE is NA.
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "NA" || v == "") { print "not measured"; exit }
    ok = (op == "ge") ? (v + 0 >= l + 0) : (v + 0 <= l + 0); print ok ? "meets" : "misses" }'
}

# row ID MEASURE MIRROR PEER RATIO GOAL VERDICT: append one result row.
row() {
  local IFS=$'\t'
  printf '%s\n' "$*" | tr -d '\r' >>"$BENCH_ROWS"
}

# not_measured ID MEASURE GOAL REASON: a row saying honestly why there is no figure.
not_measured() {
  row "$1" "$2" "not measured: $4" "—" "—" "$3" "not measured"
}

# note TEXT: a method note printed under the table (one line per call).
note() { printf '%s: %s\n' "$BENCH_NAME" "$*" >>"$BENCH_WORK/notes.txt"; }

# mirror_jar: the built vscmirror jar, or empty.
mirror_jar() {
  local j=$REPO_ROOT/proxy-core/target/vscmirror.jar
  [ -f "$j" ] && echo "$j"
}

# mirror_has COMMAND [SUBCOMMAND]: true when the built jar lists the command (parts of the mirror land over time).
mirror_has() {
  local j; j=$(mirror_jar) || return 1
  local parent=() last
  [ $# -gt 1 ] && parent=("${@:1:$#-1}")
  last=${*: -1}
  java -jar "$j" "${parent[@]}" --help 2>/dev/null | grep -qE "^ +$last( |$)"
}

# in_hosts HOSTSFILE CMD...: run CMD with a private /etc/hosts (own mount namespace; the machine's file is untouched).
in_hosts() {
  local hosts=$1; shift
  unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "$@"
}
