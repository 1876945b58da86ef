# Certificates of a private connection (connection.permissions user:nobody)
# are read as nobody, never as root (CVE-2025-9615 class); charon gets
# them as bytes over VICI and never opens a path of the connection:
#  1. the key nobody owns (0600): nmcli con up, the service's log says the
#     files were read as the connection's user, charon holds the key, ping
#     the office, nmcli con down, nothing left;
#  2. the same key owned by root (0600): nmcli con up fails, the service
#     says "machine-key: PATH: permission denied for user nobody", no key
#     was sent, nothing left;
#  3. the same root-only key in a shared connection (no permissions): read
#     as root as before, connects, nothing left after nmcli con down.
# Only IKE and ESP on the wire throughout. The helpers are
# plugin-connect-certs's.
SCENARIO_PROFILES=certificates
. "$LAB_DIR/scenarios/plugin-connect-certs.sh"
SCENARIO_PROFILES=certificates

# nm_vpn_add_private NAME KEY [PERMISSIONS]: as nm_vpn_add_certs, private to
# PERMISSIONS (user:nobody) unless it is empty.
nm_vpn_add_private() {
	local name=$1 key=$2 permissions=${3-user:nobody} data
	data="gateway=$SERVER_IP, user=$PPP_USER, password-flags=0, ipsec-enabled=yes"
	data+=", machine-auth-type=tls, machine-ca=$PRIVATE_DIR/ca.pem"
	data+=", machine-cert=$PRIVATE_DIR/client.pem, machine-key=$key"
	node_exec cli nmcli connection add type vpn con-name "$name" ifname '*' \
		vpn-type l2tp ${permissions:+connection.permissions "$permissions"} \
		vpn.data "$data" vpn.secrets "password=$PPP_PASSWORD" \
		>"$LOG_DIR/cli-nmcli-add-$name.log" 2>&1 ||
		fail "nmcli connection add $name (see cli-nmcli-add-$name.log)"
}

# The files where nobody can reach them (the node's certs/ is root's, 0700).
private_files() {
	PRIVATE_DIR=$(mktemp -d /tmp/nm-l2tp-lab-private.XXXXXX)
	chmod 0755 "$PRIVATE_DIR"
	install -m 0644 "$CLIENT_CA" "$PRIVATE_DIR/ca.pem"
	install -m 0644 "$CLIENT_CERT" "$PRIVATE_DIR/client.pem"
	install -m 0600 -o nobody "$CLIENT_KEY" "$PRIVATE_DIR/nobody.key"
	install -m 0600 -o root "$CLIENT_KEY" "$PRIVATE_DIR/root-only.key"
}

# A logind session of nobody, as sd_uid_get_sessions reads it, before
# NetworkManager starts: without one it hides a connection private to
# nobody. (The node's /run is its own.)
nobody_session() {
	local run
	run=$(node_path cli /run)
	mkdir -p "$run/systemd/seats" "$run/systemd/users"
	printf 'SESSIONS=c1\nONLINE_SESSIONS=c1\nACTIVE_SESSIONS=c1\n' \
		>"$run/systemd/users/$(id -u nobody)"
}

scenario_run() {
	local private=unix:///run/nm-l2tp-ipsec/charon/charon.vici
	plugin_require
	topology_up --client-unaddressed
	server_start
	private_files
	nobody_session
	nm_client_start
	capture_start

	# 1. nobody's key: read as nobody, connects
	nm_vpn_add_private lab-private "$PRIVATE_DIR/nobody.key"
	nm_vpn_up lab-private
	server_report
	check "the service read the files as the connection's user" \
		nm_service_log_has "files: reading 3 files of the connection as its user"
	check "the private charon holds the key of our certificate" charon_has_private_key "$private"
	check "the server authenticated us by certificate (srv-charon.log)" \
		grep -q "authentication of 'CN=lab-client' with RSA" "$LOG_DIR/srv-charon.log"
	tunnel_expect_esp_sas
	tunnel_ping_office
	nm_vpn_down lab-private
	nothing_left 20

	# 2. root's key in the private connection: refused by name, nothing sent
	nm_vpn_add_private lab-private-root "$PRIVATE_DIR/root-only.key"
	nm_vpn_up_fails lab-private-root
	check "the service said nobody may not read the key" \
		nm_service_log_has "machine-key: $PRIVATE_DIR/root-only.key: permission denied for user nobody"
	check "no key sent for the file nobody may not read" \
		test "$(service_log_count "ipsec: loading the machine key")" -eq 1
	check "NetworkManager's failure reason is connect-failed" nm_failure_reason_is connect-failed
	nothing_left 20

	# 3. the same key in a shared connection: root reads it, as before
	nm_vpn_add_private lab-shared-root "$PRIVATE_DIR/root-only.key" ""
	nm_vpn_up lab-shared-root
	check "a shared connection's files are read as root" \
		nm_service_log_has "files: reading 3 files of the connection as root"
	tunnel_ping_office
	nm_vpn_down lab-shared-root
	nothing_left 20

	capture_stop
	wire_expect_only_ipsec
	rm -rf "$PRIVATE_DIR"
}
