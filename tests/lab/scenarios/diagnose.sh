# `nm-l2tp-ipsec diagnose` (installed) in the client node, where everything
# is in place (NetworkManager with our plugin, strongSwan, xl2tpd, pppd,
# the guest's L2TP/PPP/ESP modules, free ports): as user nobody and as
# root, with the connection, every line is ✓ and the exit status 0. Then
# each ✗ names its fix:
#   - a system-style xl2tpd on 0.0.0.0:1701: root's diagnose names it
#     (process, pid) and how to stop it; nobody's says the port is held and
#     that root can name the holder;
#   - a charon without IKEv1 (a stand-in binary with a libcharon that has
#     no IKEv1 code, through NM_L2TP_IPSEC_CHARON);
#   - a system charon whose plugin load leaves out openssl, md5 and gmp: root
#     asks it over VICI and gets "cannot do 3DES, MD5, MODP-1024"; nobody
#     may not use its socket and is told so ("?");
#   - a connect with a wrong pre-shared key: the service keeps the failure
#     (/var/lib/nm-l2tp-ipsec/UUID.failure, 0644) and diagnose CONNECTION
#     shows it with its layer, code and message.
SCENARIO_PROFILES=modern

all_ok() { # NAME
	check "$1: exit status 0 ($(<"$LOG_DIR/$1.rc")); not ✓: $(not_ok_lines "$1" | tr '\n' '|')" rc_is "$1" 0
	check "$1: every line ✓" test -z "$(not_ok_lines "$1")"
	check "$1: at least 20 checks" test "$(check_lines "$1" | wc -l)" -ge 20
}

holder_start() {
	cat >"$(node_dir cli)/etc/xl2tpd/xl2tpd.conf" <<-EOF
		[global]
		port = 1701
	EOF
	HOLDER=$(node_spawn cli "$LOG_DIR/cli-holder-xl2tpd.log" \
		/usr/sbin/xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /run/xl2tpd-holder.pid -C /run/xl2tpd/l2tp-control)
	LAB_KEEP_PIDS=$HOLDER
	check "the holder xl2tpd listens on 0.0.0.0:1701" \
		wait_for 10 eval 'node_exec cli ss -Hnlup "sport = :1701" | grep -q "pid=$HOLDER,"'
}

holder_stop() {
	kill "$HOLDER" 2>/dev/null || true
	wait_for 10 test ! -e "/proc/$HOLDER" || kill -9 "$HOLDER" 2>/dev/null || true
	LAB_KEEP_PIDS=
}

# A charon built without IKEv1, as far as diagnose can tell: its version
# and a libcharon beside it without IKEv1's exported task constructors.
standin_charon() {
	local dir
	dir=$(node_dir cli)/charon-no-ikev1
	mkdir -p "$dir"
	printf '#!/bin/sh\necho "Linux strongSwan 6.1.0"\n' >"$dir/charon"
	printf 'no IKEv1 here: \0ike_sa_create\0task_manager_v2_create\0' >"$dir/libcharon.so.0"
	chmod 755 "$dir" "$dir/charon"
	chmod 644 "$dir/libcharon.so.0"
	STANDIN=$dir/charon
}

scenario_run() {
	local uuid record
	diagnose_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	uuid=$(node_exec cli nmcli -g connection.uuid connection show lab-vpn)

	# --- everything in place: all ✓, as nobody and as root ----------------
	DIAGNOSE_ARGS=(lab-vpn)
	diagnose_as nobody ok-nobody
	diagnose_as root ok-root
	DIAGNOSE_ARGS=(--json lab-vpn)
	diagnose_as nobody ok-json
	all_ok ok-nobody
	all_ok ok-root
	check "--json: no check failed" test "$(jq .failed "$LOG_DIR/ok-json.out")" = 0
	check "--json: every check made" test "$(jq .unknown "$LOG_DIR/ok-json.out")" = 0
	check "the connection was found by name" has_line ok-nobody "✓ Connection \"lab-vpn\" ($uuid)"
	check "our plugin is the one for the service type" has_line ok-nobody "✓ VPN plugin for org.freedesktop.NetworkManager.l2tp: "
	check "charon has IKEv1" has_line ok-nobody "✓ charon has IKEv1"
	check "l2tp_ppp is loaded" has_line ok-nobody "✓ Kernel module l2tp_ppp (PPP over L2TP) is loaded"
	check "UDP 1701 is free" has_line ok-nobody "✓ UDP port 1701 is free"

	# --- a port 1701 holder ---------------------------------------------------
	holder_start
	DIAGNOSE_ARGS=()
	diagnose_as root holder-root
	diagnose_as nobody holder-nobody
	check "holder, root: exit status 1" rc_is holder-root 1
	check "holder, root: the line names xl2tpd, its pid and the fix" \
		has_line holder-root "✗ UDP port 1701 is held by xl2tpd (pid $HOLDER) on 0.0.0.0: the service works around it"
	check "holder, root: the fix stops it" has_line holder-root "or stop it: sudo kill $HOLDER"
	check "holder, root: only that line fails" test "$(not_ok_lines holder-root | wc -l)" = 1
	check "holder, nobody: exit status 1" rc_is holder-nobody 1
	check "holder, nobody: held, and root can name it" \
		has_line holder-nobody "✗ UDP port 1701 is held on 0.0.0.0 by a socket of no visible process"
	check "holder, nobody: the fix says to run as root" \
		has_line holder-nobody ": run diagnose as root to see which program it is"
	every_fail_has_fix holder-nobody || fail "holder, nobody: a ✗ line without a fix"
	holder_stop

	# --- a charon without IKEv1 -------------------------------------------------
	standin_charon
	diagnose_as nobody no-ikev1 NM_L2TP_IPSEC_CHARON="$STANDIN"
	check "no IKEv1: exit status 1" rc_is no-ikev1 1
	check "no IKEv1: the line says so and names the fix" \
		has_line no-ikev1 "✗ charon (strongSwan 6.1.0) was built without IKEv1, which L2TP/IPsec needs: no IKEv1 code in ${STANDIN%/charon}/libcharon.so.0: install a strongSwan build with IKEv1"

	# --- a system charon without the legacy algorithms ------------------------------
	CHARON_PLUGINS="random nonce aes sha1 sha2 hmac kernel-netlink socket-default vici" strongswan_conf cli
	charon_start cli
	LAB_KEEP_PIDS=$(<"$(node_dir cli)/charon.pid")
	diagnose_as root charon-root
	diagnose_as nobody charon-nobody
	check "system charon, root: it answers and the service uses it" \
		has_line charon-root "✓ A system charon (strongSwan "
	check "system charon, root: it lacks the legacy algorithms, with the fix" \
		has_line charon-root "✗ charon cannot do 3DES, MD5, MODP-1024, which older servers (TP-Link, Meraki, Windows RRAS) offer (the running charon's answer): have the system charon load the openssl plugin"
	check "system charon, root: its own libcharon has IKEv1" has_line charon-root "✓ charon has IKEv1"
	check "system charon, root: UDP 500 is its" has_line charon-root ": the service uses this charon"
	check "system charon, nobody: its socket is root's, said with ?" \
		has_line charon-nobody "? A system charon's socket /run/charon.vici is there, but only root may use it: run diagnose as root"
	daemon_stop cli charon
	LAB_KEEP_PIDS=

	# --- the last failure of a connection -----------------------------------------
	NM_PSK="not-$PSK" nm_vpn_add lab-bad
	uuid=$(node_exec cli nmcli -g connection.uuid connection show lab-bad)
	nm_vpn_up_fails lab-bad
	record=/var/lib/nm-l2tp-ipsec/$uuid.failure
	check "the service kept the failure ($record)" test -f "$record"
	cp "$record" "$LOG_DIR/lab-bad.failure" 2>/dev/null || true
	check "the record is 0644 root's" test "$(stat -c '%a %u' "$record")" = "644 0"
	check "the state directory is 0711" test "$(stat -c '%a' /var/lib/nm-l2tp-ipsec)" = 711
	DIAGNOSE_ARGS=(lab-bad)
	diagnose_as nobody failed-nobody
	DIAGNOSE_ARGS=(--json lab-bad)
	diagnose_as nobody failed-json
	check "last failure: exit status 1" rc_is failed-nobody 1
	check "last failure: layer, message and fix" \
		has_line failed-nobody "✗ The last connect of \"lab-bad\" failed ("
	check "last failure: the message names the PSK" \
		has_line failed-nobody "IPsec (IKE phase 1): the pre-shared key does not match the server's. Check the pre-shared key (ipsec-psk)."
	check "last failure --json: layer ike" test "$(json_check failed-json last-failure .facts.layer)" = ike
	check "last failure --json: code psk-mismatch" test "$(json_check failed-json last-failure .facts.code)" = psk-mismatch
	check "last failure --json: the fix is the service's message" \
		grep -qF "Check the pre-shared key (ipsec-psk)." <(json_check failed-json last-failure .fix)
	nothing_left 20
}
