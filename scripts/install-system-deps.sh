#!/usr/bin/env bash
# Installs the system packages tinykube's tests need on a fresh Debian 12 machine (run as root).
# Idempotent and quiet when everything is already there. With --check it changes nothing and only says,
# by its exit status, whether there is anything to do (so scripts/setup.sh asks for root only then).
set -euo pipefail

# etcd-server: the apiserver's storage in tests. containerd, runc, containernetworking-plugins,
# busybox-static and iproute2: test/e2e/src/containerd.test.ts (a private containerd with a CNI bridge,
# and the busybox image scripts/containerd-test-images.sh builds from the static binary).
# docker.io, docker-compose and debootstrap: the compose lab (test/e2e/src/lab.test.ts; its base image is
# built locally by scripts/lab-base-image.sh, as there is no image registry).
# python3-kubernetes: the official Python client, for test/e2e/src/python-client-watch.test.ts.
packages=(etcd-server containerd runc containernetworking-plugins busybox-static iproute2 docker.io docker-compose debootstrap python3-kubernetes)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${1:-}" = "--check" ]; then
  [ "${#missing[@]}" -eq 0 ] && docker info >/dev/null 2>&1
  exit
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's package enables an etcd service on port 2379; tests start their own etcd on free ports and
# never use it. Where systemd runs, leave it be; nothing here depends on it either way.
# Debian's containerd package likewise starts a system containerd where systemd runs; the containerd
# test runs its own private one (own socket, root and CNI config) and never uses it.
for bin in etcd containerd ctr runc ip /usr/lib/cni/bridge /usr/lib/cni/host-local /usr/lib/cni/loopback; do
  command -v "$bin" >/dev/null || { echo "install-system-deps: $bin still missing after install" >&2; exit 1; }
done
/usr/bin/python3 -c 'import kubernetes' 2>/dev/null || { echo "install-system-deps: Debian's python3 cannot import kubernetes after install" >&2; exit 1; }

# The lab needs a Docker engine. Where systemd runs, the package started one; a fresh CI machine has none,
# so start dockerd in the background (it outlives this script) and wait until it answers.
for bin in docker dockerd docker-compose debootstrap; do
  command -v "$bin" >/dev/null || { echo "install-system-deps: $bin still missing after install" >&2; exit 1; }
done
if ! docker info >/dev/null 2>&1; then
  echo "install-system-deps: starting dockerd (log: /var/log/tinykube-dockerd.log)"
  setsid dockerd >>/var/log/tinykube-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  # Not fatal here: every other test runs without Docker; the lab test then fails and says why.
  docker info >/dev/null 2>&1 || { echo "install-system-deps: dockerd did not answer within 60 s; see /var/log/tinykube-dockerd.log" >&2; tail -n 5 /var/log/tinykube-dockerd.log >&2 || true; }
fi
