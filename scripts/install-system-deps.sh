#!/usr/bin/env bash
# Installs the system packages tinykube's tests need on a fresh Debian 12 machine (run as root).
# Idempotent and quiet when everything is already there.
set -euo pipefail

packages=(etcd-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's package enables an etcd service on port 2379; tests start their own etcd on free ports and
# never use it. Where systemd runs, leave it be; nothing here depends on it either way.
command -v etcd >/dev/null || { echo "install-system-deps: etcd still missing after install" >&2; exit 1; }
