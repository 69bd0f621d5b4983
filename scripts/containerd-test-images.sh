#!/usr/bin/env bash
# Builds the two images tinykube's containerd tests need and imports them into containerd's k8s.io
# namespace (the one its CRI plugin serves), since these machines reach no registry:
#
#   docker.io/library/busybox:1.36  a busybox rootfs (from Debian's busybox-static), Cmd ["sh"]
#   registry.k8s.io/pause:3.6       the sandbox image containerd 1.6 expects; busybox `sleep infinity`
#                                   stands in for /pause
#
# Each is an OCI image layout tarball built by hand (tar, gzip, sha256sum, no image tooling), with one
# layer shared by both images. Builds are reproducible (fixed mtimes and owners), so the digests only
# change when busybox-static does.
#
# Idempotent: images already in containerd are left alone (--force re-imports them).
# Needs: root (for containerd's socket), busybox-static, containerd running. Installs nothing.
#
# Usage: scripts/containerd-test-images.sh [--address /run/containerd/containerd.sock] [--out DIR] [--force]
set -euo pipefail

address=/run/containerd/containerd.sock
out="${TMPDIR:-/tmp}/tinykube-containerd-images"
force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --address) address="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "containerd-test-images: unknown argument $1" >&2; exit 2 ;;
  esac
done

BUSYBOX_IMAGE=docker.io/library/busybox:1.36
PAUSE_IMAGE=registry.k8s.io/pause:3.6
BUSYBOX_BIN=/bin/busybox

die() { echo "containerd-test-images: $*" >&2; exit 1; }

command -v ctr >/dev/null || die "ctr not found (Debian package: containerd)"
[ -x "$BUSYBOX_BIN" ] || die "$BUSYBOX_BIN not found (Debian package: busybox-static)"
# The image has no libc, so the binary must be static: Debian's plain 'busybox' package is not.
if ldd "$BUSYBOX_BIN" >/dev/null 2>&1; then die "$BUSYBOX_BIN is dynamically linked; install busybox-static"; fi
[ -S "$address" ] || die "no containerd socket at $address (start containerd first)"

ctr_() { ctr --address "$address" --namespace k8s.io "$@"; }

# (grep without -q reads all input: an early exit would fail the pipeline under pipefail)
have_image() { ctr_ images ls -q | grep -xF "$1" >/dev/null; }

if ! $force && have_image "$BUSYBOX_IMAGE" && have_image "$PAUSE_IMAGE"; then
  echo "containerd-test-images: $BUSYBOX_IMAGE and $PAUSE_IMAGE already present"
  exit 0
fi

case "$(dpkg --print-architecture 2>/dev/null || uname -m)" in
  amd64|x86_64) arch=amd64 ;;
  arm64|aarch64) arch=arm64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# ---- the shared layer: /bin/busybox, a symlink per applet, the usual directories, root's passwd ----
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{bin,etc,root,tmp,proc,sys,dev,var,usr/bin,usr/sbin,sbin}
chmod 1777 "$rootfs/tmp"
cp "$BUSYBOX_BIN" "$rootfs/bin/busybox"
for applet in $("$BUSYBOX_BIN" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

layer_tar="$work/layer.tar"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$layer_tar" .
diff_id="sha256:$(sha "$layer_tar")"
gzip -n -9 <"$layer_tar" >"$work/layer.tar.gz"
layer_digest="$(sha "$work/layer.tar.gz")"
layer_size="$(size "$work/layer.tar.gz")"

# Writes an OCI layout tarball for one image: $1 name, $2 the image config's "config" object.
build_image() {
  local name="$1" runconfig="$2" dir blobs config_digest manifest_digest tag file
  dir="$work/$(echo "$name" | tr '/:' '__')"
  blobs="$dir/blobs/sha256"
  mkdir -p "$blobs"
  cp "$work/layer.tar.gz" "$blobs/$layer_digest"

  printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"tinykube scripts/containerd-test-images.sh"}]}' \
    "$arch" "$runconfig" "$diff_id" >"$dir/config.json"
  config_digest="$(sha "$dir/config.json")"
  mv "$dir/config.json" "$blobs/$config_digest"

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$(size "$blobs/$config_digest")" "$layer_digest" "$layer_size" >"$dir/manifest.json"
  manifest_digest="$(sha "$dir/manifest.json")"
  local manifest_size
  manifest_size="$(size "$dir/manifest.json")"
  mv "$dir/manifest.json" "$blobs/$manifest_digest"

  tag="${name##*:}"
  # io.containerd.image.name is what `ctr images import` names the image by.
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$arch" "$name" "$tag" >"$dir/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"

  file="$out/$(basename "$dir").tar"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir" -cf "$file" oci-layout index.json blobs
  echo "$file"
}

path_env='"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]'
busybox_tar="$(build_image "$BUSYBOX_IMAGE" "{$path_env,\"Cmd\":[\"sh\"]}")"
pause_tar="$(build_image "$PAUSE_IMAGE" "{$path_env,\"Entrypoint\":[\"/bin/sleep\",\"infinity\"]}")"

for pair in "$BUSYBOX_IMAGE=$busybox_tar" "$PAUSE_IMAGE=$pause_tar"; do
  name="${pair%%=*}" file="${pair#*=}"
  if $force || ! have_image "$name"; then
    ctr_ images import --platform "linux/$arch" "$file" >/dev/null
    have_image "$name" || die "import of $file did not produce $name"
    echo "containerd-test-images: imported $name"
  fi
done
