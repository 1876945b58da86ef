# Server profiles (profiles/NAME.profile) and the lab's fixed addresses.
# Sourced, never run.

# The wire between client (or NAT router) and server.
SERVER_IP=10.99.0.1
CLIENT_IP=10.99.0.2
NAT_OUTSIDE_IP=10.99.0.3
# The client's home network when it sits behind the NAT router.
HOME_CLIENT_IP=192.168.77.2
HOME_ROUTER_IP=192.168.77.1
# Inside PPP, and the office network behind the server.
PPP_SERVER_IP=10.99.9.1
PPP_POOL=10.99.9.10-10.99.9.20
OFFICE_NET=10.99.50.0/24
OFFICE_IP=10.99.50.1

# profile_load NAME: read profiles/NAME.profile over the defaults below.
profile_load() {
	local file=$LAB_DIR/profiles/$1.profile
	[[ -r $file ]] || lab_die "no profile $1 ($file)"
	PROFILE=$1
	# Test data, not secrets of anything real.
	PSK=lab-psk-$1
	PPP_USER=labuser
	PPP_PASSWORD=labpass-$1
	IKE= ESP= PFS=no PPP_AUTH=mschap-v2 MPPE=no DNS= WINS= L2TP_SOURCE_PORTS=any NAT=no
	AUTH=psk
	# DHCPINFORM over PPP: none (no DHCP server, like most), dnsmasq (answers
	# with PUSHED_ROUTES and PUSHED_DOMAIN), hostile (lib/dhcp-hostile.py).
	DHCP_INFORM=none PUSHED_ROUTES= PUSHED_DOMAIN=
	# shellcheck source=/dev/null
	. "$file"
	[[ -n $IKE && -n $ESP ]] || lab_die "profile $1: IKE and ESP are required"
	case $MPPE in no | required) ;; *) lab_die "profile $1: MPPE=$MPPE (no|required)" ;; esac
	case $NAT in no | yes) ;; *) lab_die "profile $1: NAT=$NAT (no|yes)" ;; esac
	case $L2TP_SOURCE_PORTS in any | 1701) ;; *) lab_die "profile $1: L2TP_SOURCE_PORTS (any|1701)" ;; esac
	case $AUTH in psk | certificates) ;; *) lab_die "profile $1: AUTH=$AUTH (psk|certificates)" ;; esac
	case $DHCP_INFORM in none | dnsmasq | hostile) ;; *) lab_die "profile $1: DHCP_INFORM=$DHCP_INFORM (none|dnsmasq|hostile)" ;; esac
	profile_check_pfs "$1"
	return 0
}

# PFS is "no" or the DH groups the server accepts in Quick Mode, one or
# more ("modp2048 modp1536": either), and then required: every ESP proposal
# gets them. ESP itself names no group, so PFS alone says whether the server
# requires PFS (plugin-connect decides its checks by it).
profile_check_pfs() {
	local g p
	[[ -n $PFS ]] || lab_die "profile $1: PFS is empty (no, or DH groups)"
	if [[ $PFS != no ]]; then
		for g in $PFS; do
			[[ $g =~ ^(modp[0-9]+|ecp[0-9]+|ecp[0-9]+bp|curve25519|curve448)$ ]] ||
				lab_die "profile $1: PFS=$PFS: '$g' is not a DH group (modpN, ecpN, curve25519)"
		done
	fi
	for p in $ESP; do
		[[ ! $p =~ -(modp|ecp|curve)[0-9] ]] ||
			lab_die "profile $1: ESP proposal $p names a DH group; put PFS groups in PFS"
	done
}

# The profile's server refuses Phase 2 without PFS.
profile_requires_pfs() { [[ $PFS != no ]]; }

# A DH group as strongSwan lists it in an SA: modp2048 -> MODP_2048,
# ecp384 -> ECP_384, ecp256bp -> ECP_256_BP, curve25519 -> CURVE_25519.
strongswan_dh_name() {
	[[ ${1^^} =~ ^([A-Z]+)([0-9]+)(BP)?$ ]] || return 1
	echo "${BASH_REMATCH[1]}_${BASH_REMATCH[2]}${BASH_REMATCH[3]:+_BP}"
}

# The profiles SCENARIO_PROFILES=all means: not those saying IN_ALL=no (a
# certificate server, which the PSK scenarios cannot reach; the scenarios
# made for it name it).
profile_names() {
	local f
	for f in "$LAB_DIR"/profiles/*.profile; do
		! grep -qx 'IN_ALL=no' "$f" || continue
		f=${f##*/}
		printf '%s\n' "${f%.profile}"
	done
}

# The address the client's packets carry when they reach the server.
profile_client_seen_ip() {
	if [[ $NAT == yes ]]; then echo "$NAT_OUTSIDE_IP"; else echo "$CLIENT_IP"; fi
}

# strongSwan proposal lists: "a b" -> "a, b"; ESP gets the PFS groups
# appended ("aes128-sha1" + PFS "modp2048 modp1536" -> "aes128-sha1-modp2048-modp1536":
# a responder accepts any of them, an IKEv1 initiator offers one, the IKE
# SA's group if listed, else the first).
swanctl_ike_proposals() { echo "${IKE// /, }"; }
swanctl_esp_proposals() {
	local p out=()
	for p in $ESP; do
		if [[ $PFS == no ]]; then out+=("$p"); else out+=("$p-${PFS// /-}"); fi
	done
	local IFS=,
	echo "${out[*]}" | sed 's/,/, /g'
}
