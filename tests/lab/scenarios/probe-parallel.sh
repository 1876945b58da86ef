# Benchmark, not a test (never asserts on time): `nm-l2tp-ipsec probe
# --parallel N` for N = 1, 2, 3, 4, 6, 8 against the modern server, each
# run's time and unanswered offers as metrics (what is fastest without
# loss; charon drops first messages from its block_threshold of 5 queued
# or half-open per client on). Run it with tests/lab/run probe-parallel.
# The probe scenario's helpers; then this file's own declarations.
. "$LAB_DIR/scenarios/probe.sh"
SCENARIO_PROFILES=modern
SCENARIO_DEFAULT=no

scenario_run() {
	local n
	probe_require
	topology_up
	probe_server_start
	trap probe_server_log EXIT
	for n in ${LAB_PROBE_PARALLEL:-1 2 3 4 6 8}; do
		probe_as_user "parallel-$n" --json --parallel "$n" "$SERVER_IP"
		metric "parallel_$n" "$(jq -r '"\(."elapsed-ms")ms unanswered=\(.unanswered) refused=\(.refused) result=\(.result) accepted=\(.accepted | length)"' "$LOG_DIR/parallel-$n.out")"
		wait_for 5 server_no_ike_sas || true
	done
}
