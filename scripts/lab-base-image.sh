#!/usr/bin/env bash
# Builds a local base image for the lab on machines without an image registry: a minimal Debian bookworm
# (debootstrap from Debian's mirror, trimmed as the official slim images are) plus this machine's `node`
# binary, imported with `docker import`. Idempotent: does nothing when the image exists (remove it to
# rebuild). Needs root, debootstrap, a Node 20 `node` binary that is not linked to a shared libnode, and a
# running Docker engine.
set -euo pipefail

image="${1:-tinykube-base:bookworm}"
if docker image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi

node_bin="$(command -v node)"
if ldd "$node_bin" 2>/dev/null | grep -q libnode; then
  echo "lab-base-image: $node_bin needs a shared libnode; use a standalone Node 20 build (nodejs.org or NodeSource)" >&2
  exit 1
fi

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
rootfs="$(mktemp -d /tmp/tinykube-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

echo "lab-base-image: debootstrap bookworm into $rootfs"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
# Downloaded packages, package lists and documentation are a third of the tree and nothing runs them.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/*
install -m 0755 "$node_bin" "$rootfs/usr/bin/node"
tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - "$image" >/dev/null
echo "lab-base-image: built $image (node $(node --version))"
