# A server that accepts several PFS groups (PFS="modp2048 modp1536": a
# FortiGate's "dhgrp 14 5") accepts each of them: the bare client offers
# Phase 2 with one group at a time and the server's CHILD_SA must show
# that group. IPsec only (IKE + Quick Mode), no L2TP.
SCENARIO_PROFILES="pfs-group14 gcm-ecp"

# No ESP state and no SA policy left; the running charon's own per-socket
# bypass policies ("socket in/out") stay while it runs.
no_child_sa() {
	[[ -z $(node_exec cli ip xfrm state) ]] && ! node_exec cli ip xfrm policy | grep ' dir ' >/dev/null
}

scenario_run() {
	local groups=$PFS g
	[[ $groups == *' '* ]] || skip "profile $PROFILE names one PFS group ($PFS)"
	topology_up
	server_start
	strongswan_conf cli
	bare_swanctl_conf
	charon_start cli
	for g in $groups; do
		PFS=$g bare_swanctl_conf
		node_exec cli swanctl --load-conns >>"$LOG_DIR/cli-swanctl-load.log" 2>&1 ||
			fail "swanctl --load-conns with PFS $g (see cli-swanctl-load.log)"
		node_exec cli swanctl --initiate --child l2tp --timeout 30 >>"$LOG_DIR/cli-initiate.log" 2>&1 ||
			fail "IKE/ESP with PFS $g only (see cli-initiate.log, srv-charon.log)"
		check "the server's CHILD_SA uses PFS $g (srv-child-sa.txt)" server_child_sa_has_group "$g"
		# IKEv1: deleting the ISAKMP SA leaves the IPsec SAs; the CHILD_SA
		# goes first.
		node_exec cli swanctl --terminate --child l2tp --timeout 10 >>"$LOG_DIR/cli-terminate.log" 2>&1 ||
			fail "swanctl --terminate --child (see cli-terminate.log)"
		# (the IKE SA may be gone with it: nothing left to end is fine)
		node_exec cli swanctl --terminate --ike lab --timeout 10 >>"$LOG_DIR/cli-terminate.log" 2>&1 ||
			true
		check "no SA left in the client after PFS $g" wait_for 10 no_child_sa
	done
	daemon_stop cli charon
}
