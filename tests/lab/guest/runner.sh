#!/bin/bash
# Runs in the lab VM: installs the plugin when a build dir was given, then
# every scenario of the job, each in its own folder of the results and each
# with fresh nodes. Prints progress and one PASS/FAIL/XFAIL/SKIP line per scenario
# on stdout (the console); results.txt gets the same verdict lines.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$LAB_DIR/lib/node.sh"

[[ -e /run/lab/in-vm ]] || lab_die "only in the lab VM (it changes /etc and /usr)"
RESULTS=$1
set -a    # the scenarios see the job's settings
. "$RESULTS/job.env"    # LAB_SCENARIOS, LAB_BUILD_DIR, LAB_SCENARIO_TIMEOUT, LAB_BENCH_ROUNDS
set +a
: >"$RESULTS/results.txt"

# One scenario may take this long, daemons' own timeouts included.
SCENARIO_TIMEOUT=${LAB_SCENARIO_TIMEOUT:-240}

verdict() { # WORD NAME [REASON]
	echo "$1 $2${3:+ ($3)}"
	echo "$1 $2" >>"$RESULTS/results.txt"
}

# The first line a scenario flagged as the failure, for the console.
failure_reason() {
	local log=$1/scenario.log reason
	reason=$(sed -n 's/^check failed: //p' "$log" | head -n1)
	[[ -n $reason ]] || reason=$(sed -n 's/^\[lab\] error: //p' "$log" | tail -n1)
	echo "${reason:-see scenario.log}"
}

run_one() {
	local name=$1 dir=$RESULTS/$1 rc=0 t0 limit
	mkdir -p "$dir"
	echo "--- $name"
	# A scenario may declare a longer limit of its own (SCENARIO_TIMEOUT=N).
	limit=$(sed -n 's/^SCENARIO_TIMEOUT=\([0-9][0-9]*\)$/\1/p' "$LAB_DIR/scenarios/${name%%/*}.sh")
	((${limit:-0} > SCENARIO_TIMEOUT)) || limit=$SCENARIO_TIMEOUT
	t0=$(lab_now)
	timeout --kill-after=10 "$limit" \
		"$LAB_DIR/guest/scenario.sh" "$name" "$dir" >"$dir/scenario.log" 2>&1 || rc=$?
	node_stop_all
	local took
	took=$(lab_elapsed "$t0" "$(lab_now)")
	[[ ! -s $dir/metrics ]] || sed 's/^/    /' "$dir/metrics"
	case $rc in
	0) verdict PASS "$name" "${took} s" ;;
	77) verdict SKIP "$name" "$(cat "$dir/skip-reason" 2>/dev/null || echo 'no reason given')" ;;
	124 | 137) failed "$name" "timed out after $limit s" ;;
	*) failed "$name" "$(failure_reason "$dir")" ;;
	esac
}

# A failure listed in expected-failures (INSTANCE REASON) is XFAIL, with
# the list's reason and what failed; anything else FAIL.
failed() { # NAME WHAT
	local why
	why=$(awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' \
		"$LAB_DIR/expected-failures" 2>/dev/null || true)
	if [[ -n $why ]]; then
		verdict XFAIL "$1" "$why; failed: $2"
	else
		verdict FAIL "$1" "$2"
	fi
}

# Read the daemons' files once: the host's / comes over 9p, and without this
# the first scenario of a boot pays for it in its timings.
warm_page_cache() {
	local f
	for f in /usr/lib/ipsec/charon /usr/lib/ipsec/lib*.so* /usr/lib/ipsec/plugins/*.so \
		/usr/sbin/swanctl /usr/sbin/xl2tpd /usr/sbin/pppd /usr/sbin/NetworkManager \
		/usr/bin/nmcli /usr/bin/tcpdump /usr/sbin/nft /usr/bin/dbus-daemon; do
		[[ ! -f $f ]] || cat "$f" >/dev/null
	done
	# Their shared libraries, and every command's first start.
	ldd /usr/lib/ipsec/charon /usr/sbin/NetworkManager /usr/bin/nmcli /usr/sbin/pppd 2>/dev/null |
		awk '$3 ~ /^\// { print $3 }' | sort -u | xargs cat >/dev/null 2>&1 || true
}

# A scenario that takes the plugin away (package-upgrade purges and
# reinstalls it) and fails half-way must not fail the ones after it: what
# plugin-install.sh installed is installed again.
plugin_still_there() {
	local PLUGIN_STATE= PLUGIN_SERVICE=
	. /run/lab/plugin.env 2>/dev/null || return 0
	[[ $PLUGIN_STATE == installed && ! -x $PLUGIN_SERVICE ]] || return 0
	echo "the plugin is gone ($PLUGIN_SERVICE): installing it again"
	"$LAB_DIR/guest/plugin-install.sh" "${LAB_BUILD_DIR:-}" "$RESULTS" || true
}

main() {
	warm_page_cache
	"$LAB_DIR/guest/plugin-install.sh" "${LAB_BUILD_DIR:-}" "$RESULTS" || true
	local name
	for name in $LAB_SCENARIOS; do
		run_one "$name"
		plugin_still_there
	done
}

main; exit  # exit before bash reads on: the file may change while it runs
