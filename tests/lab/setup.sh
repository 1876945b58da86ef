#!/bin/bash
# Prepare the host for the lab; idempotent and quick when everything is there.
#  - Debian packages the lab runs (on the host, and in the guest that sees the
#    host's / read-only), installed with a policy-rc.d that keeps every
#    service from starting on the host;
#  - Debian's kernel, unpacked into the cache, never installed;
#  - Debian's network-manager-l2tp package, downloaded into the cache;
#  - Debian's libreswan, unpacked into the cache, never installed (it
#    conflicts with the strongSwan packages the lab runs): the second IPsec
#    backend's pluto, whack and addconn, run from there in the guest;
#  - the initramfs, rebuilt when missing or when its /init changed.
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

PACKAGES=(
	qemu-system-x86 busybox-static cpio kmod
	strongswan-charon strongswan-swanctl libstrongswan-standard-plugins strongswan-pki
	xl2tpd ppp network-manager dbus
	tcpdump iproute2 nftables iputils-ping procps psmisc util-linux dnsmasq-base
	meson ninja-build
	# libreswan's own library dependencies (its Depends: in bookworm), for
	# the pluto, whack and addconn fetch_libreswan unpacks; libldns3 and
	# libevent-pthreads-2.1-7 are the ones a strongSwan host lacks.
	# libnss3-tools: certutil, which makes pluto's NSS database.
	libaudit1 libcap-ng0 libcrypt1 libcurl3-nss libevent-core-2.1-7 libevent-pthreads-2.1-7
	libldap-2.5-0 libldns3 libnspr4 libnss3 libpam0g libselinux1 libsystemd0 libunbound8
	libnss3-tools
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

# Debian's libreswan (4.10 on bookworm), the lab's second IPsec backend
# (lib/libreswan.sh): downloaded and unpacked into the cache with dpkg -x,
# never installed, since it conflicts with strongswan-charon. Its binaries
# run from there (the guest sees the host's / read-only); the shared
# libraries they need are Debian library packages in PACKAGES. Quick when
# the unpacked pluto is there.
LIBRESWAN_DIR=$LAB_CACHE/libreswan
fetch_libreswan() {
	[[ ! -x $LIBRESWAN_DIR/root/usr/libexec/ipsec/pluto ]] || return 0
	lab_log "fetching Debian's libreswan"
	local tmp
	mkdir -p "$LIBRESWAN_DIR"
	tmp=$(mktemp -d "$LIBRESWAN_DIR/fetch.XXXXXX")
	# A package list older than the archive names a version that is gone:
	# once more after apt-get update.
	if ! (cd "$tmp" && { apt-get download -q libreswan || { apt-get update -q && apt-get download -q libreswan; }; } &&
		dpkg -x ./libreswan_*.deb root); then
		rm -rf "$tmp"
		lab_log "could not fetch libreswan: the libreswan scenarios will skip"
		return 0
	fi
	rm -rf "$LIBRESWAN_DIR/root" "$LIBRESWAN_DIR"/libreswan_*.deb
	mv "$tmp"/libreswan_*.deb "$LIBRESWAN_DIR/"
	mv "$tmp/root" "$LIBRESWAN_DIR/root"
	rmdir "$tmp"
}

# setup.sh [STEP...]: every step, or only the named ones (e.g.
# `setup.sh fetch_libreswan`).
STEPS=(install_packages fetch_kernel fetch_old_plugin fetch_libreswan initramfs)
initramfs() { "$LAB_DIR/boot/initramfs.sh"; }

main() {
	local step steps=("$@")
	((${#steps[@]})) || steps=("${STEPS[@]}")
	for step in "${steps[@]}"; do
		[[ " ${STEPS[*]} " == *" $step "* ]] || lab_die "no setup step '$step' (${STEPS[*]})"
	done
	mkdir -p "$LAB_CACHE"
	for step in "${steps[@]}"; do "$step"; done
}

main "$@"
