#!/bin/sh
# Restores a dump made by docker/backup.sh into a database, inside Docker or on any machine with
# PostgreSQL's client tools (pg_restore of the dump's major version or newer).
#
#   DATABASE_URL=postgres://bridgepoint:secret@db.example:5432/bridgepoint_restored docker/restore.sh backups/bridgepoint-20261130T010000Z.dump
#
# Settings (environment):
#   DATABASE_URL   the target database (it must exist: createdb, or CREATE DATABASE); when empty,
#                  libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
#   RESTORE_CLEAN  1: restore over an existing Bridgepoint database (api stopped): the objects the dump
#                  holds are dropped and created again. Without it a target that has tables is refused.
#
# Runs as one transaction: on any error nothing is restored. Owners and grants of the original are
# not restored (the connecting role owns everything), so a dump moves between servers and roles.
set -eu

file=${1:-}
if [ -z "$file" ] || [ ! -f "$file" ]; then
  echo "usage: DATABASE_URL=postgres://... $0 <file.dump>" >&2
  exit 2
fi

if [ -n "${DATABASE_URL:-}" ]; then set -- --dbname="$DATABASE_URL"; else set --; fi

# Ask the target before touching it: an existing database is only overwritten on purpose.
tables=$(psql "$@" -X -A -t -v ON_ERROR_STOP=1 -c \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" -gt 0 ] && [ "${RESTORE_CLEAN:-0}" != 1 ]; then
  echo "restore: the target database already has $tables table(s); restore into an empty database, or set RESTORE_CLEAN=1 (stop the api first)" >&2
  exit 3
fi

started=$(date +%s)
# --clean drops what the dump is about to create: nothing in an empty database, except a schema the
# database comes with (public), which a dump of that one schema (DATABASE_SCHEMA=public) creates.
pg_restore "$@" --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction "$file"
echo "restore: restored $file in $(( $(date +%s) - started ))s"
