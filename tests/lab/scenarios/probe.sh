# `nm-l2tp-ipsec probe` from the client node, as an unprivileged user,
# against the profile's server: the accepted Phase 1 transforms are exactly
# the profile's IKE set, UDP 500 and 4500 answer, the wire holds only the
# probe's first Main Mode messages (and its abandon notifies) on UDP
# 500/4500 and no byte of the PSK, and afterwards nothing is left: no
# process or SA in the client, no IKE SA (established or half-open) in the
# server. Run twice back to back: the second run must not be limited by
# the half-open SAs of the first (charon.block_threshold). probe-parallel
# measures --parallel.
SCENARIO_PROFILES=all

probe_require() {
	local env=/run/lab/plugin.env
	[[ -r $env ]] || fail "no $env: guest/plugin-install.sh did not run"
	. "$env"
	[[ $PLUGIN_STATE == installed || $PLUGIN_STATE == no-service ]] || skip "$PLUGIN_NOTE"
	[[ -n ${PLUGIN_CLI:-} && -x $PLUGIN_CLI ]] || skip "the build installs no nm-l2tp-ipsec"
}

# probe_as_user NAME ARGS...: the installed tool as "nobody" in the client
# node; stdout to NAME.out, stderr to NAME.err, exit status to NAME.rc,
# wall-clock seconds (the fork of nsenter and setpriv included) to NAME.s.
probe_as_user() {
	local name=$1 t0 t1 rc=0
	shift
	t0=$(lab_now)
	node_exec cli setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		env LC_ALL=C "$PLUGIN_CLI" probe "$@" >"$LOG_DIR/$name.out" 2>"$LOG_DIR/$name.err" || rc=$?
	t1=$(lab_now)
	echo "$rc" >"$LOG_DIR/$name.rc"
	lab_elapsed "$t0" "$t1" >"$LOG_DIR/$name.s"
}

# The profile's IKE set and the probe's accepted list, sorted, one a line.
profile_ike_sorted() { printf '%s\n' $IKE | sort; }
json_accepted_sorted() { jq -r '.accepted[]' "$LOG_DIR/$1.out" | sort; }

server_ike_sas() { node_exec srv swanctl --list-sas 2>/dev/null | grep -cE 'ESTABLISHED|CONNECTING|IKEv1' || true; }
server_no_ike_sas() { [[ $(server_ike_sas) == 0 ]]; }

# Packets on the server's uplink that are not UDP 500/4500.
wire_not_ike() { tcpdump -n -r "$LOG_DIR/wire.pcap" 'ip and not (udp port 500 or udp port 4500)' 2>/dev/null | wc -l; }
# ISAKMP from the client that is neither a first Main Mode message (responder
# cookie zero) nor an Informational: a probe never gets further.
wire_beyond_first() {
	local f500='udp dst port 500 and not ((udp[26] = 2 and udp[16:4] = 0 and udp[20:4] = 0) or udp[26] = 5)'
	local f4500='udp dst port 4500 and not ((udp[30] = 2 and udp[20:4] = 0 and udp[24:4] = 0) or udp[30] = 5)'
	tcpdump -n -r "$LOG_DIR/wire.pcap" "($f500) or ($f4500)" 2>/dev/null | wc -l
}
# The client-side UDP ports the probe used (one socket per run).
wire_probe_ports() {
	tcpdump -n -r "$LOG_DIR/wire.pcap" 'udp dst port 500 or udp dst port 4500' 2>/dev/null |
		awk '{ n = split($3, a, "."); print a[n] }' | sort -u | wc -l
}

client_probe_gone() {
	local pid
	for pid in $(ip netns pids cli 2>/dev/null); do
		[[ $(readlink "/proc/$pid/exe" 2>/dev/null) != "$PLUGIN_CLI" ]] || return 1
	done
	[[ -z $(node_exec cli ip xfrm state) && -z $(node_exec cli ip xfrm policy) ]]
}

# server_start with charon logging to the node's /run (tmpfs), copied to
# LOG_DIR at the end: under TCG, a log line flushed through the 9p results
# mount for each of ~20 lines per offer cost more than charon's work on the
# offer (measured: 4 offers/s, the probe hit its time limit).
probe_server_start() {
	local conf
	conf=$(node_dir srv)/etc/strongswan.conf
	server_firewall
	strongswan_conf srv
	sed -i "s|path = $LOG_DIR/srv-charon.log|path = /run/charon.log|" "$conf"
	grep -q 'path = /run/charon.log' "$conf" || fail "charon's log path not moved"
	server_swanctl_conf
	server_xl2tpd_conf
	server_ppp_options
	ppp_secrets srv
	charon_start srv
	xl2tpd_start srv
}
probe_server_log() { cp "$(node_path srv /run/charon.log)" "$LOG_DIR/srv-charon.log" 2>/dev/null || true; }

scenario_run() {
	probe_require
	topology_up
	probe_server_start
	trap probe_server_log EXIT
	capture_start

	probe_as_user probe-json --json --verbose "$SERVER_IP"
	probe_as_user probe-text "$SERVER_IP"
	check "the probe's output is a JSON document" jq -e . "$LOG_DIR/probe-json.out" >/dev/null
	metric probe_json_s "$(<"$LOG_DIR/probe-json.s")"
	metric probe_text_s "$(<"$LOG_DIR/probe-text.s")"
	metric probe_elapsed_ms "$(jq '."elapsed-ms"' "$LOG_DIR/probe-json.out")"
	metric probe_offers "$(jq -r '"offers=\(.offers) refused=\(.refused) unanswered=\(.unanswered)"' "$LOG_DIR/probe-json.out")"

	check "the probe exits 0 (exit $(<"$LOG_DIR/probe-json.rc"), see probe-json.err)" \
		test "$(<"$LOG_DIR/probe-json.rc")" = 0
	check "accepted exactly the profile's IKE set: $(jq -r '."ipsec-ike"' "$LOG_DIR/probe-json.out") vs $IKE" \
		test "$(json_accepted_sorted probe-json)" = "$(profile_ike_sorted)"
	check "the probe ran to the end ($(jq -r .result "$LOG_DIR/probe-json.out"))" \
		test "$(jq -r .result "$LOG_DIR/probe-json.out")" = done
	check "no offer went unanswered" test "$(jq .unanswered "$LOG_DIR/probe-json.out")" = 0
	check "UDP 500 answers" test "$(jq '."udp-500"' "$LOG_DIR/probe-json.out")" = true
	check "UDP 4500 answers (NAT-T)" test "$(jq '."udp-4500"' "$LOG_DIR/probe-json.out")" = true
	check "the server's vendor IDs are named" \
		jq -e '."vendor-ids" | map(.name) | index("RFC 3947 NAT-T")' "$LOG_DIR/probe-json.out"
	check "a progress line per offer on stderr" \
		test "$(grep -c ' on UDP ' "$LOG_DIR/probe-json.err")" -ge "$(jq .offers "$LOG_DIR/probe-json.out")"
	# Back to back: the first run left nothing half-open that blocks the second.
	check "the second run exits 0 too" test "$(<"$LOG_DIR/probe-text.rc")" = 0
	check "the second run accepts the same list" \
		grep -qxF "Accepted Phase 1 transforms (paste into ipsec-ike): $(jq -r '."ipsec-ike"' "$LOG_DIR/probe-json.out")" \
		"$LOG_DIR/probe-text.out"

	check "nothing of the probe left in the client" wait_for 5 client_probe_gone
	check "no IKE SA left in the server ($(server_ike_sas) listed)" wait_for 5 server_no_ike_sas
	node_exec srv swanctl --list-sas >"$LOG_DIR/srv-sas.txt" 2>&1 || true

	capture_stop
	check "no PSK byte sequence on the wire" test -z "$(grep -aF -- "$PSK" "$LOG_DIR/wire.pcap")"
	check "only UDP 500/4500 on the wire ($(wire_not_ike) other packets)" test "$(wire_not_ike)" -eq 0
	check "only first Main Mode messages and notifies from the client ($(wire_beyond_first) others)" \
		test "$(wire_beyond_first)" -eq 0
	check "one client port per run ($(wire_probe_ports) ports, 2 runs)" test "$(wire_probe_ports)" -eq 2
	tcpdump -n -r "$LOG_DIR/wire.pcap" >"$LOG_DIR/wire.txt" 2>/dev/null || true
}
