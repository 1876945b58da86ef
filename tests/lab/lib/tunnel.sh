# Checks on an established tunnel and on what a client leaves behind,
# whoever drove it (bare daemons or NetworkManager). Sourced, never run.

# ESP transport SAs in the client's kernel, both directions.
tunnel_expect_esp_sas() {
	local state
	state=$(node_exec cli ip xfrm state)
	printf '%s\n' "$state" >"$LOG_DIR/cli-xfrm-state.txt"
	check "two ESP SAs in the client's kernel" test "$(grep -c '^src' <<<"$state")" -ge 2
	check "ESP in transport mode" grep -q 'proto esp .*mode transport' <<<"$(tr '\n' ' ' <<<"$state")"
}

# ping the office network behind the server, through ppp0.
tunnel_ping_office() {
	node_exec cli ip route get "$OFFICE_IP" >"$LOG_DIR/cli-route-office.txt" 2>&1 || true
	check "office $OFFICE_IP routed into ppp0" grep -q 'dev ppp0' "$LOG_DIR/cli-route-office.txt"
	node_exec cli ping -c 3 -i 0.3 -W 3 "$OFFICE_IP" >"$LOG_DIR/cli-ping.txt" 2>&1 ||
		fail "ping $OFFICE_IP through the tunnel (see cli-ping.txt)"
}

# tunnel_expect_dns "A B": the DNS servers the client got are the profile's.
# A pppd server with one ms-dns hands it out as both DNS1 and DNS2: compare
# the distinct addresses, in order.
tunnel_expect_dns() {
	local got
	got=$(tr ' ' '\n' <<<"$1" | awk 'NF && !seen[$0]++' | paste -sd' ')
	check "DNS pushed by the server ($DNS) reached the client (got: $got)" test "$got" == "$DNS"
}

# The service's cleartext guard (src/l2tp/cleartext-guard.c) is in the
# client's kernel: its nftables table inet nm-l2tp-ipsec-<id>.
client_guard_present() {
	node_exec cli nft list tables 2>/dev/null | grep -q '^table inet nm-l2tp-ipsec-'
}

# What of a client is still there: prints one line per leftover.
client_leftovers() {
	local pid comm
	for pid in $(ip netns pids cli); do
		# a scenario's own daemons (a system-style xl2tpd holding 1701)
		[[ " ${LAB_KEEP_PIDS:-} " != *" $pid "* ]] || continue
		comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
		case $comm in
		nm-l2tp-ipsec-s* | charon | pluto | xl2tpd | pppd) echo "process $comm ($pid)" ;;
		esac
	done
	local root
	root=$(node_path cli "")
	if [[ -d $root/run/nm-l2tp-ipsec ]] && [[ -n $(ls -A "$root/run/nm-l2tp-ipsec") ]]; then
		echo "files in /run/nm-l2tp-ipsec: $(ls -A "$root/run/nm-l2tp-ipsec" | tr '\n' ' ')"
	fi
	[[ -z $(node_exec cli ip xfrm state) ]] || echo "xfrm states"
	[[ -z $(node_exec cli ip xfrm policy) ]] || echo "xfrm policies"
	local vici
	for vici in "$root"/run/charon.vici "$root"/run/nm-l2tp-ipsec/*.vici; do
		[[ -S $vici ]] || continue
		[[ -z $(node_exec cli swanctl --list-conns --uri "unix://${vici#"$root"}" 2>/dev/null) ]] ||
			echo "swanctl connections on ${vici#"$root"}"
	done
	if node_exec cli ip link show dev ppp0 >/dev/null 2>&1; then echo "ppp0"; fi
	{ node_exec cli nft list tables 2>/dev/null || true; } |
		sed -n 's/^table inet \(nm-l2tp-ipsec-.*\)/nftables table \1/p'
	return 0
}

# nothing_left [GRACE]: the client is back as before the connection.
nothing_left() {
	local grace=${1:-10} left
	wait_for "$grace" eval '[[ -z $(client_leftovers) ]]' || true
	left=$(client_leftovers)
	[[ -z $left ]] || { echo "$left" >"$LOG_DIR/leftovers.txt"; fail "left behind: $(tr '\n' ';' <<<"$left")"; }
}
