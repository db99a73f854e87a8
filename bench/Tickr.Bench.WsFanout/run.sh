#!/usr/bin/env bash
# WebSocket fan-out, without and with shared subscription execution in the same run: N graphql-transport-ws
# subscriptions (default 10,000) on one topic of Tickr.Bench.Server, messages published at a fixed rate (default
# 100/s), publish → last subscriber's receipt (p50/p99), server memory per subscription, server CPU per delivered
# event, and the unshared/shared ratio. Everything on loopback.
#
#   bench/Tickr.Bench.WsFanout/run.sh [pinned|shared|product] [extra Tickr.Bench.WsFanout options]
#   bench/Tickr.Bench.WsFanout/run.sh shared --subscriptions 2000 --messages 200 --rate 100
#   bench/Tickr.Bench.WsFanout/run.sh product --subscriptions 10000 --messages 1000 --rate 100
#
# pinned (default): server on CPU 0, the client on CPU 1 (as bench/http/run.sh); shared: no pinning.
# product: the real Tickr server (src/Tickr.Graph, Release) on its own durable PostgreSQL, started and seeded by
# bench/Tickr.Bench.LiveSetup (one published event, one 1,000,000-ticket type, one buyer); every connection subscribes
# to that event's inventoryChanged ([SharedSubscription]: shared phase only) and each publish is a one-ticket
# reserveTickets by the buyer; counter mode (--counter true, marker "held":) times each reservation from its answer
# (after its commit) to the last subscriber's first message counting it. No pinning.
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
  shared|product) server_cpu=(); client_cpu=() ;;
  *) echo "usage: $0 [pinned|shared|product] [options]" >&2; exit 2 ;;
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
dotnet build -c Release "$here" -nologo -v quiet >&2

if [[ $mode == product ]]; then
  dotnet build -c Release "$root/bench/Tickr.Bench.LiveSetup" -nologo -v quiet >&2
  work=$(mktemp -d /tmp/tickr-live-bench.XXXXXX)
  info=$work/env
  # LiveSetup runs until its standard input closes: a FIFO this script holds open, so it also stops if the script dies.
  mkfifo "$work/stdin"
  exec {hold}<>"$work/stdin"
  dotnet "$root/bench/Tickr.Bench.LiveSetup/bin/Release/net10.0/Tickr.Bench.LiveSetup.dll" "$info" "$port" <"$work/stdin" >&2 &
  setup_pid=$!
  trap 'kill -TERM $setup_pid 2>/dev/null || true; wait $setup_pid 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1800); do [[ -s $info ]] && break; kill -0 $setup_pid 2>/dev/null || { echo "LiveSetup failed" >&2; exit 1; }; sleep 0.1; done
  [[ -s $info ]] || { echo "LiveSetup was not ready in 180 s" >&2; exit 1; }
  # shellcheck disable=SC1090
  source "$info"
  selection='eventId at ticketTypes { ticketTypeId remaining sold held }'
  subscribe="{\"query\":\"subscription(\$e: ID!) { inventoryChanged(eventId: \$e) { $selection } }\",\"variables\":{\"e\":\"$EVENT_ID\"}}"
  publish="mutation { reserveTickets(input: { eventId: \"$EVENT_ID\", items: [{ ticketTypeId: \"$TICKET_TYPE_ID\", quantity: 1 }] }) { order { id } errors { __typename } } }"
  echo "mode: product; open-file limit $(ulimit -n); $(nproc) CPUs; server pid $SERVER_PID (log $SERVER_LOG); uptime at start: $(uptime)"
  dotnet "$here/bin/Release/net10.0/Tickr.Bench.WsFanout.dll" --url "http://127.0.0.1:$port/graphql" --modes shared \
    --unshared-subscribe "$subscribe" --shared-subscribe "$subscribe" --publish "$publish" --marker '"held":' --counter true --warmup-publishes "${WARMUP_PUBLISHES:-3000}" \
    --publish-header "Authorization: Bearer $BUYER_TOKEN" --server-pid "$SERVER_PID" "$@"
  echo "uptime at the end: $(uptime)"
  exit 0
fi

dotnet build -c Release "$root/bench/Tickr.Bench.Server" -nologo -v quiet >&2

"${server_cpu[@]}" dotnet "$root/bench/Tickr.Bench.Server/bin/Release/net10.0/Tickr.Bench.Server.dll" \
  --urls "http://127.0.0.1:$port" --environment Production >/dev/null 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/graphql?sdl" >/dev/null && break; sleep 0.1; done

echo "mode: $mode; open-file limit $(ulimit -n); $(nproc) CPUs; 1-min load average at start: $(cut -d' ' -f1 /proc/loadavg)"
"${client_cpu[@]}" dotnet "$here/bin/Release/net10.0/Tickr.Bench.WsFanout.dll" --url "http://127.0.0.1:$port/graphql" "$@"
echo "1-min load average at the end: $(cut -d' ' -f1 /proc/loadavg)"
