# Benchmark, not a test (never asserts on time): LAB_BENCH_ROUNDS rounds of
# the bare-daemon floor, then as many nmcli con up/down with the plugin, on
# one server profile (one connection: from the second round on, the service
# offers what worked the first time). bench/connect prints the numbers.
#
# Each bare round starts from nothing, as the service does: floor_s is the
# issue's floor (swanctl --initiate to ppp0's address, daemons running),
# floor_cold_s the same from starting charon and xl2tpd. nm_baseline_s is
# `nmcli con up` of a dummy device: what nmcli and NetworkManager take to
# activate anything, which no VPN plugin can save.
SCENARIO_PROFILES=all
SCENARIO_DEFAULT=no

scenario_run() {
	local rounds=${LAB_BENCH_ROUNDS:-5} i
	topology_up
	server_start

	for ((i = 0; i < rounds; i++)); do
		bare_cold_connect    # metrics floor_s, floor_cold_s
		bare_disconnect
	done

	. /run/lab/plugin.env
	if [[ $PLUGIN_STATE != installed ]]; then
		metric plugin "$PLUGIN_STATE"
		return 0
	fi
	# Hand the uplink over to NetworkManager.
	ip -n cli addr flush dev eth0
	nm_client_start
	for ((i = 0; i < rounds; i++)); do
		nm_dummy_up_down    # metric nm_baseline_s
	done
	nm_vpn_add lab-vpn
	# The first connect walks the negotiation plan; the later ones offer
	# what worked (remembered per connection): first_connect_s apart.
	for ((i = 0; i < rounds; i++)); do
		nm_vpn_up lab-vpn    # metric connect_s
		if ((i == 0)); then
			sed -i 's/^connect_s=/first_connect_s=/; s/^service_ike_s=/first_service_ike_s=/' \
				"$LOG_DIR/metrics"
		fi
		metric service_peak_rss_kb "$(nm_service_peak_rss)"
		nm_vpn_down lab-vpn    # metric disconnect_s
	done
}
