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
		unmanaged-devices=except:interface-name:eth0,except:type:ppp,except:interface-name:labdummy0

		[logging]
		level=DEBUG
		domains=ALL:INFO,VPN:DEBUG,VPN_PLUGIN:DEBUG,PPP:DEBUG

		[connectivity]
		enabled=false
	EOF
	# The service's log (guest/plugin-install.sh's wrapper reads this).
	printf '%s\n' "$LOG_DIR/cli-service.log" >"$etc/lab-service-log"
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
# NM_PASSWORD / NM_PSK, when set, replace the right ones (failure scenarios).
nm_vpn_add() {
	local name=$1 data
	data="gateway=$SERVER_IP, user=$PPP_USER, password-flags=0, ipsec-enabled=yes, ipsec-psk-flags=0"
	[[ -z ${NM_EXTRA_DATA:-} ]] || data+=", $NM_EXTRA_DATA"
	node_exec cli nmcli connection add type vpn con-name "$name" ifname '*' \
		vpn-type l2tp vpn.data "$data" \
		vpn.secrets "password=${NM_PASSWORD:-$PPP_PASSWORD}, ipsec-psk=${NM_PSK:-$PSK}" >"$LOG_DIR/cli-nmcli-add.log" 2>&1 ||
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
	metric service_ike_s "$(service_ike_span)"
	node_exec cli nmcli connection show "$1" >"$LOG_DIR/cli-nmcli-show.txt" 2>&1 || true
	node_exec cli ip route >"$LOG_DIR/cli-routes.txt" 2>&1 || true
	# The service's generated configs and daemon logs, while they exist.
	cp -a "$(node_path cli /run/nm-l2tp-ipsec)" "$LOG_DIR/cli-run-nm-l2tp-ipsec" 2>/dev/null || true
}

# nm_dummy_up_down: `nmcli con up` of a dummy device with one address,
# then down; records nm_baseline_s, what nmcli and NetworkManager take to
# activate anything (the part of connect_s no plugin can save).
nm_dummy_up_down() {
	local t0
	node_exec cli nmcli connection show lab-dummy >/dev/null 2>&1 ||
		node_exec cli nmcli connection add type dummy ifname labdummy0 con-name lab-dummy \
			ipv4.method manual ipv4.addresses 10.250.0.1/32 ipv6.method disabled \
			>"$LOG_DIR/cli-nmcli-dummy.log" 2>&1 || fail "nmcli connection add type dummy (see cli-nmcli-dummy.log)"
	t0=$(lab_now)
	node_exec cli nmcli --wait 30 connection up lab-dummy >>"$LOG_DIR/cli-nmcli-dummy.log" 2>&1 ||
		fail "nmcli connection up lab-dummy: $(nmcli_error "$LOG_DIR/cli-nmcli-dummy.log")"
	metric nm_baseline_s "$(lab_elapsed "$t0" "$(lab_now)")"
	node_exec cli nmcli --wait 30 connection down lab-dummy >>"$LOG_DIR/cli-nmcli-dummy.log" 2>&1 ||
		fail "nmcli connection down lab-dummy: $(nmcli_error "$LOG_DIR/cli-nmcli-dummy.log")"
}

# The service's own span comparable to the bare-daemon floor: its first
# "ipsec: initiating" to "connected:" of the last Connect, from the
# timestamps of its log (HH:MM:SS.mmm).
service_ike_span() {
	awk '/> Connect: / { a = ""; b = "" }
		/> ipsec: initiating / && a == "" { a = $1 }
		/> connected: / { b = $1 }
		function s(t, p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
		END { if (a != "" && b != "") printf "%.2f\n", s(b) - s(a) }' "$LOG_DIR/cli-service.log" 2>/dev/null
}

# nm_vpn_up_fails NAME: nmcli con up must fail; records fail_s (start to
# nmcli's error) and keeps nmcli's words in cli-nmcli-up.log.
nm_vpn_up_fails() {
	local t0
	t0=$(lab_now)
	if node_exec cli nmcli --wait 90 connection up "$1" >"$LOG_DIR/cli-nmcli-up.log" 2>&1; then
		fail "nmcli connection up $1 succeeded; it must fail"
	fi
	metric fail_s "$(lab_elapsed "$t0" "$(lab_now)")"
}

# nm_vpn_down NAME: nmcli con down; records disconnect_s (nmcli's return)
# and disconnect_clean_s (until the service, its daemons and its runtime
# files are gone: the teardown NetworkManager does not wait for).
nm_vpn_down() {
	local t0
	t0=$(lab_now)
	node_exec cli nmcli --wait 60 connection down "$1" >"$LOG_DIR/cli-nmcli-down.log" 2>&1 ||
		fail "nmcli connection down $1: $(nmcli_error "$LOG_DIR/cli-nmcli-down.log")"
	metric disconnect_s "$(lab_elapsed "$t0" "$(lab_now)")"
	wait_for 30 client_quiet || true
	metric disconnect_clean_s "$(lab_elapsed "$t0" "$(lab_now)")"
}

# No process of the plugin in the client node and no runtime file: checked
# without a fork (a fork costs 0.1-0.5 s under TCG and would blur the time).
client_quiet() {
	local f pid comm
	for f in /proc/[0-9]*/comm; do
		pid=${f#/proc/}
		pid=${pid%/comm}
		[[ " ${LAB_KEEP_PIDS:-} " != *" $pid "* ]] || continue
		read -r comm <"$f" 2>/dev/null || continue
		case $comm in
		nm-l2tp-ipsec-s* | charon | xl2tpd | pppd)
			[[ ! /proc/$pid/ns/net -ef /run/netns/cli ]] || return 1 ;;
		esac
	done
	f=$(node_path cli /run/nm-l2tp-ipsec)
	! compgen -G "$f/*" >/dev/null
}

# nm_service_log_has TEXT: the service said TEXT (its log, see nm_conf).
nm_service_log_has() { grep -qF -- "$1" "$LOG_DIR/cli-service.log" 2>/dev/null; }

# nm_log_has TEXT: NetworkManager said TEXT.
nm_log_has() { grep -qF -- "$1" "$LOG_DIR/cli-NetworkManager.log" 2>/dev/null; }

# nm_failure_reason_is REASON: the plugin's last Failure NetworkManager got
# (the one it keeps) was REASON ("login-failed", "connect-failed", ...).
nm_failure_reason_is() {
	local last
	last=$(grep -o 'dbus: failure: [a-z-]*' "$LOG_DIR/cli-NetworkManager.log" 2>/dev/null | tail -n1)
	[[ $last == "dbus: failure: $1" ]]
}

# The DNS servers NetworkManager applied for the VPN, space-separated.
nm_vpn_dns() {
	node_exec cli nmcli -g IP4.DNS connection show "$1" | sed 's/ | / /g'
}

# Peak RSS (VmHWM, kB) of the plugin's service while it runs; empty if gone.
# What the memory is made of goes to cli-service-memory.txt (status, the
# rollup, resident kB per mapping), for whoever wants it smaller.
nm_service_peak_rss() {
	local pid
	pid=$(node_exec cli pgrep -x -n nm-l2tp-ipsec-s) || return 0
	{
		cat "/proc/$pid/status" "/proc/$pid/smaps_rollup"
		awk '/^[0-9a-f]+-/ { name = $6 } /^Rss:/ { rss[name] += $2 }
			END { for (n in rss) if (rss[n]) printf "%6d kB %s\n", rss[n], n }' "/proc/$pid/smaps" |
			sort -rn
	} >"$LOG_DIR/cli-service-memory.txt" 2>/dev/null || true
	awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null
}
