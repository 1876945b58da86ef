# Shared by the host-side scripts and the guest: paths, logging, timing.
# Sourced, never run.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB_REPO=$(cd "$LAB_DIR/../.." && pwd)
# Kernel and initramfs live outside git and survive between runs.
LAB_CACHE=${LAB_CACHE:-/var/cache/nm-l2tp-ipsec-lab}

lab_log() { printf '[lab] %s\n' "$*" >&2; }
lab_die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

# Seconds since the epoch with microseconds; bash arithmetic on it goes through awk.
lab_now() { printf '%s\n' "$EPOCHREALTIME"; }
lab_elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The kernel unpacked in the cache: prints its version, empty when none is there.
lab_kernel_version() {
	local vmlinuz
	for vmlinuz in "$LAB_CACHE"/kernel/boot/vmlinuz-*; do
		[[ -e $vmlinuz ]] && { printf '%s\n' "${vmlinuz##*/vmlinuz-}"; return 0; }
	done
	return 0
}

# lab_sleep SECONDS: a sleep that forks nothing (a fork+exec costs 0.1-0.5 s
# under TCG): read with a timeout on a pipe nobody writes to.
exec {LAB_SLEEP_FD}<> <(:)
lab_sleep() {
	local _
	read -rt "$1" -u "$LAB_SLEEP_FD" _ || true
}

# Microseconds since the epoch, no fork.
lab_usec() { echo "${EPOCHREALTIME/./}"; }
