#!/usr/bin/env bash
# The flash-sale benchmark (bench/flashsale/RESULTS.md, bench/README.md "Flash sale"): the real Tickr server answering
# reserveTickets over HTTP on PostgreSQL — 2,000 buyers at once for 1,000 tickets (must end with exactly 1,000 held and
# none oversold), then sustained closed loops of 32 and 64 clients on a 1,000,000-ticket pool (16 buckets) and on one
# hot bucket — and in the same run pgbench sending the reservation's SQL to the same PostgreSQL (the floor).
#
#   bench/flashsale/run.sh [Tickr.Bench.FlashSale options, e.g. --clients 32 --duration 30]
#
# It starts its own PostgreSQL cluster from Debian's binaries (durable: fsync and synchronous_commit on), builds and
# starts src/Tickr.Graph's Release build, prints a Markdown report on stdout (progress on stderr) and exits non-zero
# if any check failed (oversold, not exactly sold out, holds that do not match orders, an answer other than an order
# or SOLD_OUT).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if ! compgen -G "/usr/lib/postgresql/*/bin/pgbench" >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    apt-get install -y postgresql >&2
  else
    echo "PostgreSQL is missing: apt-get install -y postgresql (as root)" >&2
    exit 1
  fi
fi

echo "Building Tickr.Graph and Tickr.Bench.FlashSale (Release)…" >&2
dotnet build -c Release "$root/src/Tickr.Graph" -nologo -v quiet >&2
dotnet build -c Release "$root/bench/Tickr.Bench.FlashSale" -nologo -v quiet >&2

# 2,000 client connections plus the server's: more than the default 1,024 open files.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# The runtime lists every method it JIT-compiles in this file: the warm-up lasts until the client's and the server's
# lists stop growing (tiered compilation settled), as in the catalog benchmark.
jit=$(mktemp /tmp/tickr-flashsale-bench-client.XXXXXX.jit.txt)
trap 'rm -f "$jit"' EXIT
echo "uptime before: $(uptime)" >&2
status=0
DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$jit" \
  dotnet "$root/bench/Tickr.Bench.FlashSale/bin/Release/net10.0/Tickr.Bench.FlashSale.dll" "$@" || status=$?
echo "uptime after: $(uptime)" >&2
exit $status
