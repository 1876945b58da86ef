# `nm-l2tp-ipsec probe` against an address nobody answers (routed to the
# server, which does not forward it): it must end within 10 s, say "no
# answer on UDP 500/4500" and exit 1. Run as an unprivileged user.
SCENARIO_PROFILES=modern

SILENT_IP=10.99.77.7

scenario_run() {
	local env=/run/lab/plugin.env t0 t1 rc=0 took
	[[ -r $env ]] || fail "no $env: guest/plugin-install.sh did not run"
	. "$env"
	[[ -n ${PLUGIN_CLI:-} && -x $PLUGIN_CLI ]] || skip "the build installs no nm-l2tp-ipsec"
	topology_up
	ip -n cli route add "$SILENT_IP/32" via "$(client_uplink_gw)"
	capture_start

	t0=$(lab_now)
	node_exec cli setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		env LC_ALL=C "$PLUGIN_CLI" probe "$SILENT_IP" >"$LOG_DIR/probe.out" 2>"$LOG_DIR/probe.err" || rc=$?
	t1=$(lab_now)
	took=$(lab_elapsed "$t0" "$t1")
	metric probe_silent_s "$took"
	capture_stop

	check "the probe exits 1 (exit $rc)" test "$rc" = 1
	check "it says there was no answer on UDP 500/4500" grep -q '^No answer on UDP 500/4500 within' "$LOG_DIR/probe.out"
	check "it ends within 10 s (took $took s)" awk -v t="$took" 'BEGIN { exit !(t < 10) }'
	check "it tried both ports" test "$(tcpdump -n -r "$LOG_DIR/wire.pcap" "dst host $SILENT_IP and udp dst port 4500" 2>/dev/null | wc -l)" -gt 0
}
