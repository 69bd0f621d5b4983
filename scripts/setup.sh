#!/usr/bin/env bash
# Everything a machine with only Node (>= 20) needs before `pnpm start` or `pnpm test`: the Debian
# packages the tests use, pnpm 9, and the workspace's npm dependencies exactly as locked.
# Idempotent, and quiet when everything is already there; safe to run before every command.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "setup: node is not installed; tinykube needs Node.js 20 or newer" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "setup: node $(node --version) is too old; tinykube needs Node.js 20 or newer" >&2; exit 1; }

# System packages (etcd, containerd, Docker, ...) need root to install; without root, ask only when needed.
if [ "$(id -u)" -eq 0 ]; then
  bash scripts/install-system-deps.sh
elif bash scripts/install-system-deps.sh --check; then
  :
elif command -v sudo >/dev/null; then
  sudo bash scripts/install-system-deps.sh
else
  echo "setup: scripts/install-system-deps.sh needs root (run this as root, or install sudo)" >&2
  exit 1
fi

# pnpm from the npm registry: corepack would fetch it from elsewhere, which not every machine can reach.
if ! command -v pnpm >/dev/null; then
  echo "setup: installing pnpm 9 (npm install -g pnpm@9)"
  npm install -g --silent pnpm@9 >/dev/null
  if ! command -v pnpm >/dev/null; then
    echo "setup: pnpm was installed into $(npm prefix -g)/bin, which is not on PATH; add it and run again" >&2
    exit 1
  fi
fi
pnpm_major=$(pnpm --version | cut -d. -f1)
[ "$pnpm_major" -ge 9 ] || { echo "setup: pnpm $(pnpm --version) is too old; run: npm install -g pnpm@9" >&2; exit 1; }

# Dependencies as locked. The output only matters when something happened or went wrong.
[ -d node_modules ] || echo "setup: installing npm dependencies (pnpm install --frozen-lockfile)"
if ! out=$(pnpm install --frozen-lockfile 2>&1); then
  echo "$out" >&2
  echo "setup: pnpm install --frozen-lockfile failed" >&2
  exit 1
fi
