#!/usr/bin/env bash
# WebSocket fan-out, without and with shared subscription execution in the same run: N graphql-transport-ws
# subscriptions (default 10,000) on one topic of Tickr.Bench.Server, messages published at a fixed rate (default
# 100/s), publish → last subscriber's receipt (p50/p99), server memory per subscription, server CPU per delivered
# event, and the unshared/shared ratio. Everything on loopback.
#
#   bench/Tickr.Bench.WsFanout/run.sh [pinned|shared] [extra Tickr.Bench.WsFanout options]
#   bench/Tickr.Bench.WsFanout/run.sh shared --subscriptions 2000 --messages 200 --rate 100
#
# pinned (default): server on CPU 0, the client on CPU 1 (as bench/http/run.sh); shared: no pinning.
# Options (Program.cs, Args): --subscriptions N, --messages M (per phase), --rate R (per second), --drain-seconds S,
# --modes unshared,shared, and the scenario: --unshared-subscribe/--shared-subscribe (subscribe payload JSON),
# --publish (mutation with $seq/$text), --marker (text before the sequence number in a next message),
# --init-payload (connection_init payload JSON), --publish-header "Name: value", --server-pid (another server).
set -euo pipefail

mode=${1:-pinned}; shift || true
port=${PORT:-5102}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $mode in
  pinned) server_cpu=(taskset -c 0); client_cpu=(taskset -c 1) ;;
  shared) server_cpu=(); client_cpu=() ;;
  *) echo "usage: $0 [pinned|shared] [options]" >&2; exit 2 ;;
esac

# N sockets in each process, plus the runtime's own descriptors. Some containers cap the hard limit
# (this one at 20,000) and refuse to raise it even for root: then take the hard limit, if it is enough.
subscriptions=10000
for ((i = 1; i <= $#; i++)); do
  if [[ ${!i} == --subscriptions ]]; then j=$((i + 1)); subscriptions=${!j}; fi
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= subscriptions + 2000 )) || { echo "open-file limit $(ulimit -n) is too low for $subscriptions sockets" >&2; exit 1; }

echo "Building (Release)…" >&2
dotnet build -c Release "$root/bench/Tickr.Bench.Server" -nologo -v quiet >&2
dotnet build -c Release "$here" -nologo -v quiet >&2

"${server_cpu[@]}" dotnet "$root/bench/Tickr.Bench.Server/bin/Release/net10.0/Tickr.Bench.Server.dll" \
  --urls "http://127.0.0.1:$port" --environment Production >/dev/null 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/graphql?sdl" >/dev/null && break; sleep 0.1; done

echo "mode: $mode; open-file limit $(ulimit -n); $(nproc) CPUs; 1-min load average at start: $(cut -d' ' -f1 /proc/loadavg)"
"${client_cpu[@]}" dotnet "$here/bin/Release/net10.0/Tickr.Bench.WsFanout.dll" --url "http://127.0.0.1:$port/graphql" "$@"
echo "1-min load average at the end: $(cut -d' ' -f1 /proc/loadavg)"
