# The NetworkManager client in node "cli": a system D-Bus, NetworkManager
# managing the uplink (and ppp), nmcli to drive it, and the project's plugin
# installed in the guest by guest/plugin-install.sh. Sourced, never run.

# plugin_require: go on only when the build's service is installed in the
# guest; skip with the reason while the project has no service yet.
plugin_require() {
	local env=/run/lab/plugin.env
	[[ -r $env ]] || fail "no $env: guest/plugin-install.sh did not run"
	. "$env"
	case $PLUGIN_STATE in
	installed) ;;
	no-build-dir | no-service) skip "$PLUGIN_NOTE" ;;
	*) fail "plugin: $PLUGIN_STATE ($PLUGIN_NOTE)" ;;
	esac
}

nm_conf() {
	local etc
	etc=$(node_dir cli)/etc/NetworkManager
	rm -f "$etc"/conf.d/* "$etc"/system-connections/*
	cat >"$etc/NetworkManager.conf" <<-EOF
		[main]
		plugins=keyfile
		no-auto-default=*
		# no polkit agent in the lab; nmcli runs as root
		auth-polkit=false
		dhcp=internal
		# the lab reads DNS from NetworkManager, resolv.conf stays alone
		dns=none
		rc-manager=unmanaged
		hostname-mode=none

		[keyfile]
		unmanaged-devices=except:interface-name:eth0,except:type:ppp

		[logging]
		level=DEBUG
		domains=ALL:INFO,VPN:DEBUG,VPN_PLUGIN:DEBUG,PPP:DEBUG

		[connectivity]
		enabled=false
	EOF
	cat >"$etc/system-connections/uplink.nmconnection" <<-EOF
		[connection]
		id=uplink
		type=ethernet
		interface-name=eth0
		autoconnect=true

		[ipv4]
		method=manual
		address1=$(client_uplink_addr)/24,$(client_uplink_gw)

		[ipv6]
		method=disabled
	EOF
	chmod 600 "$etc/system-connections/uplink.nmconnection"
}

nm_running() { node_exec cli nmcli -t -f RUNNING general 2>/dev/null | grep -qx running; }
uplink_connected() { node_exec cli nmcli -g GENERAL.STATE device show eth0 2>/dev/null | grep -q '^100'; }

# dbus + NetworkManager in the client node, the uplink up.
nm_client_start() {
	nm_conf
	# A stand-in plugin (LAB_PLUGIN_DEB, Debian's) drives the node's own
	# charon through ipsec/stroke: give it the lab's quick-starting plugin
	# list, or its Connect() times out under TCG. Ours has a private config.
	[[ -z ${LAB_PLUGIN_DEB:-} ]] || CHARON_PLUGINS+=" stroke" strongswan_conf cli
	node_spawn cli "$LOG_DIR/cli-dbus.log" dbus-daemon --system --nofork --nopidfile >"$(node_dir cli)/dbus.pid"
	check "system D-Bus in the client node" wait_for 10 test -S "$(node_path cli /run/dbus/system_bus_socket)"
	node_spawn cli "$LOG_DIR/cli-NetworkManager.log" NetworkManager --debug >"$(node_dir cli)/NetworkManager.pid"
	check "NetworkManager answers nmcli" wait_for 60 nm_running
	check "uplink connected by NetworkManager" wait_for 30 uplink_connected
}

# nm_vpn_add NAME: the connection a user makes with the four things they
# know (server, user, password, PSK); nothing else unless the profile says.
nm_vpn_add() {
	local name=$1 data
	data="gateway=$SERVER_IP, user=$PPP_USER, password-flags=0, ipsec-enabled=yes, ipsec-psk-flags=0"
	[[ -z ${NM_EXTRA_DATA:-} ]] || data+=", $NM_EXTRA_DATA"
	node_exec cli nmcli connection add type vpn con-name "$name" ifname '*' \
		vpn-type l2tp vpn.data "$data" \
		vpn.secrets "password=$PPP_PASSWORD, ipsec-psk=$PSK" >"$LOG_DIR/cli-nmcli-add.log" 2>&1 ||
		fail "nmcli connection add (see cli-nmcli-add.log)"
}

# The line of nmcli's output that says what went wrong.
nmcli_error() { grep -m1 '^Error' "$1" || tail -n1 "$1"; }

# nm_vpn_up NAME: nmcli con up; records connect_s.
nm_vpn_up() {
	local t0
	t0=$(lab_now)
	node_exec cli nmcli --wait 90 connection up "$1" >"$LOG_DIR/cli-nmcli-up.log" 2>&1 ||
		fail "nmcli connection up $1: $(nmcli_error "$LOG_DIR/cli-nmcli-up.log")"
	metric connect_s "$(lab_elapsed "$t0" "$(lab_now)")"
	node_exec cli nmcli connection show "$1" >"$LOG_DIR/cli-nmcli-show.txt" 2>&1 || true
	node_exec cli ip route >"$LOG_DIR/cli-routes.txt" 2>&1 || true
	# The service's generated configs and daemon logs, while they exist.
	cp -a "$(node_path cli /run/nm-l2tp-ipsec)" "$LOG_DIR/cli-run-nm-l2tp-ipsec" 2>/dev/null || true
}

# nm_vpn_down NAME: nmcli con down; records disconnect_s.
nm_vpn_down() {
	local t0
	t0=$(lab_now)
	node_exec cli nmcli --wait 60 connection down "$1" >"$LOG_DIR/cli-nmcli-down.log" 2>&1 ||
		fail "nmcli connection down $1: $(nmcli_error "$LOG_DIR/cli-nmcli-down.log")"
	metric disconnect_s "$(lab_elapsed "$t0" "$(lab_now)")"
}

# The DNS servers NetworkManager applied for the VPN, space-separated.
nm_vpn_dns() {
	node_exec cli nmcli -g IP4.DNS connection show "$1" | sed 's/ | / /g'
}

# Peak RSS (VmHWM, kB) of the plugin's service while it runs; empty if gone.
nm_service_peak_rss() {
	local pid
	pid=$(node_exec cli pgrep -x -n nm-l2tp-ipsec-s) || return 0
	awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null
}
