#!/bin/bash
# Prepare the host for the lab; idempotent and quick when everything is there.
#  - Debian packages the lab runs (on the host, and in the guest that sees the
#    host's / read-only), installed with a policy-rc.d that keeps every
#    service from starting on the host;
#  - Debian's kernel, unpacked into the cache, never installed;
#  - Debian's network-manager-l2tp package, downloaded into the cache;
#  - the initramfs, rebuilt when missing or when its /init changed.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

PACKAGES=(
	qemu-system-x86 busybox-static cpio kmod
	strongswan-charon strongswan-swanctl libstrongswan-standard-plugins strongswan-pki
	xl2tpd ppp network-manager dbus
	tcpdump iproute2 nftables iputils-ping procps psmisc util-linux dnsmasq-base
	meson ninja-build
)

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed ||
			printf '%s\n' "$p"
	done
}

install_packages() {
	local missing
	mapfile -t missing < <(missing_packages)
	((${#missing[@]})) || return 0
	lab_log "installing: ${missing[*]}"
	# A service started on the host (xl2tpd on UDP 1701, strongSwan, NM)
	# would fight the lab and the developer's own network; policy-rc.d
	# answering 101 tells every maintainer script "do not start". Keep an
	# existing one, add ours only for the time of the install.
	local ours=
	if [[ ! -e /usr/sbin/policy-rc.d ]]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		ours=1
	fi
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	[[ -z $ours ]] || rm -f /usr/sbin/policy-rc.d
}

# The kernel linux-image-amd64 points at; unpacked with dpkg -x, so nothing
# on the host changes (the host kernel lacks PPP, L2TP and ESP).
fetch_kernel() {
	[[ -z $(lab_kernel_version) ]] || return 0
	local pkg tmp
	apt-get update -q
	pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	[[ -n $pkg ]] || lab_die "cannot tell which kernel linux-image-amd64 depends on"
	lab_log "fetching $pkg"
	tmp=$(mktemp -d "$LAB_CACHE/kernel.XXXXXX")
	(cd "$tmp" && apt-get download -q "$pkg" && dpkg -x ./*.deb root && rm -f ./*.deb)
	local kver=${pkg#linux-image-}
	depmod -b "$tmp/root" "$kver"
	rm -rf "$LAB_CACHE/kernel"
	mv "$tmp/root" "$LAB_CACHE/kernel"
	rmdir "$tmp"
}

# Debian's own L2TP plugin, which package-upgrade installs in the guest and
# replaces with ours: downloaded, never installed on the host.
fetch_old_plugin() {
	local dir=$LAB_CACHE/debian-l2tp
	! compgen -G "$dir/network-manager-l2tp_*.deb" >/dev/null || return 0
	lab_log "fetching Debian's network-manager-l2tp"
	mkdir -p "$dir"
	(cd "$dir" && apt-get download -q network-manager-l2tp) ||
		lab_log "could not fetch network-manager-l2tp: package-upgrade will skip"
}

main() {
	mkdir -p "$LAB_CACHE"
	install_packages
	fetch_kernel
	fetch_old_plugin
	"$LAB_DIR/boot/initramfs.sh"
}

main "$@"
