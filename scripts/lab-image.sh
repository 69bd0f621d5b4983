#!/usr/bin/env bash
# Builds the lab image (tinykube:lab, or $TINYKUBE_IMAGE): builds the workspace, stages the components with
# their production dependencies and the etcd binary in .lab/ (lab/stage-workspace.js), then `docker build`.
# With --local-base (machines without an image registry, such as the CI machines) the base image is built
# locally by scripts/lab-base-image.sh instead of pulling node:20-bookworm-slim.
# Needs: node 20 and pnpm (the workspace installed), etcd on PATH (Debian: etcd-server) or $ETCD_BIN, docker.
set -euo pipefail
cd "$(dirname "$0")/.."

image="${TINYKUBE_IMAGE:-tinykube:lab}"
base_args=()
case "${1:-}" in
  --local-base)
    bash scripts/lab-base-image.sh tinykube-base:bookworm
    base_args=(--build-arg BASE=tinykube-base:bookworm)
    ;;
  "") ;;
  *) echo "usage: $0 [--local-base]" >&2; exit 2 ;;
esac

etcd_bin="${ETCD_BIN:-$(command -v etcd || true)}"
if [ -z "$etcd_bin" ]; then
  echo "lab-image: no etcd binary on PATH (install etcd-server or set ETCD_BIN)" >&2
  exit 1
fi

# Quiet unless it fails; tsc reports errors on stdout, which callers such as the lab test do not show.
if ! build_log="$(pnpm run build 2>&1)"; then
  echo "$build_log" >&2
  exit 1
fi
# The staging directory is only the build context: gone once the image has it (or the build failed).
trap 'rm -rf .lab' EXIT
node lab/stage-workspace.js
cp "$etcd_bin" .lab/etcd
previous="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
docker build -q "${base_args[@]}" -t "$image" . >/dev/null
# Each code change makes a new image; drop the one it replaced instead of leaving it dangling (it stays
# when a container still uses it).
current="$(docker image inspect -f '{{.Id}}' "$image")"
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
echo "lab-image: built $image"
