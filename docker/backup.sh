#!/bin/sh
# A compressed, custom-format pg_dump of the Bridgepoint database, then keeps only the newest
# BACKUP_KEEP dumps. Runs the same inside the compose `backup` service and on any machine with
# PostgreSQL's client tools (pg_dump of the server's major version or newer).
#
#   DATABASE_URL=postgres://bridgepoint:secret@db.example:5432/bridgepoint docker/backup.sh
#   docker/backup.sh /srv/backups          # the directory as an argument instead of BACKUP_DIR
#
# Settings (environment):
#   DATABASE_URL     connection string; when empty, libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
#   DATABASE_SCHEMA  dump only this schema (the api's DATABASE_SCHEMA); empty: the whole database
#   BACKUP_DIR       where dumps go (default ./backups); the first argument wins
#   BACKUP_KEEP      how many dumps to keep, newest first (default 14; 0 keeps all)
#   BACKUP_PREFIX    file name prefix (default bridgepoint): <prefix>-YYYYMMDDTHHMMSSZ.dump
#   BACKUP_COMPRESS  compression level 0-9 (default 6)
#
# A dump is written under a temporary name, checked with `pg_restore --list`, then renamed, so a
# file named *.dump is always complete. Prints the file, its size and the time taken.
set -eu

dir=${1:-${BACKUP_DIR:-./backups}}
keep=${BACKUP_KEEP:-14}
prefix=${BACKUP_PREFIX:-bridgepoint}
level=${BACKUP_COMPRESS:-6}
schema=${DATABASE_SCHEMA:-}

case $keep in '' | *[!0-9]*) echo "backup: BACKUP_KEEP must be a number, got '$keep'" >&2; exit 2 ;; esac
case $level in [0-9]) ;; *) echo "backup: BACKUP_COMPRESS must be 0-9, got '$level'" >&2; exit 2 ;; esac
case $prefix in '' | */* | *' '*) echo "backup: BACKUP_PREFIX must be a plain name, got '$prefix'" >&2; exit 2 ;; esac

mkdir -p "$dir"
# What a run killed mid-dump (SIGKILL, a power cut) left behind.
find "$dir" -maxdepth 1 -name ".$prefix-*.dump.partial" -mmin +60 -exec rm -f {} + 2>/dev/null || true
# One name per second; a second run within the same second waits for the next one.
while :; do
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file="$dir/$prefix-$stamp.dump"
  [ -e "$file" ] || break
  sleep 1
done
partial="$dir/.$prefix-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT INT TERM

set -- --format=custom --compress="$level" --file="$partial"
[ -n "$schema" ] && set -- "$@" --schema="$schema"
[ -n "${DATABASE_URL:-}" ] && set -- "$@" --dbname="$DATABASE_URL"

started=$(date +%s)
pg_dump "$@"
# A truncated or unreadable file fails here rather than on the day it is needed.
pg_restore --list "$partial" > /dev/null
mv "$partial" "$file"
trap - EXIT INT TERM
seconds=$(( $(date +%s) - started ))
bytes=$(wc -c < "$file" | tr -d ' ')
echo "backup: wrote $file ($bytes bytes) in ${seconds}s"

if [ "$keep" -gt 0 ]; then
  # Names sort by time (UTC stamps): remove all but the newest $keep.
  ls -1 "$dir" | grep -E "^$prefix-[0-9]{8}T[0-9]{6}Z\.dump\$" | sort | {
    total=0
    set --
    while IFS= read -r name; do set -- "$@" "$name"; total=$((total + 1)); done
    remove=$((total - keep))
    for name in "$@"; do
      [ "$remove" -gt 0 ] || break
      rm -f "$dir/$name"
      echo "backup: removed $dir/$name (keeping the newest $keep)"
      remove=$((remove - 1))
    done
  }
fi
