#!/bin/bash
# Boot the lab VM once: boot/qemu.sh RESULTS_DIR. The guest runs the job in
# RESULTS_DIR/job.env and powers off; its console goes to stdout.
# QEMU with TCG: the /dev/kvm of this machine kind does not boot stock guests.
# -nic none: no traffic leaves the VM.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

results=$1
kver=$(lab_kernel_version)
[[ -n $kver ]] || lab_die "no kernel in the cache; run tests/lab/setup.sh"

exec qemu-system-x86_64 \
	-accel tcg,thread=multi -cpu max -smp "${LAB_SMP:-2}" -m "${LAB_MEMORY:-1536}" \
	-nographic -no-reboot -nic none \
	-kernel "$LAB_CACHE/kernel/boot/vmlinuz-$kver" \
	-initrd "$LAB_CACHE/initramfs.gz" \
	-append "console=ttyS0 panic=-1 quiet loglevel=3 lab.init=$LAB_DIR/guest/init.sh lab.results=$results" \
	-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
	-fsdev local,id=results,path="$results",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=results,mount_tag=results
