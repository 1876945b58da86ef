# What the person sees of each common failure, everywhere they look, kept
# in the results for whoever reviews the words: `nmcli con up`'s output,
# NetworkManager's failure reason, the service's own line in a real
# journald (the one nmcli's hint shows: NM_CONNECTION=UUID, with its
# L2TP_LAYER), and
# `nm-l2tp-ipsec diagnose CONNECTION` as user nobody afterwards (the last
# failure with its layer and fix). Failures: a wrong password, a wrong PSK,
# a server that does not answer. nmcli must never say "No valid secrets",
# must say "Invalid secrets" for a wrong password or PSK, and point at the
# connection's journal; diagnose must show the layer and the service's fix.
# (A charon without IKEv1 and a port-1701 holder: the diagnose scenario.)
SCENARIO_PROFILES=modern

# view NAME REASON LAYER CODE TEXT: connect NAME, which fails with
# NetworkManager's REASON and the service's TEXT; diagnose shows LAYER/CODE.
view() {
	local name=$1 reason=$2 layer=$3 code=$4 text=$5 uuid
	nm_vpn_up_fails "$name"
	cp "$LOG_DIR/cli-nmcli-up.log" "$LOG_DIR/view-$name.nmcli"
	uuid=$(node_exec cli nmcli -g connection.uuid connection show "$name")
	check "$name: not \"No valid secrets\"" not_in "$LOG_DIR/view-$name.nmcli" "No valid secrets"
	# NetworkManager has words for a wrong secret only; for every other
	# reason it prints "Unknown reason" and its hint to the journal.
	if [[ $reason == login-failed ]]; then
		check "$name: nmcli says \"Invalid secrets\" ($(nmcli_error "$LOG_DIR/view-$name.nmcli"))" \
			grep -qF "Error: Connection activation failed: Invalid secrets" "$LOG_DIR/view-$name.nmcli"
	fi
	check "$name: nmcli points at the journal of this connection" \
		grep -qF "journalctl -xe NM_CONNECTION=$uuid" "$LOG_DIR/view-$name.nmcli"
	check "$name: NetworkManager's failure reason is $reason" nm_failure_reason_is "$reason"
	# What nmcli's hint shows (the journal of the client node, where the
	# service logged as under systemd).
	journal_of cli NM_CONNECTION="$uuid" + NM_DEVICE=eth0 >"$LOG_DIR/view-$name.journal" 2>&1 || true
	check "$name: nmcli's journalctl shows the service's line: $text" \
		grep -qF -- "$text" "$LOG_DIR/view-$name.journal"
	check "$name: that line carries L2TP_LAYER=$layer" \
		journal_layer_has "$uuid" "$layer" "$text"
	DIAGNOSE_ARGS=("$name")
	diagnose_as nobody "view-$name.diagnose"
	DIAGNOSE_ARGS=(--json "$name")
	diagnose_as nobody "view-$name.diagnose-json"
	check "$name: diagnose shows the last failure" \
		has_line "view-$name.diagnose" "✗ The last connect of \"$name\" failed ("
	check "$name: diagnose's fix is the service's message" \
		grep -qF -- "$text" "$LOG_DIR/view-$name.diagnose.out"
	check "$name: layer $layer" test "$(json_check "view-$name.diagnose-json" last-failure .facts.layer)" = "$layer"
	check "$name: code $code" test "$(json_check "view-$name.diagnose-json" last-failure .facts.code)" = "$code"
	nothing_left 20
}

not_in() { ! grep -qF -- "$2" "$1"; }
# (grep reads on: no -q at the end of a pipe under pipefail)
journal_layer_has() { journal_of cli NM_CONNECTION="$1" L2TP_LAYER="$2" -o cat | grep -F -- "$3" >/dev/null; }

scenario_run() {
	diagnose_require
	topology_up --client-unaddressed
	server_start
	journal_start cli
	nm_client_start
	NM_PASSWORD="not-$PPP_PASSWORD" nm_vpn_add wrong-password
	NM_PSK="not-$PSK" nm_vpn_add wrong-psk
	SERVER_IP=10.99.0.77 nm_vpn_add no-server
	capture_start

	view wrong-password login-failed ppp ppp-auth "the server refused the user name or password"
	view wrong-psk login-failed ike psk-mismatch "the pre-shared key does not match the server's"
	view no-server connect-failed ike ike-no-response "no answer from the server 10.99.0.77"

	capture_stop
	wire_expect_only_ipsec
}
