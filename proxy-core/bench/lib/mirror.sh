# Starting and stopping the mirror for the benchmarks (sourced after common.sh).

# mirror_start DATADIR MODE LOGFILE [EXTRA SERVE ARGS...]: `vscmirror serve` on ephemeral loopback ports; waits
# for readiness (/readyz, else /healthz, else the TLS port). Sets MIRROR_PID, MIRROR_TLS_PORT, MIRROR_ADMIN_PORT,
# MIRROR_PROXY_PORT, MIRROR_READY_MS (launch to ready, wall clock), MIRROR_READY_CPU_MS (CPU used until ready). JVM options come from MIRROR_JAVA_OPTS.
mirror_start() {
  local data=$1 mode=$2 logfile=$3; shift 3
  local jar; jar=$(mirror_jar) || { log "no proxy-core/target/vscmirror.jar"; return 1; }
  MIRROR_TLS_PORT=$(free_port); MIRROR_ADMIN_PORT=$(free_port); MIRROR_PROXY_PORT=$(free_port)
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  bg_start "$logfile" java ${MIRROR_JAVA_OPTS:-} -jar "$jar" serve --data-dir "$data" --mode "$mode" \
    --tls-listen "127.0.0.1:$MIRROR_TLS_PORT" --proxy-listen "127.0.0.1:$MIRROR_PROXY_PORT" \
    --admin-listen "127.0.0.1:$MIRROR_ADMIN_PORT" --access-log off --log-level warn "$@"
  MIRROR_PID=$BG_PID
  if ! mirror_wait_ready "${MIRROR_READY_TIMEOUT:-120}"; then
    log "mirror not ready: $(tail -5 "$logfile" | tr '\n' ' ')"
    stop_pid "$MIRROR_PID"; return 1
  fi
  MIRROR_READY_MS=$((($(date +%s%N) - t0) / 1000000))
  MIRROR_READY_CPU_MS=$(cpu_ms "$MIRROR_PID")
}

# cpu_ms PID: CPU time (user + system) the process has used so far, in ms (a figure the machine's load barely moves).
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null
}

# mirror_wait_ready SECONDS: bounded poll of the admin listener (fast: 10 ms steps).
mirror_wait_ready() {
  local deadline=$((SECONDS + $1)) code
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$MIRROR_PID" 2>/dev/null || return 1
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$MIRROR_ADMIN_PORT/readyz" 2>/dev/null)
    [ "$code" = 200 ] && return 0
    if [ "$code" = 404 ]; then # no /readyz in this build: healthz
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$MIRROR_ADMIN_PORT/healthz")
      [ "$code" = 200 ] && return 0
    fi
    sleep 0.01
  done
  return 1
}

mirror_stop() { stop_pid "$MIRROR_PID"; MIRROR_PID=; }

# mirror_ca DATADIR: the mirror's CA certificate (what clients trust).
mirror_ca() { echo "$1/ca/ca.crt"; }

# vm_kb PID FIELD: a /proc/PID/status field in kB (VmHWM = peak RSS, VmRSS = now).
vm_kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status" 2>/dev/null; }
