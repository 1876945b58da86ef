# The bare-daemon client in node "cli": charon, xl2tpd and pppd configured by
# the harness and driven by hand, no NetworkManager, no plugin. It proves the
# lab works against a profile and is the floor the service is measured
# against. Sourced, never run.

# The client's L2TP source port: 1701, or 0 for an ephemeral one.
BARE_L2TP_PORT=1701

bare_client_conf() {
	strongswan_conf cli
	bare_swanctl_conf
	bare_xl2tpd_conf
	bare_ppp_options
	ppp_secrets cli
}

bare_client_start() {
	bare_client_conf
	charon_start cli
	xl2tpd_start cli
}

bare_swanctl_conf() {
	local etc local_ts='dynamic[udp/1701]'
	etc=$(node_dir cli)/etc/swanctl
	[[ $BARE_L2TP_PORT == 1701 ]] || local_ts='dynamic[udp]'
	cat >"$etc/swanctl.conf" <<-EOF
		connections {
			lab {
				version = 1
				remote_addrs = $SERVER_IP
				proposals = $(swanctl_ike_proposals)
				local { auth = psk }
				remote { auth = psk }
				children {
					l2tp {
						mode = transport
						local_ts = $local_ts
						remote_ts = dynamic[udp/1701]
						esp_proposals = $(swanctl_esp_proposals)
						start_action = none
					}
				}
			}
		}
		secrets {
			ike-lab { secret = "$PSK" }
		}
	EOF
	chmod 600 "$etc/swanctl.conf"
}

bare_xl2tpd_conf() {
	cat >"$(node_dir cli)/etc/xl2tpd/xl2tpd.conf" <<-EOF
		[global]
		port = $BARE_L2TP_PORT
		access control = no
		debug state = yes
		debug tunnel = yes

		[lac lab]
		lns = $SERVER_IP
		ppp debug = yes
		pppoptfile = /etc/ppp/options.lac
		length bit = yes
		redial = no
		autodial = no
	EOF
}

# The client refuses every method the profile does not list, so a pass
# proves the server's method.
bare_ppp_options() {
	local method
	{
		echo "name $PPP_USER"
		echo "user $PPP_USER"
		echo "noauth"
		for method in pap chap mschap mschap-v2 eap; do
			[[ " $PPP_AUTH " == *" $method "* ]] || echo "refuse-$method"
		done
		if [[ $MPPE == required ]]; then echo "require-mppe-128"; else echo "noccp"; fi
		echo "usepeerdns"
		echo "ipcp-accept-local"
		echo "ipcp-accept-remote"
		echo "nodefaultroute"
		echo "mtu 1400"
		echo "mru 1400"
		echo "debug"
		echo "logfile $LOG_DIR/cli-pppd.log"
	} >"$(node_dir cli)/etc/ppp/options.lac"
}

ppp0_has_address() { node_exec cli ip -4 addr show dev ppp0 2>/dev/null | grep -q 'inet '; }
ppp0_gone() { ! node_exec cli ip link show dev ppp0 >/dev/null 2>&1; }
xfrm_empty() { [[ -z $(node_exec "$1" ip xfrm state) && -z $(node_exec "$1" ip xfrm policy) ]]; }

# IKE + ESP, then L2TP + PPP; records the floor: IKE start -> ppp0 address.
bare_connect() {
	bare_ipsec_up
	bare_l2tp_up
	check "ppp0 gets an address (see cli-pppd.log, srv-pppd.log, *-xl2tpd.log)" wait_for 30 ppp0_has_address
	metric floor_s "$(lab_elapsed "$BARE_T0" "$(lab_now)")"
}

# bare_connect from no daemon at all; records floor_cold_s: charon start ->
# ppp0 address (the span the service also has to cover).
bare_cold_connect() {
	local t0
	bare_client_conf
	t0=$(lab_now)
	charon_start cli
	xl2tpd_start cli
	bare_connect
	metric floor_cold_s "$(lab_elapsed "$t0" "$(lab_now)")"
}

bare_ipsec_up() {
	local t1
	BARE_T0=$(lab_now)
	node_exec cli swanctl --initiate --child l2tp --timeout 30 >"$LOG_DIR/cli-initiate.log" 2>&1 ||
		fail "IKE/ESP: swanctl --initiate (see cli-initiate.log, cli-charon.log, srv-charon.log)"
	t1=$(lab_now)
	metric ipsec_s "$(lab_elapsed "$BARE_T0" "$t1")"
}

bare_l2tp_up() {
	node_exec cli sh -c 'echo "c lab" >/run/xl2tpd/l2tp-control'
}

# PPP and L2TP down, then IKE; the daemons stay for the next round.
bare_tunnel_down() {
	node_exec cli sh -c 'echo "d lab" >/run/xl2tpd/l2tp-control'
	check "ppp0 goes away" wait_for 15 ppp0_gone
	node_exec cli swanctl --terminate --ike lab --timeout 10 >"$LOG_DIR/cli-terminate.log" 2>&1 ||
		fail "swanctl --terminate (see cli-terminate.log)"
}

bare_client_stop() {
	daemon_stop cli xl2tpd
	daemon_stop cli charon
	# charon leaves its socket behind: the next charon_start waits for a new one.
	rm -f "$(node_path cli /run/charon.vici)"
}

bare_disconnect() {
	bare_tunnel_down
	bare_client_stop
}

# With the bare client up: ESP SAs for L2TP, PFS where the profile demands
# it, the office reached through ppp0 (the harness adds the route a plugin
# would get) and the DNS pppd was given.
bare_tunnel_expect_working() {
	tunnel_expect_esp_sas
	! profile_requires_pfs ||
		check "the server's CHILD_SA uses PFS with one of $PFS (srv-child-sa.txt)" \
			server_child_sa_has_pfs
	node_exec cli ip route add "$OFFICE_NET" dev ppp0
	tunnel_ping_office
	tunnel_expect_dns "$(bare_dns)"
}

# usepeerdns: pppd writes the DNS it got to /etc/ppp/resolv.conf.
bare_dns() {
	awk '/^nameserver/ { printf "%s%s", sep, $2; sep = " " }' "$(node_path cli /etc/ppp/resolv.conf)"
}
