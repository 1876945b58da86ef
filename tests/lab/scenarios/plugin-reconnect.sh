# A quick reconnect while the old connection still tears down (issue 11,
# item 4). NetworkManager starts a new service process for every
# activation, so `nmcli con down` + `nmcli con up` at once runs the new
# process beside the old one, which is still ending PPP, L2TP and IPsec.
# Both are for one connection UUID: one runtime directory, one xl2tpd
# [lac], one strongSwan conn and shared-key name. The new one must wait
# for the old one (its log names it) and then connect; the old teardown
# must leave the new tunnel alone: after the old process is gone, the
# office still answers through ppp0 and the connection is still active.
#
# The overlap is made certain by holding the old service process still
# (SIGSTOP) across `nmcli con down` until the new process says it waits
# for it; then it goes on (SIGCONT) and tears down as usual, against a
# server that answers everything. A second round reconnects without that
# (the usual quick path). On strict-1701 the new connection must have port
# 1701 again: the old xl2tpd was gone before the new one bound. Only IPsec
# on the wire throughout; nothing left at the end.
SCENARIO_PROFILES="modern strict-1701"

# (grep reads all of its input: with -q, pipefail would see the writer's SIGPIPE)
vpn_active() { node_exec cli nmcli -t -f NAME connection show --active | grep -x -- "$1" >/dev/null; }
gone() { ! kill -0 "$1" 2>/dev/null; }
# The newest service process in the client node (pids are the guest's).
service_pid() { node_exec cli pgrep -x -n nm-l2tp-ipsec-s; }
# svc_log_has PID TEXT: that service process logged TEXT.
svc_log_has() { grep -F -- "nm-l2tp-ipsec[$1]" "$LOG_DIR/cli-service.log" | grep -F -- "$2" >/dev/null; }
stamp_is() { # PID: the runtime directory's service.pid is that process's
	local uuid s
	uuid=$(node_exec cli nmcli -g connection.uuid connection show lab-vpn)
	s=$(cat "$(node_path cli "/run/nm-l2tp-ipsec/$uuid/service.pid")" 2>/dev/null) || return 1
	[[ ${s%% *} == "$1" ]]
}

# after_reconnect ROUND OLD: the new process connected, and the old one's
# end left its tunnel alone.
after_reconnect() {
	local round=$1 old=$2 new
	new=$(service_pid)
	check "$round: a new service process connected ($old, then $new)" test "$new" != "$old"
	if [[ $PROFILE == strict-1701 ]]; then
		check "$round: the new connection has L2TP port 1701 again" \
			svc_log_has "$new" "L2TP port 1701"
	fi
	check "$round: the old service process ends" wait_for 60 gone "$old"
	# What the old teardown would have broken: the new one's SAs, xl2tpd,
	# pppd and runtime directory.
	check "$round: the runtime directory is the new process's" stamp_is "$new"
	check "$round: the connection is still active after the old process ended" \
		vpn_active lab-vpn
	tunnel_expect_esp_sas
	tunnel_ping_office
}

# The old process held still until the new one waits for it.
reconnect_held() {
	local old down up
	old=$(service_pid)
	kill -STOP "$old"
	node_exec cli nmcli --wait 60 connection down lab-vpn >"$LOG_DIR/cli-nmcli-down-held.log" 2>&1 &
	down=$!
	if ! wait_for 30 eval '! vpn_active lab-vpn'; then
		kill -CONT "$old"
		fail "held: NetworkManager does not let the connection go while its service is stopped"
	fi
	nm_vpn_up lab-vpn &
	up=$!
	if ! wait_for 60 grep -qF "waiting for service process $old" "$LOG_DIR/cli-service.log"; then
		kill -CONT "$old"
		fail "held: the new service process did not wait for the old one ($old)"
	fi
	kill -CONT "$old"
	wait "$down" || fail "held: nmcli connection down: $(nmcli_error "$LOG_DIR/cli-nmcli-down-held.log")"
	wait "$up" || fail "held: nmcli connection up (cli-nmcli-up.log)"
	after_reconnect held "$old"
}

# Down and up at once: the usual quick path.
reconnect_quick() {
	local old
	old=$(service_pid)
	node_exec cli nmcli --wait 60 connection down lab-vpn >"$LOG_DIR/cli-nmcli-down-quick.log" 2>&1 ||
		fail "quick: nmcli connection down: $(nmcli_error "$LOG_DIR/cli-nmcli-down-quick.log")"
	nm_vpn_up lab-vpn
	after_reconnect quick "$old"
}

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	tunnel_ping_office
	reconnect_held
	reconnect_quick

	nm_vpn_down lab-vpn
	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
