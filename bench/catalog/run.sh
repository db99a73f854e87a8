#!/usr/bin/env bash
# The catalog benchmark (bench/README.md, "Catalog on PostgreSQL"): the real Tickr server answering
# `events(first: 20)` with venue, organization and ticket types to 32 clients, on PostgreSQL with 500 events, and in
# the same run the same page as one hand-written SQL query through Npgsql (the floor).
#
#   bench/catalog/run.sh [shared|pinned] [Tickr.Bench.Catalog options, e.g. --profile, --duration 20]
#
# shared (default): the client, the Tickr server and PostgreSQL share both CPUs as the scheduler pleases (one box
#   running everything, as a small deployment would).
# pinned: the system under test on CPU 0 (the Tickr server and PostgreSQL; for the floor, PostgreSQL alone) and the
#   load generator on CPU 1 (taskset), so that the clients never take CPU from what they measure. Note that the
#   floor's Npgsql reading then runs on the client's CPU, while Tickr's runs in the server.
# The benchmark starts its own PostgreSQL cluster from Debian's binaries (or takes --connection), builds the data,
# starts src/Tickr.Graph's Release build, and prints a Markdown report on stdout (progress on stderr).
set -euo pipefail

mode=${1:-shared}
[[ $# -gt 0 ]] && shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

case $mode in
  shared) pins=(); client=() ;;
  pinned) pins=(--server-cpus 0 --postgres-cpus 0); client=(taskset -c 1) ;;
  *) echo "usage: $0 [shared|pinned] [options]" >&2; exit 2 ;;
esac

if [[ " $* " != *" --connection "* ]] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    apt-get install -y postgresql >&2
  else
    echo "PostgreSQL is missing: apt-get install -y postgresql (as root), or pass --connection" >&2
    exit 1
  fi
fi

echo "Building Tickr.Graph and Tickr.Bench.Catalog (Release)…" >&2
dotnet build -c Release "$root/src/Tickr.Graph" -nologo -v quiet >&2
dotnet build -c Release "$root/bench/Tickr.Bench.Catalog" -nologo -v quiet >&2

# The runtime lists every method it JIT-compiles in this file: the warm-up goes on until the client's and the
# server's lists stop growing (tiered compilation settled), not for a fixed time.
jit=$(mktemp /tmp/tickr-catalog-bench-client.XXXXXX.jit.txt)
trap 'rm -f "$jit"' EXIT
DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$jit" "${client[@]}" \
  dotnet "$root/bench/Tickr.Bench.Catalog/bin/Release/net10.0/Tickr.Bench.Catalog.dll" "${pins[@]}" "$@"
