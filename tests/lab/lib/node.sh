# Nodes: the hosts of the lab inside the VM. A node is a network namespace
# plus a private mount namespace (lib/node-init.sh), held open by one process
# whose pid is kept in the node's directory. Sourced, never run.

# Not under /run: every node mounts its own /run.
LAB_NODES=${LAB_NODES:-/var/tmp/lab/nodes}

node_dir() { printf '%s/%s\n' "$LAB_NODES" "$1"; }
node_pid() { echo "$(<"$LAB_NODES/$1/pid")"; }

# node_path NAME PATH: PATH as the node sees it, readable from outside the
# node without entering it (no fork): /proc/PID/root of its holder.
node_path() { echo "/proc/$(<"$LAB_NODES/$1/pid")/root$2"; }

# node_start NAME: a node with a Debian-like /etc (copies of the root's
# ppp, swanctl, xl2tpd, NetworkManager dirs and strongswan.conf) to edit freely.
node_start() {
	local name=$1 dir
	dir=$(node_dir "$name")
	rm -rf "$dir"
	mkdir -p "$dir/etc"
	cp -a /etc/ppp /etc/swanctl /etc/xl2tpd /etc/NetworkManager /etc/strongswan.conf "$dir/etc/"
	ip netns add "$name"
	ip -n "$name" link set lo up
	# IPv6 would put router solicitations and MLD on the wire we count.
	ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip netns exec "$name" unshare --mount --propagation private \
		"$LAB_DIR/lib/node-init.sh" "$dir" </dev/null >"$dir/init.log" 2>&1 &
	echo $! >"$dir/pid"
	local i
	for i in {1..200}; do
		[[ ! -e /proc/$!/root/run/node-ready ]] || return 0
		lab_sleep 0.05
	done
	cat "$dir/init.log" >&2
	lab_die "node $name did not start"
}

# node_exec NAME CMD...: run CMD in the node (its network and its mounts).
node_exec() {
	local name=$1
	shift
	nsenter -t "$(node_pid "$name")" -m -n -- "$@"
}

# node_spawn NAME LOG CMD...: start a daemon in the node, output to LOG;
# prints its pid (nsenter execs CMD, so it is the daemon's own).
node_spawn() {
	local name=$1 log=$2
	shift 2
	# A simple command, not node_exec: $! must be the daemon, not a subshell.
	nsenter -t "$(node_pid "$name")" -m -n -- "$@" </dev/null >"$log" 2>&1 &
	echo $!
}

# node_stop NAME...: end every process in the node's network namespace,
# then the namespace. Links die with it.
node_stop() {
	local name pids i
	for name in "$@"; do
		[[ -e /run/netns/$name ]] || continue
		for i in {1..40}; do
			pids=$(ip netns pids "$name" 2>/dev/null || true)
			[[ -n $pids ]] || break
			# TERM first so daemons clean up; KILL what is still there after 2 s.
			if ((i < 20)); then kill $pids 2>/dev/null || true; else kill -9 $pids 2>/dev/null || true; fi
			lab_sleep 0.1
		done
		ip netns del "$name"
	done
}

node_stop_all() {
	local ns
	for ns in /run/netns/*; do
		[[ -e $ns ]] && node_stop "${ns##*/}"
	done
	return 0
}

# node_link NODE1 IF1 ADDR1/LEN NODE2 IF2 ADDR2/LEN: a veth pair between two
# nodes; an empty address or "-" leaves that end unaddressed.
node_link() {
	local n1=$1 if1=$2 a1=$3 n2=$4 if2=$5 a2=$6
	ip link add "lab-$n1-$if1" type veth peer name "lab-$n2-$if2"
	ip link set "lab-$n1-$if1" netns "$n1"
	ip link set "lab-$n2-$if2" netns "$n2"
	ip -n "$n1" link set "lab-$n1-$if1" name "$if1"
	ip -n "$n2" link set "lab-$n2-$if2" name "$if2"
	[[ -z $a1 || $a1 == - ]] || ip -n "$n1" addr add "$a1" dev "$if1"
	[[ -z $a2 || $a2 == - ]] || ip -n "$n2" addr add "$a2" dev "$if2"
	ip -n "$n1" link set "$if1" up
	ip -n "$n2" link set "$if2" up
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s; false when time runs out.
wait_for() {
	local deadline=$((${EPOCHREALTIME/./} + ${1%.*} * 1000000))
	shift
	until "$@"; do
		((${EPOCHREALTIME/./} < deadline)) || return 1
		lab_sleep 0.1
	done
}
