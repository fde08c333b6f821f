#!/usr/bin/env bash
# One command for every benchmark table in docs/BENCHMARKS.md:
#
#   bench/run.sh                      # build if needed, measure everything, print the report, update the doc
#
# It records the physical references (openssl speed, Netty loopback TCP) and the JMH benchmarks, then
# starts, on loopback only: the embedded backend (tdsproxy.jar testserver), tdsproxy (one instance per
# certificate, through tdsproxy-bench.jar proxy-host for in-process heap/direct/allocation figures;
# TDS 7.x full and login-only, plaintext, and TDS 8.0 strict on the same port), HAProxy and stunnel
# (Debian packages, installed when missing) terminating TLS-first (strict) in front of the same
# backend; runs the generator's scenarios against each, and writes the markdown report. Every process it starts is
# stopped on exit, by pid. A full run takes about 6-10 minutes on 2 cores.
#
# Knobs (environment variables; defaults in brackets):
#   BENCH_OUT       output directory [bench/out/<UTC timestamp>]
#   BENCH_DOC       markdown file whose GENERATED section is replaced ["docs/BENCHMARKS.md"; "" = do not touch]
#   PORT_BASE       first of ~12 consecutive loopback ports [24400]
#   CONNECT_SECONDS seconds per connect measurement [3]      CONNECT_WORKERS concurrent handshakes [8]
#   LATENCY_SECONDS seconds per latency measurement [3]      LATENCY_WARMUP  seconds [1]
#   TP_CONNECTIONS  throughput connection counts [1,16,256]  TP_BYTES bytes per throughput row [268435456]
#   TP_WARMUP_BYTES [67108864]                                IDLE_CONNECTIONS [1000]
#   PROXY_JAVA_OPTS JVM options of the proxy [-Xms256m -Xmx256m -XX:+AlwaysPreTouch: a fixed, pre-touched
#                   heap so that RSS growth per idle connection is off-heap memory only]
#   SCENARIOS       which generator scenarios run [connect latency throughput idle]
#   JMH_OPTS        JMH options [-f 1 -wi 2 -i 3 -w 1s -r 1s]; JMH=0 skips JMH
#   SKIP_BUILD=1    use the jars as they are
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${BENCH_OUT:-$ROOT/bench/out/$STAMP}
DOC=${BENCH_DOC-docs/BENCHMARKS.md}
PORT_BASE=${PORT_BASE:-24400}
CONNECT_SECONDS=${CONNECT_SECONDS:-3}
CONNECT_WORKERS=${CONNECT_WORKERS:-8}
LATENCY_SECONDS=${LATENCY_SECONDS:-3}
LATENCY_WARMUP=${LATENCY_WARMUP:-1}
TP_CONNECTIONS=${TP_CONNECTIONS:-1,16,256}
TP_BYTES=${TP_BYTES:-268435456}
TP_WARMUP_BYTES=${TP_WARMUP_BYTES:-67108864}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-1000}
PROXY_JAVA_OPTS=${PROXY_JAVA_OPTS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch}
PROXY_JAR=$ROOT/proxy-server/target/tdsproxy.jar
BENCH_JAR=$ROOT/proxy-bench/target/tdsproxy-bench.jar
CLK_TCK=$(getconf CLK_TCK)
TLS12_CIPHERS=ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256
TLS13_SUITE=TLS_AES_128_GCM_SHA256

mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
LOG=$OUT/run.log
: > "$RESULTS"
FAILURES=0
PIDS=()

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$LOG"; }

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

wait_port() {
  local port=$1 i
  for i in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$port after 30 s; see $OUT/*.log" >&2
  exit 1
}

# ------------------------------------------------------------------ prerequisites
need_pkg() {
  if ! command -v "$1" >/dev/null 2>&1; then
    log "installing Debian package $2"
    apt-get install -y -q "$2" >>"$LOG" 2>&1 || { apt-get update -q >>"$LOG" 2>&1 && apt-get install -y -q "$2" >>"$LOG" 2>&1; }
  fi
}
need_pkg haproxy haproxy
need_pkg stunnel4 stunnel4
need_pkg openssl openssl
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$BENCH_JAR" || ! -f "$PROXY_JAR" ]]; then
  log "building the jars (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests >>"$LOG" 2>&1
fi

# ------------------------------------------------------------------ machine and references
record() { printf '%s\n' "$*" >> "$RESULTS"; }
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
record "$(printf 'scenario=machine\tdate=%s\tcores=%s\tcpu=%s\tkernel=%s\tjava=%s\thaproxy=%s\tstunnel=%s\topenssl=%s\tloadStart=%s\tproxyJavaOpts=%s\tcommand=%s' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$CPU_MODEL" "$(uname -r)" \
  "$(java -version 2>&1 | head -1 | tr -d '"')" "$(haproxy -v | head -1 | awk '{print $3}')" \
  "$(stunnel -version 2>&1 | grep -m1 '^stunnel' | awk '{print $2}')" "$(openssl version | awk '{print $2}')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$PROXY_JAVA_OPTS" "bench/run.sh")"

log "references: openssl speed (one core), Netty loopback TCP"
AES=$(openssl speed -mr -seconds 2 -bytes 16384 -evp aes-128-gcm 2>/dev/null | awk -F: '/^\+F:/{print $4}')
record "$(printf 'scenario=ref-aes\tbytesPerSec=%s' "$AES")"
openssl speed -mr -seconds 2 rsa2048 ecdsap256 2>/dev/null | awk -F: '
  /^\+F2:/{printf "scenario=ref-sign\talg=rsa2048\tsignPerSec=%s\tverifyPerSec=%s\n", $4, $5}
  /^\+F4:/{printf "scenario=ref-sign\talg=ecdsap256\tsignPerSec=%s\tverifyPerSec=%s\n", $4, $5}' >> "$RESULTS"
for c in 1 16; do
  java -jar "$BENCH_JAR" loopback --connections $c --bytes 2147483648 --results "$RESULTS" >>"$LOG" 2>&1 || FAILURES=$((FAILURES+1))
done

if [[ "${JMH:-1}" == 1 ]]; then
  log "JMH (PRELOGIN decode, packet framing, relay)"
  # shellcheck disable=SC2086
  # JMH exits 0 when a benchmark fails, so its log is checked too.
  if ! java -jar "$BENCH_JAR" jmh ${JMH_OPTS:--f 1 -wi 2 -i 3 -w 1s -r 1s} -rf csv -rff "$OUT/jmh.csv" >"$OUT/jmh.log" 2>&1 \
      || grep -q '<failure>' "$OUT/jmh.log"; then
    FAILURES=$((FAILURES+1))
    record "$(printf 'scenario=jmh\tfailed=yes\targs=see jmh.log')"
    log "JMH FAILED (see $OUT/jmh.log)"
  fi
fi

# ------------------------------------------------------------------ certificates and configurations
P_BACKEND=$PORT_BASE
P_PROXY_RSA=$((PORT_BASE+1)); S_PROXY_RSA=$((PORT_BASE+2))
P_PROXY_EC=$((PORT_BASE+3));  S_PROXY_EC=$((PORT_BASE+4))
P_HAPROXY_RSA=$((PORT_BASE+5)); P_HAPROXY_EC=$((PORT_BASE+6))
P_STUNNEL_RSA=$((PORT_BASE+7)); P_STUNNEL_EC=$((PORT_BASE+8))

for kt in rsa2048 ecp256; do
  java -jar "$PROXY_JAR" cert generate --cn localhost --san 127.0.0.1 --key-type $kt \
    --cert "$OUT/$kt.pem" --key "$OUT/$kt.key" --force >>"$LOG" 2>&1
  cat "$OUT/$kt.pem" "$OUT/$kt.key" > "$OUT/$kt.haproxy.pem"
done

proxy_conf() { # port cert admin-port
  # [admin]: each instance its own metrics port (releases without an [admin] section ignore it, and
  # then only one tdsproxy runs at a time, which this script keeps to anyway).
  cat <<CONF
[network]
ipaddress = 127.0.0.1
tcpport = $1
tlscert = $OUT/$2.pem
tlskey = $OUT/$2.key
tlsprotocols = 1.2,1.3
tlsciphers = $TLS12_CIPHERS:$TLS13_SUITE
forceencryption = 0
[backend]
host = 127.0.0.1
port = $P_BACKEND
[admin]
ipaddress = 127.0.0.1
port = $3
CONF
}
proxy_conf $P_PROXY_RSA rsa2048 $((PORT_BASE+11)) > "$OUT/tdsproxy-rsa2048.conf"
proxy_conf $P_PROXY_EC ecp256 $((PORT_BASE+12)) > "$OUT/tdsproxy-ecp256.conf"

cat > "$OUT/haproxy.cfg" <<CONF
global
    maxconn 4096
    ssl-default-bind-ciphers $TLS12_CIPHERS
    ssl-default-bind-ciphersuites $TLS13_SUITE
    ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3
    tune.ssl.default-dh-param 2048
defaults
    mode tcp
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    maxconn 4096
listen tds-rsa2048
    bind 127.0.0.1:$P_HAPROXY_RSA ssl crt $OUT/rsa2048.haproxy.pem alpn tds/8.0
    server backend 127.0.0.1:$P_BACKEND
listen tds-ecp256
    bind 127.0.0.1:$P_HAPROXY_EC ssl crt $OUT/ecp256.haproxy.pem alpn tds/8.0
    server backend 127.0.0.1:$P_BACKEND
CONF

stunnel_service() { # name port cert
  cat <<CONF
[$1]
accept = 127.0.0.1:$2
connect = 127.0.0.1:$P_BACKEND
cert = $OUT/$3.pem
key = $OUT/$3.key
sslVersionMin = TLSv1.2
sslVersionMax = TLSv1.3
ciphers = $TLS12_CIPHERS
ciphersuites = $TLS13_SUITE
CONF
}
{
  printf 'foreground = yes\npid =\nsyslog = no\noutput = %s/stunnel.log\ndebug = 3\nsocket = l:TCP_NODELAY=1\nsocket = r:TCP_NODELAY=1\n' "$OUT"
  stunnel_service tds-rsa2048 $P_STUNNEL_RSA rsa2048
  stunnel_service tds-ecp256 $P_STUNNEL_EC ecp256
} > "$OUT/stunnel.conf"

# ------------------------------------------------------------------ start the targets
log "starting backend, tdsproxy (rsa2048), haproxy, stunnel"
java -jar "$PROXY_JAR" testserver --host 127.0.0.1 --port $P_BACKEND > "$OUT/backend.log" 2>&1 &
BACKEND_PID=$!; PIDS+=($BACKEND_PID)
start_proxy() { # certificate label, stats port; sets PROXY_PID
  # shellcheck disable=SC2086
  java $PROXY_JAVA_OPTS -jar "$BENCH_JAR" proxy-host --config "$OUT/tdsproxy-$1.conf" --stats-port $2 \
    >> "$OUT/tdsproxy-$1.log" 2>&1 &
  PROXY_PID=$!; PIDS+=($PROXY_PID)
}
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
start_proxy rsa2048 $S_PROXY_RSA
haproxy -db -f "$OUT/haproxy.cfg" > "$OUT/haproxy.log" 2>&1 &
HAPROXY_PID=$!; PIDS+=($HAPROXY_PID)
stunnel "$OUT/stunnel.conf" > "$OUT/stunnel.stdout" 2>&1 &
STUNNEL_PID=$!; PIDS+=($STUNNEL_PID)
for p in $P_BACKEND $P_PROXY_RSA $P_HAPROXY_RSA $P_HAPROXY_EC $P_STUNNEL_RSA $P_STUNNEL_EC; do wait_port $p; done

# ------------------------------------------------------------------ the generator
SCENARIOS=${SCENARIOS:-connect latency throughput idle}
gen() { # scenario, then generator options
  local scenario=$1; shift
  [[ " $SCENARIOS " == *" $scenario "* ]] || return 0
  log "  $scenario $*"
  if ! java -jar "$BENCH_JAR" "$scenario" --results "$RESULTS" --clk-tck "$CLK_TCK" --backend-pid $BACKEND_PID "$@" >>"$LOG" 2>&1; then
    FAILURES=$((FAILURES+1))
    record "$(printf 'scenario=%s\tfailed=yes\targs=%s' "$scenario" "$*")"
    log "  FAILED: $scenario $* (see $LOG)"
  fi
}

# target label | mode | tls | port(rsa) | port(ecdsa) | relay kind | stats port(rsa)
TARGETS=(
  "direct|PLAINTEXT|1.2|$P_BACKEND|-|-|-"
  "tdsproxy-full|FULL|1.2|$P_PROXY_RSA|$P_PROXY_EC|tdsproxy|$S_PROXY_RSA"
  "tdsproxy-login-only|LOGIN_ONLY|1.2|$P_PROXY_RSA|$P_PROXY_EC|tdsproxy|$S_PROXY_RSA"
  "tdsproxy-plaintext|PLAINTEXT|1.2|$P_PROXY_RSA|-|tdsproxy|$S_PROXY_RSA"
  "tdsproxy-strict|STRICT|1.2|$P_PROXY_RSA|$P_PROXY_EC|tdsproxy|$S_PROXY_RSA"
  "haproxy-strict|STRICT|1.2|$P_HAPROXY_RSA|$P_HAPROXY_EC|haproxy|-"
  "stunnel-strict|STRICT|1.2|$P_STUNNEL_RSA|$P_STUNNEL_EC|stunnel|-"
  "tdsproxy-strict|STRICT|1.3|$P_PROXY_RSA|$P_PROXY_EC|tdsproxy|$S_PROXY_RSA"
  "haproxy-strict|STRICT|1.3|$P_HAPROXY_RSA|$P_HAPROXY_EC|haproxy|-"
  "stunnel-strict|STRICT|1.3|$P_STUNNEL_RSA|$P_STUNNEL_EC|stunnel|-"
)
relay_pid() { # relay kind
  case $1 in tdsproxy) echo "$PROXY_PID" ;; haproxy) echo "$HAPROXY_PID" ;; stunnel) echo "$STUNNEL_PID" ;; *) echo - ;; esac
}

# Phase 1: every scenario with the RSA-2048 certificate.
for t in "${TARGETS[@]}"; do
  IFS='|' read -r label mode tls port port_ec kind stats <<<"$t"
  log "target $label ($mode, TLS $tls)"
  common=(--target "$label" --mode "$mode" --tls "$tls")
  pid=$(relay_pid "$kind")
  relay=(); [[ "$pid" != - ]] && relay=(--relay-pid "$pid")
  st=(); [[ "$stats" != - ]] && st=(--stats-port "$stats")
  certlabel=rsa2048; [[ "$mode" == PLAINTEXT ]] && certlabel=-
  gen connect "${common[@]}" --port "$port" --cert $certlabel "${relay[@]}" "${st[@]}" \
      --workers "$CONNECT_WORKERS" --duration "$CONNECT_SECONDS"
  gen latency "${common[@]}" --port "$port" --cert $certlabel "${relay[@]}" "${st[@]}" \
      --duration "$LATENCY_SECONDS" --warmup "$LATENCY_WARMUP"
  gen throughput "${common[@]}" --port "$port" --cert $certlabel "${relay[@]}" "${st[@]}" \
      --connections "$TP_CONNECTIONS" --total-bytes "$TP_BYTES" --warmup-bytes "$TP_WARMUP_BYTES"
done

# Phase 2: connect with the ECDSA P-256 certificate (tdsproxy restarted with it; one tdsproxy at a time).
stop_pid "$PROXY_PID"
start_proxy ecp256 $S_PROXY_EC
wait_port $P_PROXY_EC
for t in "${TARGETS[@]}"; do
  IFS='|' read -r label mode tls port port_ec kind stats <<<"$t"
  [[ "$port_ec" == - ]] && continue
  pid=$(relay_pid "$kind")
  gen connect --target "$label" --mode "$mode" --tls "$tls" --port "$port_ec" --cert ecp256 --relay-pid "$pid" \
      --workers "$CONNECT_WORKERS" --duration "$CONNECT_SECONDS"
done
stop_pid "$PROXY_PID"

# ------------------------------------------------------------------ idle: a fresh relay process per row
# RSS only grows where a process has not been before: a relay that already served thousands of
# connections reuses freed memory and would show almost nothing. So each idle row gets its own new
# process (RSA certificate, TLS 1.2), started here and stopped after the row.
P_IDLE=$((PORT_BASE+9)); S_IDLE=$((PORT_BASE+10))
proxy_conf $P_IDLE rsa2048 $((PORT_BASE+13)) > "$OUT/tdsproxy-idle.conf"
sed -n '1,/^listen/p' "$OUT/haproxy.cfg" | sed '$d' > "$OUT/haproxy-idle.cfg"
printf 'listen tds-idle\n    bind 127.0.0.1:%s ssl crt %s alpn tds/8.0\n    server backend 127.0.0.1:%s\n' \
  $P_IDLE "$OUT/rsa2048.haproxy.pem" $P_BACKEND >> "$OUT/haproxy-idle.cfg"
{
  printf 'foreground = yes\npid =\nsyslog = no\noutput = %s/stunnel-idle.log\ndebug = 3\nsocket = l:TCP_NODELAY=1\nsocket = r:TCP_NODELAY=1\n' "$OUT"
  stunnel_service tds-idle $P_IDLE rsa2048
} > "$OUT/stunnel-idle.conf"

idle_row() { # label mode kind(tdsproxy|haproxy|stunnel)
  local label=$1 mode=$2 kind=$3 pid stats=()
  case $kind in
    tdsproxy)
      # shellcheck disable=SC2086
      java $PROXY_JAVA_OPTS -jar "$BENCH_JAR" proxy-host --config "$OUT/tdsproxy-idle.conf" --stats-port $S_IDLE \
        >> "$OUT/tdsproxy-idle.log" 2>&1 &
      pid=$!; stats=(--stats-port $S_IDLE) ;;
    haproxy) haproxy -db -f "$OUT/haproxy-idle.cfg" >> "$OUT/haproxy-idle.log" 2>&1 & pid=$! ;;
    stunnel) stunnel "$OUT/stunnel-idle.conf" >> "$OUT/stunnel-idle.stdout" 2>&1 & pid=$! ;;
  esac
  PIDS+=("$pid")
  wait_port $P_IDLE
  [[ $kind == tdsproxy ]] && wait_port $S_IDLE
  local certlabel=rsa2048; [[ "$mode" == PLAINTEXT ]] && certlabel=-
  gen idle --target "$label" --mode "$mode" --tls 1.2 --port $P_IDLE --cert $certlabel --relay-pid "$pid" \
    "${stats[@]}" --connections "$IDLE_CONNECTIONS"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$P_IDLE") 2>/dev/null || break; sleep 0.2; done
}
if [[ " $SCENARIOS " == *" idle "* ]]; then
log "idle: fresh relay per row"
idle_row tdsproxy-full FULL tdsproxy
idle_row tdsproxy-login-only LOGIN_ONLY tdsproxy
idle_row tdsproxy-plaintext PLAINTEXT tdsproxy
idle_row tdsproxy-strict STRICT tdsproxy
idle_row haproxy-strict STRICT haproxy
idle_row stunnel-strict STRICT stunnel
fi

record "$(printf 'scenario=machine-end\tloadEnd=%s' "$(cut -d' ' -f1-3 /proc/loadavg)")"

# ------------------------------------------------------------------ report
java -jar "$BENCH_JAR" report --results "$RESULTS" --jmh "$OUT/jmh.csv" --out "$OUT/report.md" ${DOC:+--doc "$DOC"} >>"$LOG" 2>&1
cat "$OUT/report.md"
log "results: $RESULTS, report: $OUT/report.md${DOC:+, updated $DOC}; failures: $FAILURES"
exit $((FAILURES > 0 ? 1 : 0))
