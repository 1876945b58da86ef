#!/bin/bash
# Build the lab's initramfs (busybox + the modules needed to reach the root
# over 9p + boot/initramfs-init) into the cache. Does nothing when the one in
# the cache was built from the same kernel, busybox and /init.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

MODULES=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
	netfs fscache 9pnet 9pnet_virtio 9p overlay)

kver=$(lab_kernel_version)
[[ -n $kver ]] || lab_die "no kernel in $LAB_CACHE/kernel; run tests/lab/setup.sh"
out=$LAB_CACHE/initramfs.gz
stamp=$(cat "$LAB_DIR/boot/initramfs-init" /bin/busybox <(echo "$kver") | sha256sum | cut -c1-16)
if [[ -s $out && $(cat "$out.stamp" 2>/dev/null) == "$stamp" ]]; then
	exit 0
fi

lab_log "building the initramfs for $kver"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,proc,sys,dev,lower,upper,newroot,mods}
cp /bin/busybox "$work/bin/busybox"
install -m 0755 "$LAB_DIR/boot/initramfs-init" "$work/init"
moddir=$LAB_CACHE/kernel/lib/modules/$kver
for m in "${MODULES[@]}"; do
	ko=$(find "$moddir" -name "$m.ko" -print -quit)
	[[ -n $ko ]] || lab_die "module $m not found in $moddir"
	cp "$ko" "$work/mods/"
done
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$stamp" >"$out.stamp"
