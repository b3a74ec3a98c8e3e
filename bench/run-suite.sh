#!/usr/bin/env bash
# The standard benchmark suite (issue 5): both servers, one run, loopback only; (issue 14)
# 1,000 WebSocket users through the web gateway in front of the callback server; and (issue 13) a
# cluster of a callback node and a streams node on a redis-server of its own.
#
# For each server (callback, streams) it starts the server jar on a free loopback port, runs the
# standard runs with chat-bench, repeats each R times, stops the server with SIGTERM (and checks it
# exits 0); each idle (memory) run and each connect storm (issue 12) gets a fresh server. For "web"
# it starts the callback server and chat-web in front of it and runs the latency run through the
# gateway with chat-bench --websocket.
# Servers and gateway run with the repository's jvm.options (the heap cap the figures hold for).
# Then dev.chatd.bench.report.SuiteReport keeps the median of each run and writes
# bench/results/results.json, docs/perf-deliveries.png, docs/perf-p99.png and the README's
# Performance section (from the servers' runs), and bench/results/results-web.json and the README's
# web gateway table (from the web runs). For "cluster" it starts redis-server (AOF, fsync every
# second) on a free loopback port and two nodes on it, and runs with 1,000 users split over both
# (senders on both): (a) 10 x 20 msg/s, p99; (b) full speed; both also against a stand-alone
# callback server in the same suite; (c) 10 x 20 msg/s while a third node starts and 100 users log in on it; each
# with Redis's and every node's CPU; dev.chatd.bench.report.ClusterReport writes
# bench/results/results-cluster.json and the README's cluster table. For "transport" (issue 12) it
# runs the callback server with --transport epoll and with --transport io_uring, a fresh server per
# run, the two taking turns; dev.chatd.bench.report.TransportReport writes
# bench/results/results-transport.json and the README's transport table. Run it on a quiet machine:
# the generator shares the CPUs with the server (and the gateway, and Redis).
#
#   bench/run-suite.sh                 # R = 3, about 45 minutes on 2 cores (the 10,000-user logins dominate)
#   bench/run-suite.sh --quick         # R = 1, about 16 minutes: checks that everything works
#   bench/run-suite.sh --servers web   # only the web gateway's runs, about 2 minutes; the servers' figures stay
#   bench/run-suite.sh --servers cluster  # only the cluster's runs, about 4 minutes with R = 3
#   bench/run-suite.sh --servers transport  # epoll against io_uring, about 8 minutes with R = 3
#   bench/run-suite.sh --report-only   # redraw table, charts and README from the last raw results
#
# Options: --repeats R, --servers "callback streams web cluster transport", --no-readme (leave README.md alone).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

REPEATS=3
SERVERS="callback streams web cluster transport"
REPORT_ONLY=0
README_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) REPEATS=1 ;;
    --repeats) REPEATS="$2"; shift ;;
    --servers) SERVERS="$2"; shift ;;
    --report-only) REPORT_ONLY=1 ;;
    --no-readme) README_ARGS=(--no-readme) ;;
    -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-suite: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$REPEATS" in ''|*[!0-9]*|0) echo "run-suite: --repeats must be a positive number" >&2; exit 2 ;; esac

RESULTS="$ROOT/bench/results"
RAW="$RESULTS/raw"

# --- the standard runs --------------------------------------------------------------------------
# Each line: name, users, then the generator's arguments. The name says what the report does with
# it: fanout = full speed (deliveries/s), latency = 10 senders x 20 msg/s (p99), latency10 = 10
# senders x 10 msg/s (p99; issue 12 holds 5,000 users to it), c10k = 10,000 users
# with 10 senders x 10 msg/s for 30 s, as the C10k target says, idle = logins and memory per user,
# storm<R> = 10,000 connections opened at R per second, however many logins are in flight (issue 12).
SENDERS=10
RUNS=(
  "fanout 100   --senders $SENDERS --duration 5 --warmup"
  "fanout 1000  --senders $SENDERS --duration 5 --warmup"
  "fanout 5000  --senders $SENDERS --duration 5 --warmup --timeout 240"
  "latency 100  --senders $SENDERS --rate 20 --duration 10 --warmup"
  "latency 1000 --senders $SENDERS --rate 20 --duration 10 --warmup"
  "latency 5000 --senders $SENDERS --rate 20 --duration 10 --warmup --timeout 240"
  "latency10 5000 --senders $SENDERS --rate 10 --duration 10 --warmup --timeout 240"
  "c10k 10000   --senders $SENDERS --rate 10 --duration 30 --timeout 300"
  "idle 10000   --timeout 300"
  "storm2000 10000 --connect-rate 2000 --timeout 120"
  "storm5000 10000 --connect-rate 5000 --timeout 120"
)
# Through the gateway: the latency run of issue 14 (its target: p99 <= 20 ms), as chat-bench --websocket.
WEB_RUNS=(
  "latency 1000 --senders $SENDERS --rate 20 --duration 10 --warmup"
)
# The cluster's runs (issue 13): name, users, the generator's arguments. The users are split over
# two nodes; "join" also starts a third node during the run (see cluster_join).
CLUSTER_RUNS=(
  "latency 1000 --senders $SENDERS --rate 20 --duration 10 --warmup"
  "fanout 1000  --senders $SENDERS --duration 5 --warmup"
  "join 1000    --senders $SENDERS --rate 20 --duration 20"
)
# epoll against io_uring (issue 12): name, users, the generator's arguments; each run on a fresh
# callback server per transport.
TRANSPORT_RUNS=(
  "fanout 1000  --senders $SENDERS --duration 5 --warmup"
  "latency 1000 --senders $SENDERS --rate 20 --duration 10 --warmup"
  "latency10 5000 --senders $SENDERS --rate 10 --duration 10 --warmup --timeout 240"
)
TRANSPORTS="epoll io_uring"
JOIN_USERS=100      # users who log in on the third node while it joins
JOIN_AFTER=5        # seconds into the "join" run at which the third node starts
# How long the third node's users stay once logged in: at least the "join" run's 20 s of sending,
# so that they are still in when it ends however fast the node starts and they log in (a fixed
# 10 s had them leave before the end on a fast machine, and the run saw their leave lines).
JOIN_HOLD=20
MAX_USERS=12000     # the server's --max-users: room for 10,000 and a run's stragglers
FD_NEEDED=12300     # the server holds up to MAX_USERS sockets; the generator one per user

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "run-suite: $*" >&2; exit 2; }

RAW_CLUSTER="$RESULTS/raw-cluster"
RAW_TRANSPORT="$RESULTS/raw-transport"

report() {
  log "report: median of each run -> bench/results/results*.json, docs/perf-*.png, README.md"
  if compgen -G "$RAW/*/*.json" >/dev/null; then
    java -cp "$1" dev.chatd.bench.report.SuiteReport --raw "$RAW" --results "$RESULTS/results.json" \
      --charts "$ROOT/docs" --readme "$ROOT/README.md" "${README_ARGS[@]}"
  fi
  if [ -d "$RAW_CLUSTER" ]; then
    java -cp "$1" dev.chatd.bench.report.ClusterReport --raw "$RAW_CLUSTER" \
      --results "$RESULTS/results-cluster.json" --readme "$ROOT/README.md" "${README_ARGS[@]}"
  fi
  if [ -d "$RAW_TRANSPORT" ]; then
    java -cp "$1" dev.chatd.bench.report.TransportReport --raw "$RAW_TRANSPORT" \
      --results "$RESULTS/results-transport.json" --readme "$ROOT/README.md" "${README_ARGS[@]}"
  fi
}

if [ "$REPORT_ONLY" = 1 ]; then
  [ -f "$ROOT/chat-bench/target/chat-bench.jar" ] || mvn -B -q -DskipTests package
  report "$ROOT/chat-bench/target/chat-bench.jar"
  exit 0
fi

# --- preconditions ------------------------------------------------------------------------------
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$FD_NEEDED" ]; then
  hard=$(ulimit -Hn)
  if [ "$hard" = unlimited ] || [ "$hard" -ge "$FD_NEEDED" ]; then
    ulimit -n "$FD_NEEDED"
  else
    die "need $FD_NEEDED open files per process (10,000 users plus slack) but the hard limit is $hard; raise it (as root: ulimit -Hn $FD_NEEDED, or nofile in /etc/security/limits.conf) and retry"
  fi
fi
command -v java >/dev/null || die "java not found (JDK 17+ needed)"
command -v jcmd >/dev/null || die "jcmd not found: the idle run needs it for the live heap (install the full JDK, not a JRE)"

if [ ! -f chat-bench/target/chat-bench.jar ] || [ ! -f chat-callback/target/chat-callback.jar ] \
   || [ ! -f chat-streams/target/chat-streams.jar ] || [ ! -f chat-web/target/chat-web.jar ]; then
  log "building the jars (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi
# Run from copies, so a rebuild during the suite cannot change a jar under a running JVM.
JARS=$(mktemp -d)
SERVER_PID=""
GATEWAY_PID=""
NODE_PIDS=()
REDIS_PID=""
REDIS_DIR=""
cleanup() {
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then kill -TERM "$GATEWAY_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID" 2>/dev/null || true; fi
  for pid in "${NODE_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true; done
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then kill -TERM "$REDIS_PID" 2>/dev/null || true; fi
  [ -n "$REDIS_DIR" ] && rm -rf "$REDIS_DIR"
  rm -rf "$JARS"
}
trap cleanup EXIT
cp chat-bench/target/chat-bench.jar chat-callback/target/chat-callback.jar chat-streams/target/chat-streams.jar \
   chat-web/target/chat-web.jar "$JARS/"
BENCH_JAR="$JARS/chat-bench.jar"

# Only the raw results of what runs now are replaced: "--servers web" keeps the servers' last ones.
CHAT_SERVERS=""
RUN_WEB=0
RUN_CLUSTER=0
RUN_TRANSPORT=0
for server in $SERVERS; do
  case "$server" in
    callback|streams) CHAT_SERVERS="$CHAT_SERVERS $server" ;;
    web) RUN_WEB=1 ;;
    cluster) RUN_CLUSTER=1 ;;
    transport) RUN_TRANSPORT=1 ;;
    *) die "unknown server $server (callback, streams, web, cluster or transport)" ;;
  esac
  case "$server" in
    cluster) rm -rf "${RAW_CLUSTER:?}" ;;
    transport) rm -rf "${RAW_TRANSPORT:?}" ;;
    *) rm -rf "${RAW:?}/$server" ;;
  esac
done
if [ "$RUN_CLUSTER" = 1 ]; then
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || die "the cluster runs need redis-server and redis-cli (apt-get install -y redis-server)"
fi
if [ -n "$CHAT_SERVERS" ]; then rm -f "$RAW/suite.json"; fi
mkdir -p "$RAW"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
TOTAL=$(( ($(wc -w <<<"$CHAT_SERVERS") * ${#RUNS[@]} + RUN_WEB * ${#WEB_RUNS[@]} + RUN_CLUSTER * (${#CLUSTER_RUNS[@]} + 2)
          + RUN_TRANSPORT * $(wc -w <<<"$TRANSPORTS") * ${#TRANSPORT_RUNS[@]}) * REPEATS ))
log "suite: servers [$SERVERS], $TOTAL runs ($REPEATS repeats each); load average before: $LOAD_BEFORE"

# --- one server's life --------------------------------------------------------------------------
open_fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
# Idle runs (memory) and connect storms (a server that has just started) each get a fresh server.
fresh_server_run() { case "$1" in idle|storm*) return 0 ;; *) return 1 ;; esac; }

start_server() {  # $1 = callback|streams, $2 = log file, $3... = more server flags; sets SERVER_PID and PORT
  : >"$2" # exists before the JVM's own redirect does, so the first look for the port cannot fail
  java @"$ROOT/jvm.options" -jar "$JARS/chat-$1.jar" --host 127.0.0.1 --port 0 --rate-limit 0 --max-users "$MAX_USERS" "${@:3}" >"$2" 2>&1 &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/.* listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$2" | head -1)
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$2" >&2; die "the $1 server exited during startup"; }
    sleep 0.1
  done
  [ -n "$PORT" ] || die "the $1 server did not say it was listening within 30 s (see $2)"
  BASE_FDS=$(open_fds "$SERVER_PID")
}

# The generator closes its users at the end of a run; wait until the server has closed them too,
# or the next run's users would find the server fuller than it looks.
wait_for_server_idle() {
  for _ in $(seq 1 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died (see its log)"
    [ "$(open_fds "$SERVER_PID")" -le $((BASE_FDS + 20)) ] && return 0
    sleep 0.1
  done
  log "warning: the server still holds $(open_fds "$SERVER_PID") descriptors (at start: $BASE_FDS)"
}

stop_server() {  # $1 = server name
  kill -TERM "$SERVER_PID"
  local rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  [ "$rc" = 0 ] || die "the $1 server exited with status $rc after SIGTERM (expected 0)"
  log "$1: stopped cleanly (exit 0)"
}

summary() {  # one line from a result file, if jq is here
  command -v jq >/dev/null || return 0
  jq -r 'if .delivery then "\(.delivery.perSecond|floor) deliveries/s, p99 \(.latency.p99Ms) ms, lost \(.delivery.lost), generator \(.generatorCpu.coresUsed) cores"
         elif .storm then "\(.storm.loggedIn) of \(.storm.opened) in, \(.storm.connectErrors) connect errors, \(.storm.resets) resets, login \(.login.seconds) s"
         else "login \(.login.seconds) s, heap/user \(.serverMemory.liveHeapBytesPerUser // "?") B" end' "$1" 2>/dev/null || true
}

run_one() {  # $1 = server, $2 = run name, $3 = users, $4 = generator flags, $5 = repeat, $6 = target flags
  local server=$1 name=$2 users=$3 args=$4 rep=$5 target=${6:-"--port $PORT --server-pid $SERVER_PID"} command=fanout rc=0
  fresh_server_run "$name" && command=idle
  done_runs=$((done_runs + 1))
  wait_for_server_idle
  local out="$RAW/$server/$name-$users-r$rep.json"
  log "[$done_runs/$TOTAL] $server $name $users users (repeat $rep/$REPEATS)"
  # shellcheck disable=SC2086  # $args is a list of flags
  # shellcheck disable=SC2086  # $target is a list of flags too
  java -jar "$BENCH_JAR" "$command" $target --users "$users" $args --name-prefix "${name}${rep}u" \
    --out "$out" >/dev/null 2>"${out%.json}.log" || rc=$?
  case "$rc" in
    0) log "    ok: $(summary "$out")" ;;
    1) log "    NOT CLEAN (kept; see ${out%.json}.log): $(summary "$out")" ;;
    *) log "    could not run (exit $rc): $(tail -1 "${out%.json}.log")"; rm -f "$out" ;;
  esac
}

start_gateway() {  # $1 = log file; the callback server is running on $PORT; sets GATEWAY_PID and GATEWAY_PORT
  : >"$1"
  java @"$ROOT/jvm.options" -jar "$JARS/chat-web.jar" --host 127.0.0.1 --port 0 --upstream "127.0.0.1:$PORT" >"$1" 2>&1 &
  GATEWAY_PID=$!
  GATEWAY_PORT=""
  for _ in $(seq 1 300); do
    GATEWAY_PORT=$(sed -n 's/.*chat-web listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1" | head -1)
    [ -n "$GATEWAY_PORT" ] && break
    kill -0 "$GATEWAY_PID" 2>/dev/null || { cat "$1" >&2; die "the gateway exited during startup"; }
    sleep 0.1
  done
  [ -n "$GATEWAY_PORT" ] || die "the gateway did not say it was listening within 30 s (see $1)"
}

stop_gateway() {
  kill -TERM "$GATEWAY_PID"
  local rc=0
  wait "$GATEWAY_PID" || rc=$?
  GATEWAY_PID=""
  [ "$rc" = 0 ] || die "the gateway exited with status $rc after SIGTERM (expected 0)"
  log "web: gateway stopped cleanly (exit 0)"
}

# --- the cluster (issue 13) ---------------------------------------------------------------------
free_port() {  # a port nothing listens on now, below Linux's ephemeral range (32768-60999)
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 12000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  die "no free port found for redis-server"
}

start_redis() {  # sets REDIS_PID, REDIS_PORT, REDIS_DIR
  REDIS_DIR=$(mktemp -d)
  local attempt
  for attempt in 1 2 3 4 5; do  # another port if the one found free was taken meanwhile
    REDIS_PORT=$(free_port)
    # AOF with an fsync a second, as the compose file runs it; no RDB snapshots.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --save '' --appendonly yes \
      --appendfsync everysec --daemonize no --logfile "$REDIS_DIR/redis.log" &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
      [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && return 0
      kill -0 "$REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$REDIS_PID" 2>/dev/null && die "redis-server did not answer within 10 s"
    mkdir -p "$RAW_CLUSTER" && cp "$REDIS_DIR/redis.log" "$RAW_CLUSTER/redis-failed-$attempt.log" 2>/dev/null || true
    log "cluster: redis-server exited at startup on port $REDIS_PORT (attempt $attempt; log in raw-cluster/)"
  done
  die "redis-server would not start (see $RAW_CLUSTER/redis-failed-*.log)"
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=""
  cp "$REDIS_DIR/redis.log" "$RAW_CLUSTER/redis.log" 2>/dev/null || true
  rm -rf "$REDIS_DIR"
  REDIS_DIR=""
}

start_node() {  # $1 = callback|streams, $2 = node id; appends to NODE_PIDS and NODE_PORTS
  start_server "$1" "$RAW_CLUSTER/node-$2.log" --redis "redis://127.0.0.1:$REDIS_PORT" --node-id "$2"
  NODE_PIDS+=("$SERVER_PID")
  NODE_PORTS+=("$PORT")
  SERVER_PID=""
  log "cluster: node $2 ($1) pid ${NODE_PIDS[-1]} on 127.0.0.1:${NODE_PORTS[-1]}"
}

stop_node() {  # $1 = index into NODE_PIDS, $2 = node id
  local pid=${NODE_PIDS[$1]} rc=0
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  [ "$rc" = 0 ] || die "node $2 exited with status $rc after SIGTERM (expected 0)"
  log "cluster: node $2 stopped cleanly (exit 0)"
}

wait_for_nodes_idle() {  # as wait_for_server_idle, for the first two nodes
  local i
  for i in 0 1; do
    SERVER_PID=${NODE_PIDS[$i]} BASE_FDS=${NODE_FDS[$i]} wait_for_server_idle
  done
}

cluster_run() {  # $1 = run name, $2 = users, $3 = generator flags, $4 = repeat, $5 = output file
  local rc=0
  # shellcheck disable=SC2086  # $3 is a list of flags
  java -jar "$BENCH_JAR" fanout --targets "127.0.0.1:${NODE_PORTS[0]},127.0.0.1:${NODE_PORTS[1]}" \
    --cpu-pids "redis=$REDIS_PID,node1=${NODE_PIDS[0]},node2=${NODE_PIDS[1]}" \
    --users "$2" $3 --name-prefix "c${1}${4}u" --out "$5" >/dev/null 2>"${5%.json}.log" || rc=$?
  return "$rc"
}

run_outcome() {  # $1 = exit code, $2 = output file
  case "$1" in
    0) log "    ok: $(summary "$2")" ;;
    1) log "    NOT CLEAN (kept; see ${2%.json}.log): $(summary "$2")" ;;
    *) log "    could not run (exit $1): $(tail -1 "${2%.json}.log")"; rm -f "$2" ;;
  esac
}

fanout_on_server() {  # $1 = users, $2 = generator flags, $3 = name prefix, $4 = output file; the server on $PORT
  local rc=0
  # shellcheck disable=SC2086  # $2 is a list of flags
  java -jar "$BENCH_JAR" fanout --port "$PORT" --server-pid "$SERVER_PID" --users "$1" $2 \
    --name-prefix "$3" --out "$4" >/dev/null 2>"${4%.json}.log" || rc=$?
  run_outcome "$rc" "$4"
}

# (c): the run goes on while a third node starts and JOIN_USERS users log in on it and stay
# until the run is over; the run must stay clean (nothing lost, nothing out of order).
cluster_join() {  # $1 = users, $2 = generator flags, $3 = repeat, $4 = output file
  local rc=0 bench join_rc=0
  cluster_run join "$1" "$2" "$3" "$4" &
  bench=$!
  # After the login and settling of the run's users (a few seconds), then JOIN_AFTER into sending.
  for _ in $(seq 1 600); do grep -q '\] send ' "${4%.json}.log" 2>/dev/null && break; sleep 0.1; done
  sleep "$JOIN_AFTER"
  start_node streams node3
  java -jar "$BENCH_JAR" idle --port "${NODE_PORTS[2]}" --users "$JOIN_USERS" --hold "$JOIN_HOLD" \
    --name-prefix "j${3}u" --out "${4%.json}-node3.json" >/dev/null 2>"${4%.json}-node3.log" || join_rc=$?
  wait "$bench" || rc=$?
  stop_node 2 node3
  unset 'NODE_PIDS[2]' 'NODE_PORTS[2]'
  NODE_PIDS=("${NODE_PIDS[@]}")
  NODE_PORTS=("${NODE_PORTS[@]}")
  [ "$join_rc" = 0 ] || log "    the third node's $JOIN_USERS users: exit $join_rc (see ${4%.json}-node3.log)"
  return "$rc"
}

run_cluster() {
  mkdir -p "$RAW_CLUSTER"
  local cluster_started cluster_load cluster_start rep run name users args out rc
  cluster_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  cluster_load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
  cluster_start=$SECONDS
  # A stand-alone callback server first, in the same suite: (b)'s figure is a share of its
  # deliveries/s, and its (a) shows what the machine gives one server.
  start_server callback "$RAW_CLUSTER/single.log"
  log "cluster: stand-alone callback server pid $SERVER_PID on 127.0.0.1:$PORT, for (b)'s comparison"
  BASE_FDS=$(open_fds "$SERVER_PID")
  for run in "${CLUSTER_RUNS[@]:0:2}"; do  # (a) and (b) on one server, to compare
    read -r name users args <<<"$run"
    for rep in $(seq 1 "$REPEATS"); do
      done_runs=$((done_runs + 1))
      wait_for_server_idle
      out="$RAW_CLUSTER/single-$name-$users-r$rep.json"
      log "[$done_runs/$TOTAL] cluster: the stand-alone server's $name $users users (repeat $rep/$REPEATS)"
      fanout_on_server "$users" "$args" "s${name}${rep}u" "$out"
    done
  done
  stop_server callback
  start_redis
  log "cluster: redis-server pid $REDIS_PID on 127.0.0.1:$REDIS_PORT (AOF, fsync every second)"
  NODE_PIDS=()
  NODE_PORTS=()
  start_node callback node1
  start_node streams node2
  NODE_FDS=("$(open_fds "${NODE_PIDS[0]}")" "$(open_fds "${NODE_PIDS[1]}")")
  for run in "${CLUSTER_RUNS[@]}"; do
    read -r name users args <<<"$run"
    for rep in $(seq 1 "$REPEATS"); do
      done_runs=$((done_runs + 1))
      wait_for_nodes_idle
      out="$RAW_CLUSTER/$name-$users-r$rep.json"
      log "[$done_runs/$TOTAL] cluster $name $users users over 2 nodes (repeat $rep/$REPEATS)"
      rc=0
      if [ "$name" = join ]; then cluster_join "$users" "$args" "$rep" "$out" || rc=$?
      else cluster_run "$name" "$users" "$args" "$rep" "$out" || rc=$?; fi
      run_outcome "$rc" "$out"
    done
  done
  stop_node 1 node2
  stop_node 0 node1
  NODE_PIDS=()
  stop_redis
  suite_json "$RAW_CLUSTER/suite.json" "$cluster_started" "$cluster_load" $((SECONDS - cluster_start)) " --servers cluster"
}

# --- epoll against io_uring (issue 12) ----------------------------------------------------------
# A fresh callback server per run and transport, the transports taking turns, so that neither gets
# a quieter stretch of a shared machine or a server the runs before it left warmer.
run_transports() {
  mkdir -p "$RAW_TRANSPORT"
  local started load start run name users args rep transport out rc
  started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
  start=$SECONDS
  for run in "${TRANSPORT_RUNS[@]}"; do
    read -r name users args <<<"$run"
    for rep in $(seq 1 "$REPEATS"); do
      for transport in $TRANSPORTS; do
        done_runs=$((done_runs + 1))
        start_server callback "$RAW_TRANSPORT/server-$transport-$name-r$rep.log" --transport "$transport"
        out="$RAW_TRANSPORT/$transport-$name-$users-r$rep.json"
        log "[$done_runs/$TOTAL] transport $transport: $name $users users (repeat $rep/$REPEATS)"
        fanout_on_server "$users" "$args" "t${name}${rep}u" "$out"
        stop_server "callback ($transport)"
      done
    done
  done
  suite_json "$RAW_TRANSPORT/suite.json" "$started" "$load" $((SECONDS - start)) " --servers transport"
}

done_runs=0
suite_start=$SECONDS
for server in $CHAT_SERVERS; do
  mkdir -p "$RAW/$server"
  start_server "$server" "$RAW/$server/server.log"
  log "$server: pid $SERVER_PID on 127.0.0.1:$PORT"
  for run in "${RUNS[@]}"; do
    read -r name users args <<<"$run"
    fresh_server_run "$name" && continue
    for rep in $(seq 1 "$REPEATS"); do run_one "$server" "$name" "$users" "$args" "$rep"; done
  done
  stop_server "$server"
  # Memory per user is measured on a fresh server each time: after the other runs, the baseline
  # would include whatever they left behind (pools, caches, heap not yet given back). A connect
  # storm hits a fresh server too, as reconnecting clients hit a restarted one.
  for run in "${RUNS[@]}"; do
    read -r name users args <<<"$run"
    fresh_server_run "$name" || continue
    for rep in $(seq 1 "$REPEATS"); do
      start_server "$server" "$RAW/$server/server-$name-r$rep.log"
      log "$server: fresh server for $name, pid $SERVER_PID on 127.0.0.1:$PORT"
      run_one "$server" "$name" "$users" "$args" "$rep"
      stop_server "$server"
    done
  done
done

suite_json() {  # $1 = file, $2 = start, $3 = load before, $4 = seconds, $5 = extra options of the command
  cat >"$1" <<EOF
{"started": "$2", "finished": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "repeats": $REPEATS,
 "loadAverageBefore": "$3", "loadAverageAfter": "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)",
 "seconds": $4,
 "command": "bench/run-suite.sh$5$([ "$REPEATS" = 1 ] && echo ' --quick' || { [ "$REPEATS" = 3 ] || echo " --repeats $REPEATS"; })"}
EOF
}
if [ -n "$CHAT_SERVERS" ]; then suite_json "$RAW/suite.json" "$STARTED" "$LOAD_BEFORE" $((SECONDS - suite_start)) ""; fi

if [ "$RUN_WEB" = 1 ]; then
  mkdir -p "$RAW/web"
  web_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  web_load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
  web_start=$SECONDS
  start_server callback "$RAW/web/server.log"
  start_gateway "$RAW/web/gateway.log"
  log "web: callback server pid $SERVER_PID on 127.0.0.1:$PORT, gateway pid $GATEWAY_PID on 127.0.0.1:$GATEWAY_PORT"
  for run in "${WEB_RUNS[@]}"; do
    read -r name users args <<<"$run"
    for rep in $(seq 1 "$REPEATS"); do
      run_one web "$name" "$users" "$args" "$rep" \
        "--websocket --port $GATEWAY_PORT --server-pid $SERVER_PID --gateway-pid $GATEWAY_PID"
    done
  done
  stop_gateway
  stop_server callback
  suite_json "$RAW/web/suite.json" "$web_started" "$web_load" $((SECONDS - web_start)) " --servers web"
fi
if [ "$RUN_CLUSTER" = 1 ]; then run_cluster; fi
if [ "$RUN_TRANSPORT" = 1 ]; then run_transports; fi
log "suite took $(( (SECONDS - suite_start) / 60 )) min $(( (SECONDS - suite_start) % 60 )) s"
report "$BENCH_JAR"
