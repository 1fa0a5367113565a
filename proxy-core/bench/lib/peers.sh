# Peer servers and load tools for the benchmarks (sourced after common.sh).

# need_tools CMD...: install the Debian packages of missing peer tools (apt-get update once per run).
need_tools() {
  local missing=() c pkg
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 && continue
    case $c in
      nginx) pkg=nginx-light ;; mitmdump) pkg=mitmproxy ;; h2load) pkg=nghttp2-client ;;
      *) pkg=$c ;;
    esac
    missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt)"
  if [ ! -f "$BENCH_WORK/.apt-updated" ]; then
    apt-get update -qq >/dev/null 2>&1 && touch "$BENCH_WORK/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || { log "missing tool: $c"; return 1; }; done
}

# nginx_start DIR PORT CERT KEY ROOT TLSPROTO CIPHER: nginx serving ROOT over TLS on 127.0.0.1:PORT; sets NGINX_PID.
# NGINX_HTTP_EXTRA / NGINX_LOCATION add directives to the http block / the `location /` block (e.g. proxy_cache).
# Defaults a user would keep (workers = cores, sendfile), access log off like the mirror's; the TLS protocol and
# cipher are pinned to what the mirror negotiated, so both sides encrypt the same way.
nginx_start() {
  local dir=$1 port=$2 cert=$3 key=$4 root=$5 proto=${6:-} cipher=${7:-} tlsconf=""
  mkdir -p "$dir/tmp"
  case $proto in
    TLSv1.3) tlsconf="ssl_protocols TLSv1.3; ssl_conf_command Ciphersuites $cipher;" ;;
    TLSv1.2) tlsconf="ssl_protocols TLSv1.2; ssl_ciphers $cipher;" ;;
  esac
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
user root;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 120s; keepalive_requests 1000000;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy; fastcgi_temp_path $dir/tmp/fcgi;
  uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  ${NGINX_HTTP_EXTRA:-}
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $cert; ssl_certificate_key $key;
    $tlsconf
    root $root;
    location / { ${NGINX_LOCATION:-} }
  }
}
CONF
  bg_start "$dir/stderr.log" nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
  NGINX_PID=$BG_PID
  wait_port "$port" 20 || { log "nginx did not start: $(tail -3 "$dir/error.log" "$dir/stderr.log" 2>/dev/null)"; return 1; }
}

# nginx_kb PID FIELD: a /proc status field (VmRSS, VmHWM) summed over the nginx master and its workers (kB).
nginx_kb() {
  local pids; pids="$1 $(pgrep -P "$1" | tr '\n' ' ')"
  local p t=0 v
  for p in $pids; do v=$(awk -v f="$2:" '$1 == f {print $2}' "/proc/$p/status" 2>/dev/null); t=$((t + ${v:-0})); done
  echo "$t"
}

# run_wrk HOSTSFILE OUTFILE THREADS CONNS SECS URL: wrk (no Lua) inside a private hosts namespace, so the URL's
# host (sent as SNI and Host) resolves to 127.0.0.1. Prints "reqs_per_s MB_per_s p50_ms p99_ms" or "NA ..." when
# wrk failed or saw errors / non-2xx answers.
run_wrk() {
  local hosts=$1 out=$2 t=$3 c=$4 d=$5 url=$6
  timeout $((d + 60)) unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" \
    wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s --latency "$url" >"$out" 2>&1
  parse_wrk "$out"
}

# parse_wrk FILE: see run_wrk.
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000;
                     if (v ~ /s$/) return v * 1000; return v }
    function bytes(v) { n = v + 0; if (v ~ /KB$/) return n * 1024; if (v ~ /MB$/) return n * 1048576;
                        if (v ~ /GB$/) return n * 1073741824; if (v ~ /TB$/) return n * 1099511627776; return n }
    / 50% / { p50 = ms($2) }  / 99% / { p99 = ms($2) }
    / requests in / { secs = $4; sub(/,$/, "", secs); secs = ms(secs) / 1000; rd = bytes($5) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses|Socket errors:.*(read|write|timeout) [1-9]|Socket errors: connect [1-9]/ { bad = 1 }
    END { if (bad || rps == "" || secs == 0) { print "NA NA NA NA"; exit }
          printf "%s %.1f %.3f %.3f\n", rps, rd / secs / 1e6, p50, p99 }' "$1"
}

# run_h2load OUTPREFIX SECS CONNS URL CONNECT_PORT [H2LOAD ARGS...]: HTTP/1.1 over TLS (h2load --h1), keep-alive,
# SNI and Host from URL, connecting to 127.0.0.1:CONNECT_PORT. Prints "reqs_per_s p50_ms p99_ms" (throughput from
# h2load's summary, latency from its per-request log), or "NA NA NA" when a request failed or was not a 200.
run_h2load() {
  local out=$1 secs=$2 conns=$3 url=$4 port=$5; shift 5
  timeout $((secs + 60)) h2load --h1 -D "$secs" --warm-up-time=1 -c "$conns" -t 1 --connect-to "127.0.0.1:$port" \
    --log-file "$out.log" "$@" "$url" >"$out.txt" 2>&1
  local rps bad
  rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$out.txt")
  # Bad: any 3xx/4xx/5xx answer, or more unfinished streams than connections (those in flight when time is up).
  bad=$(grep -E '^status codes:' "$out.txt" | grep -cE ' [1-9][0-9]* [345]xx')
  if [ -z "$rps" ] || [ "$bad" -gt 0 ] || [ ! -s "$out.log" ] || \
      awk -v c="$conns" '$2 != 200 { e++ } END { exit !(e > c) }' "$out.log"; then
    echo "NA NA NA"; return
  fi
  awk '$2 == 200 { print $3 / 1000 }' "$out.log" | sort -g | awk -v rps="$rps" '{ d[NR] = $1 }
    END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
          printf "%s %.3f %.3f\n", rps, d[i50], d[i99] }'
}
