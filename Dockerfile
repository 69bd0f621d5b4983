# One image for every tinykube component (apiserver, scheduler, controller manager, runtime, node agent,
# kubectl-lite) and etcd; docker-compose.yml runs it as the lab cluster. Build it with scripts/lab-image.sh,
# which builds the workspace and stages it in .lab/ first (lab/stage-workspace.js: only production
# dependencies). BASE defaults to the official Node image; on machines without a registry the script passes
# a local base instead (scripts/lab-base-image.sh: debootstrap + this machine's node).
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
# Least-changing first, so a code change rebuilds only the last layer.
COPY .lab/etcd /usr/local/bin/etcd
COPY .lab/deps /opt/tinykube/node_modules
COPY .lab/app /opt/tinykube
WORKDIR /opt/tinykube
ENV PATH=/opt/tinykube/bin:/usr/local/bin:/usr/bin:/bin \
    NODE_ENV=production
CMD ["tinykube-apiserver", "--help"]
