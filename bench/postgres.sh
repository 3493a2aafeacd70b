#!/usr/bin/env bash
# The delivery benchmark in PostgreSQL mode: starts a throw-away local PostgreSQL server, runs the
# benchmark against it (baseline and service in the same run, as always), then removes the server.
# Usage: bench/postgres.sh [benchmark options, e.g. --events 10000]
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir=$(mktemp -d /tmp/qase-bench-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
trap 'as_postgres "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --locale=C -E UTF8 >/dev/null
# Durable settings: fsync stays on, so the figure is what a real server pays for the outbox.
as_postgres "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null

dotnet run -c Release --project bench/Qase.Webhooks.Bench -- "$@" \
  "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=64" \
  --Orleans:AdvertisedIP=127.0.0.1
