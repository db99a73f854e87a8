#!/usr/bin/env bash
# WebSocket fan-out: 5,000 graphql-transport-ws subscriptions on one topic of Tickr.Bench.Server, 20 messages,
# publish → last receipt, and server memory per idle subscription. Everything on loopback.
#
#   bench/Tickr.Bench.WsFanout/run.sh [pinned|shared] [extra Tickr.Bench.WsFanout options]
#
# pinned (default): server on CPU 0, the client on CPU 1 (as bench/http/run.sh); shared: no pinning.
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

# 5,000 sockets in each process, plus the runtime's own descriptors. Some containers cap the hard limit
# (this one at 20,000) and refuse to raise it even for root: then take the hard limit, if it is enough.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= 12000 )) || { echo "open-file limit $(ulimit -n) is too low for 5,000 sockets" >&2; exit 1; }

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
