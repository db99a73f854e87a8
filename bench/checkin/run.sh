#!/usr/bin/env bash
# The check-in benchmark (bench/checkin/RESULTS.md, bench/README.md "Check-in"): the real Tickr server answering
# checkIn over HTTP on PostgreSQL — 10,000 paid tickets, 32 scanners (staff users, each its own token and deviceId)
# scanning each ticket once (every answer must be OK, and the list must end with exactly 10,000 admissions and as
# many audit rows), then all again (every answer ALREADY_CHECKED_IN) — and in the same run pgbench sending the scan's
# SQL to the same PostgreSQL with the same concurrency (the floor), plus a `{ serverInfo { version } }` peer.
#
#   bench/checkin/run.sh [Tickr.Bench.CheckIn options, e.g. --clients 32 --tickets 10000; --help]
#
# It starts its own PostgreSQL cluster from Debian's binaries (durable: fsync and synchronous_commit on), builds and
# starts src/Tickr.Graph's Release build, prints a Markdown report on stdout (progress on stderr) and exits non-zero
# if any check failed.
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

echo "Building Tickr.Graph and Tickr.Bench.CheckIn (Release)…" >&2
dotnet build -c Release "$root/src/Tickr.Graph" -nologo -v quiet >&2
dotnet build -c Release "$root/bench/Tickr.Bench.CheckIn" -nologo -v quiet >&2

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# The runtime lists every method it JIT-compiles in this file: the warm-up lasts until the client's and the server's
# lists stop growing (tiered compilation settled), as in the catalog and flash-sale benchmarks.
jit=$(mktemp /tmp/tickr-checkin-bench-client.XXXXXX.jit.txt)
trap 'rm -f "$jit"' EXIT
echo "uptime before: $(uptime)" >&2
status=0
DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$jit" \
  dotnet "$root/bench/Tickr.Bench.CheckIn/bin/Release/net10.0/Tickr.Bench.CheckIn.dll" "$@" || status=$?
echo "uptime after: $(uptime)" >&2
exit $status
