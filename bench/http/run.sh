#!/usr/bin/env bash
# HTTP throughput of Tickr.Bench.Server, graphql-http (graphql-js) and mercurius (graphql-jit), same schema,
# same queries, same load: wrk, POST, 64 connections, 2 threads, 5 s warm-up then 15 s measured.
#
#   bench/http/run.sh [pinned|shared]
#
# pinned (default): the server runs on CPU 0 and wrk on CPU 1 (taskset), so client and server never fight over
#   a core; every server gets exactly one core, which is all Node uses for JavaScript anyway.
# shared: no pinning; the server and wrk share both cores as the scheduler pleases.
# Env: DURATION (15), WARMUP (5, before each measurement), SERVER_WARMUP (10, once per server after it starts),
# CONNECTIONS (64), THREADS (2), PORT (5101), FLOORS (1: also measure the bench server's floor endpoints,
# bench/Tickr.Bench.Server/Baselines.cs).
# SERVER_WARMUP exists because .NET's tiered JIT (tier 0 → instrumented → optimized, compiled in the background)
# needs more than 5 s to settle when the server has a single core: measured, the first query after a 5 s warm-up
# cost ~25 µs of server CPU per request against ~17 µs once settled. Every server gets the same warm-up.
set -euo pipefail

mode=${1:-pinned}
duration=${DURATION:-15}
warmup=${WARMUP:-5}
server_warmup=${SERVER_WARMUP:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-5101}
floors=${FLOORS:-1}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
base="http://127.0.0.1:$port"

case $mode in
  pinned) server_cpu=(taskset -c 0); client_cpu=(taskset -c 1) ;;
  shared) server_cpu=(); client_cpu=() ;;
  *) echo "usage: $0 [pinned|shared]" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "Building Tickr.Bench.Server (Release)…" >&2
dotnet build -c Release "$root/bench/Tickr.Bench.Server" -nologo -v quiet >&2
# npm ci only when the lock file changed since the last install.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
fi

declare -A start=(
  [tickr]="dotnet $root/bench/Tickr.Bench.Server/bin/Release/net10.0/Tickr.Bench.Server.dll --urls $base --environment Production"
  [graphql-http]="node $here/graphql-http-server.mjs"
  [mercurius]="node $here/mercurius-server.mjs"
)
servers=(tickr graphql-http mercurius)
queries=('{ __typename }' '{ a b c }')
rows=()
declare -A rps

server_pid=
# Node exits 143 on SIGTERM: not a failure here.
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
trap stop_server EXIT

post() { curl -sf -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' --data "{\"query\":\"$2\"}" "$base$1"; }
# CPU time (user + system, in clock ticks) the server process has used so far.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

# measure NAME PATH QUERY: warm up, then one measured wrk run; appends a table row.
measure() {
  local name=$1 path=$2 q=$3 out line load t0 t1 wrk_cpu
  QUERY=$q "${client_cpu[@]}" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/post.lua" "$base$path" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(server_ticks)
  # /usr/bin/time gives wrk's own CPU share: near 100% of its core means the client, not the server, set the pace.
  out=$(QUERY=$q "${client_cpu[@]}" /usr/bin/time -f 'WRKCPU %P' wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$here/post.lua" "$base$path" 2>&1)
  t1=$(server_ticks)
  line=$(grep '^RESULT' <<<"$out")
  wrk_cpu=$(sed -nE 's/^WRKCPU ([0-9]+)%/\1/p' <<<"$out")
  [[ $line == *' non2xx=0 socket_errors=0' ]] || { echo "$name: failed requests: $line" >&2; exit 1; }
  local r p50 p99 requests
  r=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  rps[$name,$q]=$r
  # Server CPU per request (µs): how much work one request costs, whoever limited the rate.
  local tick_us=$((1000000 / $(getconf CLK_TCK)))
  local cpu_pct cpu_us
  cpu_pct=$(awk -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v s="$duration" 'BEGIN { printf "%.0f", 100 * d / hz / s }')
  cpu_us=$(awk -v d=$((t1 - t0)) -v t="$tick_us" -v n="$requests" 'BEGIN { printf "%.1f", d * t / n }')
  rows+=("$q|$name|$r|$(awk -v us="$p50" 'BEGIN { printf "%.2f", us / 1000 }')|$(awk -v us="$p99" 'BEGIN { printf "%.2f", us / 1000 }')|$cpu_pct|$cpu_us|$wrk_cpu|$load")
  echo "$name $path $q: $line server_cpu=${cpu_pct}% cpu_us_per_req=$cpu_us wrk_cpu=${wrk_cpu}% load=$load" >&2
}

for s in "${servers[@]}"; do
  echo "== $s" >&2
  PORT=$port NODE_ENV=production "${server_cpu[@]}" ${start[$s]} >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do post /graphql '{ __typename }' >/dev/null 2>&1 && break; sleep 0.1; done
  QUERY='{ a b c }' "${client_cpu[@]}" wrk -t"$threads" -c"$connections" -d"${server_warmup}s" -s "$here/post.lua" "$base/graphql" >/dev/null
  for q in "${queries[@]}"; do
    # Every server must answer data without errors before its speed means anything.
    answer=$(post /graphql "$q")
    [[ $answer == *'"data"'* && $answer != *'"errors"'* ]] || { echo "$s answered $q with: $answer" >&2; exit 1; }
    measure "$s" /graphql "$q"
  done
  if [[ $s == tickr && $floors == 1 ]]; then
    measure "floor: Kestrel, body drained, constant answer" /baseline/static '{ a b c }'
    measure "floor: Kestrel + body parsed (JsonDocument)" /baseline/json '{ a b c }'
    measure "floor: Kestrel + body parsed + GraphQLExecutor + ExecutionResultWriter" /baseline/engine '{ a b c }'
  fi
  stop_server
done

echo
echo "wrk $threads threads, $connections connections, ${server_warmup} s server warm-up, then per row ${warmup} s warm-up + ${duration} s measured, POST; mode: $mode" \
  "($( [[ $mode == pinned ]] && echo 'server on CPU 0, wrk on CPU 1' || echo 'server and wrk share both CPUs, unpinned'));" \
  "$(nproc) CPUs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| query | server | req/s | × mercurius | p50 ms | p99 ms | server CPU % | server CPU µs/req | wrk CPU % | 1-min load |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  IFS='|' read -r q name r p50 p99 cpu_pct cpu_us wrk_cpu load <<<"$row"
  ratio=$(awk -v a="$r" -v b="${rps[mercurius,$q]}" 'BEGIN { printf "%.2f", a / b }')
  [[ $name == floor:* ]] && ratio="–"
  echo "| \`$q\` | $name | $r | $ratio | $p50 | $p99 | $cpu_pct | $cpu_us | $wrk_cpu | $load |"
done
