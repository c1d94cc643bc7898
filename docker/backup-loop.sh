#!/bin/sh
# The compose `backup` service: docker/backup.sh at start and then every BACKUP_INTERVAL_SECONDS
# (default 21600, every 6 hours). A failed run is logged and retried at the next turn; `docker compose
# stop` ends the wait at once.
set -u
interval=${BACKUP_INTERVAL_SECONDS:-21600}
case $interval in '' | *[!0-9]*) echo "backup: BACKUP_INTERVAL_SECONDS must be a number of seconds, got '$interval'" >&2; exit 2 ;; esac
here=$(dirname "$0")
trap 'exit 0' INT TERM
echo "backup: a dump every ${interval}s into ${BACKUP_DIR:-./backups}, keeping the newest ${BACKUP_KEEP:-14}"
while :; do
  sh "$here/backup.sh" || echo "backup: FAILED at $(date -u +%FT%TZ), next try in ${interval}s" >&2
  sleep "$interval" &
  wait $!
done
