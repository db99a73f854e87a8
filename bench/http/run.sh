#!/usr/bin/env bash
# HTTP throughput of Tickr.Bench.Server, graphql-http (graphql-js) and mercurius (graphql-jit), same schema,
# same queries, same load: wrk, POST, 64 connections, 2 threads, 5 s warm-up then 15 s measured.
#
#   bench/http/run.sh [pinned|shared]
#
# pinned (default): the server runs on CPU 0 and wrk on CPU 1 (taskset), so client and server never fight over
#   a core; every server gets exactly one core, which is all Node uses for JavaScript anyway.
# shared: no pinning; the server and wrk share both cores as the scheduler pleases.
# Env: DURATION (15), WARMUP (5), CONNECTIONS (64), THREADS (2), PORT (5101).
set -euo pipefail

mode=${1:-pinned}
duration=${DURATION:-15}
warmup=${WARMUP:-5}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-5101}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
url="http://127.0.0.1:$port/graphql"

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
  [tickr]="dotnet $root/bench/Tickr.Bench.Server/bin/Release/net10.0/Tickr.Bench.Server.dll --urls http://127.0.0.1:$port --environment Production"
  [graphql-http]="node $here/graphql-http-server.mjs"
  [mercurius]="node $here/mercurius-server.mjs"
)
servers=(tickr graphql-http mercurius)
queries=('{ __typename }' '{ a b c }')
declare -A rps p50 p99 load

server_pid=
# Node exits 143 on SIGTERM: not a failure here.
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
trap stop_server EXIT

post() { curl -sf -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' --data "{\"query\":\"$1\"}" "$url"; }

for s in "${servers[@]}"; do
  echo "== $s" >&2
  PORT=$port NODE_ENV=production "${server_cpu[@]}" ${start[$s]} >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do post '{ __typename }' >/dev/null 2>&1 && break; sleep 0.1; done
  for q in "${queries[@]}"; do
    # Every server must answer the same data without errors before its speed means anything.
    answer=$(post "$q")
    [[ $answer == *'"data"'* && $answer != *'"errors"'* ]] || { echo "$s answered $q with: $answer" >&2; exit 1; }
    QUERY=$q "${client_cpu[@]}" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/post.lua" "$url" >/dev/null
    load[$s,$q]=$(cut -d' ' -f1 /proc/loadavg)
    out=$(QUERY=$q "${client_cpu[@]}" wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$here/post.lua" "$url")
    line=$(grep '^RESULT' <<<"$out")
    [[ $line == *' non2xx=0 socket_errors=0' ]] || { echo "$s: failed requests: $line" >&2; exit 1; }
    rps[$s,$q]=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
    p50[$s,$q]=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    p99[$s,$q]=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    echo "$s $q: $line (load before: ${load[$s,$q]})" >&2
  done
  stop_server
done

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
echo
echo "wrk $threads threads, $connections connections, ${warmup} s warm-up + ${duration} s, POST; mode: $mode" \
  "($( [[ $mode == pinned ]] && echo 'server on CPU 0, wrk on CPU 1' || echo 'server and wrk share both CPUs, unpinned'));" \
  "$(nproc) CPUs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| query | server | req/s | p50 ms | p99 ms | × mercurius | 1-min load before |"
echo "|---|---|---:|---:|---:|---:|---:|"
for q in "${queries[@]}"; do
  for s in "${servers[@]}"; do
    ratio=$(awk -v a="${rps[$s,$q]}" -v b="${rps[mercurius,$q]}" 'BEGIN { printf "%.2f", a / b }')
    echo "| \`$q\` | $s | ${rps[$s,$q]} | $(ms "${p50[$s,$q]}") | $(ms "${p99[$s,$q]}") | $ratio | ${load[$s,$q]} |"
  done
done
