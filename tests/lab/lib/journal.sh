# A real systemd-journald in a node (its own /run: /run/systemd/journal/
# socket and the volatile journal under /run/log/journal), and the
# service logging to it as under systemd (NM_VPN_LOG_SYSLOG=1 through the
# plugin's wrapper, guest/plugin-install.sh). Sourced, never run.

# journal_start NODE: journald in NODE; the service logs there from now on.
journal_start() {
	local node=$1 run
	run=$(node_path "$node" /run)
	mkdir -p "$run/systemd/journal" "$run/systemd/journald.conf.d"
	cp "$LAB_DIR/../service/journald-test.conf" "$run/systemd/journald.conf.d/zz-lab.conf"
	# journald wants the cgroup hierarchy, which the guest does not mount.
	node_exec "$node" sh -c 'mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup' ||
		fail "cgroup2 for journald in $node"
	SYSTEMD_LOG_TARGET=console node_spawn "$node" "$LOG_DIR/$node-journald.log" \
		/lib/systemd/systemd-journald >"$(node_dir "$node")/journald.pid"
	check "systemd-journald runs in $node" wait_for 20 test -S "$run/systemd/journal/socket"
	check "systemd-journald keeps running in $node (see $node-journald.log)" \
		kill -0 "$(<"$(node_dir "$node")/journald.pid")"
	: >"$(node_dir "$node")/etc/NetworkManager/lab-service-journal"
}

# journal_of NODE ARGS...: journalctl in NODE over its journal.
journal_of() {
	local node=$1
	shift
	node_exec "$node" journalctl --directory="/run/log/journal/$(cat /etc/machine-id)" \
		--no-pager -q "$@"
}
