# Asked again, through a real secret agent (the build's
# tests/dbus/test-secret-agent, registered with NetworkManager like GNOME's
# and nmcli's, password and PSK agent-owned): a wrong password, then a wrong
# PSK, each answered right when NetworkManager asks again. Each time the
# agent's re-ask carries our message (hint "x-vpn-message:") and the secret
# to type, the same activation connects (one "starting l2tp"), the office
# answers through ppp0; a new password needs no new IKE SA. Only IPsec on
# the wire, nothing left.
SCENARIO_PROFILES=modern

AGENT_LOG=
AGENT_PID=

agent_start() { # FIRST_PASSWORD FIRST_PSK
	AGENT_LOG=$LOG_DIR/cli-agent-$1-$2.log
	: >"$AGENT_LOG"
	AGENT_PID=$(node_spawn cli "$LOG_DIR/cli-agent.stderr" "$AGENT" --log "$AGENT_LOG" \
		--first "password=$1" --first "ipsec-psk=$2" \
		--again "password=$PPP_PASSWORD" --again "ipsec-psk=$PSK")
	check "the secret agent is registered with NetworkManager" wait_for 20 \
		grep -qx registered "$AGENT_LOG"
}

agent_stop() {
	kill "$AGENT_PID" 2>/dev/null || true
	wait_for 10 test ! -e "/proc/$AGENT_PID" || kill -9 "$AGENT_PID" 2>/dev/null || true
}

activations() { grep -c 'starting l2tp$' "$LOG_DIR/cli-NetworkManager.log" 2>/dev/null || true; }
# Lines of the service's log since the last Connect.
since_connect() { awk '/> Connect: / { n = 0; delete l } { l[++n] = $0 } END { for (i = 1; i <= n; i++) print l[i] }' "$LOG_DIR/cli-service.log"; }
agent_reask_has() { grep '^request .*x-vpn-message:' "$AGENT_LOG" | grep -qF -- "$1"; }
initiations() { since_connect | grep -c '> ipsec: initiating ' || true; }

reask_case() { # SECRET WRONG_PASSWORD WRONG_PSK MESSAGE
	local secret=$1 before
	agent_start "$2" "$3"
	before=$(activations)
	nm_vpn_up lab-vpn
	check "one activation: NetworkManager started the plugin once ($before before)" \
		test "$(activations)" -eq $((before + 1))
	check "the agent was asked again with our message: $4 ($AGENT_LOG)" agent_reask_has "$4"
	check "the re-ask names the secret $secret" agent_reask_has "hints=$secret|"
	check "the service asked for the $secret again (cli-service.log)" \
		nm_service_log_has "asking for the $secret again"
	if [[ $secret == password ]]; then
		check "a new password needed no new IKE SA (one ipsec: initiating since Connect)" \
			test "$(initiations)" -eq 1
	else
		check "a new PSK brought a new IKE SA (two ipsec: initiating since Connect)" \
			test "$(initiations)" -eq 2
	fi
	tunnel_expect_esp_sas
	tunnel_ping_office
	nm_vpn_down lab-vpn
	nothing_left 20
	agent_stop
}

scenario_run() {
	plugin_require
	AGENT=${LAB_BUILD_DIR:-}/tests/dbus/test-secret-agent
	[[ -n ${LAB_BUILD_DIR:-} && -x $AGENT ]] || skip "needs --build-dir with tests/dbus/test-secret-agent"
	topology_up --client-unaddressed
	server_start
	nm_client_start
	node_exec cli nmcli connection add type vpn con-name lab-vpn ifname '*' vpn-type l2tp \
		vpn.data "gateway=$SERVER_IP, user=$PPP_USER, password-flags=1, ipsec-enabled=yes, ipsec-psk-flags=1" \
		>"$LOG_DIR/cli-nmcli-add.log" 2>&1 || fail "nmcli connection add (see cli-nmcli-add.log)"
	capture_start

	reask_case password "not-$PPP_PASSWORD" "$PSK" "The server refused the password of user $PPP_USER"
	reask_case ipsec-psk "$PPP_PASSWORD" "not-$PSK" "The pre-shared key does not match"

	capture_stop
	wire_expect_only_ipsec
}
