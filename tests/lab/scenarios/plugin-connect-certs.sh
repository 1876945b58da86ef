# Certificates instead of a PSK (machine-auth-type=tls with machine-ca,
# machine-cert, machine-key): the service reads the three files (as root:
# a shared connection; plugin-certs-private for a private one), decrypts
# the key when it is encrypted (machine-certpass) and hands it to charon
# with load-key, the certificates as bytes in load-conn. With the
# service's private charon:
#  1. a plain key: nmcli con up, charon holds the key, the server logs our
#     certificate, ping the office, nmcli con down, nothing left;
#  2. the key encrypted (PKCS#8, AES-256) with machine-certpass: the same;
#  3. a wrong machine-certpass: nmcli con up fails, the service names the
#     setting, no key was sent.
# Only IKE and ESP on the wire throughout. plugin-certs-system-charon shows
# the key unloaded from a charon that outlives the connection.
SCENARIO_PROFILES=certificates

# nm_vpn_add_certs NAME KEY [PASSWORD]: server, user, password and the three
# certificate files; no PSK anywhere.
nm_vpn_add_certs() {
	local name=$1 key=$2 password=${3:-} data secrets
	data="gateway=$SERVER_IP, user=$PPP_USER, password-flags=0, ipsec-enabled=yes"
	data+=", machine-auth-type=tls, machine-ca=$CLIENT_CA, machine-cert=$CLIENT_CERT"
	data+=", machine-key=$key"
	secrets="password=$PPP_PASSWORD"
	if [[ -n $password ]]; then
		data+=", machine-certpass-flags=0"
		secrets+=", machine-certpass=$password"
	fi
	node_exec cli nmcli connection add type vpn con-name "$name" ifname '*' \
		vpn-type l2tp vpn.data "$data" vpn.secrets "$secrets" >"$LOG_DIR/cli-nmcli-add-$name.log" 2>&1 ||
		fail "nmcli connection add $name (see cli-nmcli-add-$name.log)"
}

# charon_has_private_key URI: charon at URI has a private key for one of its
# certificates (ours: the only key the client ever has).
charon_has_private_key() {
	node_exec cli swanctl --list-certs --uri "$1" >"$LOG_DIR/cli-list-certs.txt" 2>&1 || return 1
	grep -q 'has private key' "$LOG_DIR/cli-list-certs.txt"
}

# service_log_count TEXT: how many lines of the service's log have TEXT.
service_log_count() { grep -cF -- "$1" "$LOG_DIR/cli-service.log" 2>/dev/null || true; }

scenario_run() {
	local private=unix:///run/nm-l2tp-ipsec/charon/charon.vici
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	capture_start

	# 1. a plain key
	nm_vpn_add_certs lab-certs "$CLIENT_KEY"
	nm_vpn_up lab-certs
	server_report
	check "the service loaded the machine key (cli-service.log)" \
		nm_service_log_has "ipsec: machine key "
	check "the service used its private charon" nm_service_log_has "using private charon"
	check "the private charon holds the key of our certificate" charon_has_private_key "$private"
	cp "$LOG_DIR/cli-list-certs.txt" "$LOG_DIR/cli-list-certs-plain-up.txt"
	check "the server authenticated us by certificate (srv-charon.log)" \
		grep -q "authentication of 'CN=lab-client' with RSA" "$LOG_DIR/srv-charon.log"
	tunnel_expect_esp_sas
	tunnel_ping_office
	nm_vpn_down lab-certs
	nothing_left 20
	check "the service unloaded the key going down" \
		nm_service_log_has "ipsec: unloading the machine key"

	# 2. the key encrypted, with machine-certpass
	nm_vpn_add_certs lab-certs-encrypted "$CLIENT_KEY_ENCRYPTED" "$KEY_PASSWORD"
	nm_vpn_up lab-certs-encrypted
	check "the private charon holds the decrypted key of our certificate" \
		charon_has_private_key "$private"
	cp "$LOG_DIR/cli-list-certs.txt" "$LOG_DIR/cli-list-certs-encrypted-up.txt"
	check "the key was sent twice now, both times as rsa" \
		test "$(service_log_count "ipsec: loading the machine key")" -eq 2 -a \
		"$(service_log_count "(rsa)")" -eq 2
	tunnel_expect_esp_sas
	tunnel_ping_office
	nm_vpn_down lab-certs-encrypted
	nothing_left 20
	check "the service unloaded the key twice now" \
		test "$(service_log_count "ipsec: unloading the machine key")" -eq 2

	# 3. a wrong password: named, nothing sent
	nm_vpn_add_certs lab-certs-wrong "$CLIENT_KEY_ENCRYPTED" "not-$KEY_PASSWORD"
	nm_vpn_up_fails lab-certs-wrong
	check "the service said the password does not decrypt the key" \
		nm_service_log_has "machine-key: $CLIENT_KEY_ENCRYPTED: the password does not decrypt the key (machine-certpass)"
	check "NetworkManager's failure reason is connect-failed" nm_failure_reason_is connect-failed
	check "no key sent for the wrong password" \
		test "$(service_log_count "ipsec: loading the machine key")" -eq 2
	nothing_left 20

	capture_stop
	wire_expect_only_ipsec
}
