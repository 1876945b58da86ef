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
	# shellcheck source=/dev/null
	. "$file"
	[[ -n $IKE && -n $ESP ]] || lab_die "profile $1: IKE and ESP are required"
	case $MPPE in no | required) ;; *) lab_die "profile $1: MPPE=$MPPE (no|required)" ;; esac
	case $NAT in no | yes) ;; *) lab_die "profile $1: NAT=$NAT (no|yes)" ;; esac
	case $L2TP_SOURCE_PORTS in any | 1701) ;; *) lab_die "profile $1: L2TP_SOURCE_PORTS (any|1701)" ;; esac
	case $AUTH in psk | certificates) ;; *) lab_die "profile $1: AUTH=$AUTH (psk|certificates)" ;; esac
	return 0
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

# strongSwan proposal lists: "a b" -> "a, b"; ESP gets the PFS group appended.
swanctl_ike_proposals() { echo "${IKE// /, }"; }
swanctl_esp_proposals() {
	local p out=()
	for p in $ESP; do
		if [[ $PFS == no ]]; then out+=("$p"); else out+=("$p-$PFS"); fi
	done
	local IFS=,
	echo "${out[*]}" | sed 's/,/, /g'
}
