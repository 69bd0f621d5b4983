#!/bin/bash
# One lab node: tinykube-runtime (the CRI server, process driver) and the node agent beside it,
# as a kubelet and its container runtime share a machine. The node registers under
# the compose service name (NODE_NAME) with the container's own address, where the apiserver reaches its
# port 10250 for `kubectl logs`. The container ends when either process does, so the restart policy
# restarts the node as a whole; bash stays PID 1 so it forwards SIGTERM and reaps orphaned pod processes.
set -euo pipefail

: "${NODE_NAME:?NODE_NAME must name the node}"
: "${API_SERVER:=http://apiserver:8080}"
: "${POD_IP_RANGE:=127.1.0.0/16}"
socket=/run/tinykube/runtime.sock
# Docker writes the container's address next to its hostname in /etc/hosts.
node_ip="${NODE_IP:-$(hostname -i | awk '{print $1}')}"

# A restarted container keeps its files: drop the last run's socket so the wait below means this runtime.
mkdir -p /run/tinykube
rm -f "$socket"
tinykube-runtime --listen "unix://$socket" --root /var/lib/tinykube/runtime --pod-ip-range "$POD_IP_RANGE" &
runtime_pid=$!
agent_pid=
trap 'kill -TERM $agent_pid $runtime_pid 2>/dev/null || true' TERM INT

# The agent's first CRI call fails at once without a server on the socket, so wait for the runtime.
for _ in $(seq 1 300); do
  [ -S "$socket" ] && break
  kill -0 "$runtime_pid" 2>/dev/null || { wait "$runtime_pid" || exit $?; exit 1; }
  sleep 0.1
done

tinykube-node-agent --server "$API_SERVER" --node-name "$NODE_NAME" --node-ip "$node_ip" --port 10250 \
  --container-runtime-endpoint "unix://$socket" --root-dir /var/lib/tinykube/node-agent \
  --node-lease-renew-interval "${NODE_LEASE_RENEW_INTERVAL:-2s}" "$@" &
agent_pid=$!

# Whichever ends first (or a signal) ends the node: stop the other and report the first one's status.
status=0
wait -n "$agent_pid" "$runtime_pid" || status=$?
kill -TERM "$agent_pid" "$runtime_pid" 2>/dev/null || true
wait "$agent_pid" "$runtime_pid" 2>/dev/null || true
exit "$status"
