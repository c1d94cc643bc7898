#!/bin/sh
# Installs what docker/compose.yml needs on a Debian 12 host, from Debian's packages only, and starts
# the engine when it is not running (also where there is no systemd, as in CI containers):
#  - docker.io (Engine 20.10, BuildKit built in) and debootstrap (for docker/base-images.sh);
#  - Compose v2 and buildx as Docker CLI plugins, taken from Debian 13's packages (static Go programs
#    that need only libc): Debian 12's docker-compose 1.29 rejects the compose file.
# Idempotent: what is present is left alone. Needs root.
set -eu
[ "$(id -u)" = 0 ] || { echo "install-docker.sh: run as root" >&2; exit 1; }
DOCKER=/usr/bin/docker
PLUGINS=/usr/libexec/docker/cli-plugins

missing=""
[ -x "$DOCKER" ] && [ -x /usr/sbin/dockerd ] || missing="$missing docker.io"
command -v debootstrap >/dev/null || missing="$missing debootstrap"
if [ -n "$missing" ]; then
  echo "install-docker: installing$missing from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if ! "$DOCKER" compose version >/dev/null 2>&1 || ! "$DOCKER" buildx version >/dev/null 2>&1; then
  echo "install-docker: adding Compose v2 and buildx from Debian 13's packages"
  d=$(mktemp -d /tmp/bp-trixie.XXXXXX)
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial" "$d/root"
  echo "deb ${DEBIAN_MIRROR:-http://deb.debian.org/debian} trixie main" >"$d/sources.list"
  set -- -o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache" -o APT::Sandbox::User=root
  apt-get "$@" update -qq
  (cd "$d" && apt-get "$@" download docker-compose docker-buildx >/dev/null)
  for deb in "$d"/*.deb; do dpkg-deb -x "$deb" "$d/root"; done
  mkdir -p "$PLUGINS"
  cp "$d/root/usr/libexec/docker/cli-plugins/docker-compose" "$d/root/usr/libexec/docker/cli-plugins/docker-buildx" "$PLUGINS/"
  rm -rf "$d"
fi

if ! "$DOCKER" info >/dev/null 2>&1; then
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    systemctl start docker
  else
    echo "install-docker: starting dockerd (log: /var/log/dockerd.log)"
    setsid /usr/sbin/dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  fi
  i=0
  until "$DOCKER" info >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -le 60 ] || { echo "install-docker: dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
    sleep 0.5
  done
fi
echo "install-docker: $("$DOCKER" --version | cut -d, -f1), $("$DOCKER" compose version)"
