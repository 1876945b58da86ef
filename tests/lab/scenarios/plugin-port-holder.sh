# A system-style xl2tpd (Debian's /usr/sbin/xl2tpd with its own config)
# already holds 0.0.0.0:1701 on the client. The plugin connects anyway on
# port 1701 of the specific local address (a strict-1701 server takes
# nothing else), names the holder in its log, only IPsec goes on the wire,
# and the holder keeps its socket and still receives its own traffic.
SCENARIO_PROFILES="modern strict-1701"

# holder_start: xl2tpd as the distribution's xl2tpd.service runs it.
holder_start() {
	cat >"$(node_dir cli)/etc/xl2tpd/xl2tpd.conf" <<-EOF
		[global]
		port = 1701
		access control = yes
		debug network = yes
	EOF
	LAB_KEEP_PIDS=$(node_spawn cli "$LOG_DIR/cli-holder-xl2tpd.log" \
		/usr/sbin/xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /run/xl2tpd-holder.pid -C /run/xl2tpd/l2tp-control)
	check "the holder xl2tpd listens on 0.0.0.0:1701" wait_for 10 holder_socket
}

holder_socket() { node_exec cli ss -Hnlup 'sport = :1701' | grep -q "0.0.0.0:1701 .*pid=$LAB_KEEP_PIDS,"; }

# holder_receives: a datagram to 127.0.0.1:1701 (not the plugin's address)
# reaches the holder: its log grows.
holder_receives() {
	local log=$LOG_DIR/cli-holder-xl2tpd.log before
	before=$(wc -l <"$log")
	node_exec cli bash -c 'printf x >/dev/udp/127.0.0.1/1701'
	check "the holder xl2tpd still receives its own datagrams ($1)" \
		wait_for 10 eval '(($(wc -l <"$log") > before))'
}

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	holder_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	check "the service names the holder of port 1701 (cli-service.log)" \
		grep -q 'UDP port 1701 is held by .*xl2tpd' "$LOG_DIR/cli-service.log"
	check "the service kept port 1701 on its own address" nm_service_log_has "L2TP port 1701"
	tunnel_expect_esp_sas
	tunnel_ping_office
	tunnel_expect_dns "$(nm_vpn_dns lab-vpn)"
	holder_receives "while connected"

	nm_vpn_down lab-vpn
	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
	check "the holder xl2tpd still runs" test -d "/proc/$LAB_KEEP_PIDS"
	check "the holder still has its socket on 0.0.0.0:1701" holder_socket
	holder_receives "after the disconnect"
}
