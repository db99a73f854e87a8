#!/usr/bin/env bash
# Tickr's test command: installs what the tests need, runs every test project of the solution, and ends
# with one summary line "N passed, N failed[, N skipped]". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

say() { printf '==> %s\n' "$*"; }

need_root_install() {
  # $1: command to check, $2: Debian package(s) providing it
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
      say "installing $2"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2) >/dev/null \
        || { echo "could not install $2 with apt-get" >&2; exit 1; }
    else
      echo "$1 is missing: install it with 'sudo apt-get install -y $2' and run this again" >&2
      exit 1
    fi
  fi
}

need_postgres() {
  # Debian keeps PostgreSQL's server binaries off PATH (/usr/lib/postgresql/N/bin): look for initdb there.
  # tests/Tickr.Testing runs initdb and pg_ctl from it (as user postgres when run as root).
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && [ -z "${TICKR_PG_BINDIR:-}" ]; then
    if [ "$(id -u)" = "0" ]; then
      say "installing postgresql"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null \
        || { echo "could not install postgresql with apt-get" >&2; exit 1; }
    else
      echo "PostgreSQL's initdb is missing: install it with 'sudo apt-get install -y postgresql' (or set TICKR_PG_BINDIR) and run this again" >&2
      exit 1
    fi
  fi
}

need_root_install node nodejs
need_root_install npm npm
need_root_install redis-server redis-server
need_root_install chromium chromium
need_root_install aiosmtpd python3-aiosmtpd   # a real SMTP server for the email tests (tests/Tickr.Testing/Smtp)
need_postgres

# Node packages of the conformance checks (graphql-js, the reference implementation).
for dir in tests/conformance tests/conformance-http tests/stripe-signing; do
  if [ -f "$dir/package-lock.json" ]; then
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      say "npm ci in $dir"
      npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error || exit 1
    fi
  fi
done

results="$root/TestResults"
rm -rf "$results"
say "dotnet test TickrGraph.sln"
dotnet test TickrGraph.sln --nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); nx=$(get notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${nx:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any result was written.
  failed=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
