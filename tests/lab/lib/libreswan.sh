# A private libreswan pluto in a node (the lab's second IPsec backend):
# Debian's libreswan 4.10, unpacked by setup.sh (fetch_libreswan) into the
# cache and run from there, never installed. Everything it reads or writes
# is in the node's directory (lsw_dir NODE): its ipsec.conf and ipsec.secrets,
# an NSS database, the rundir with pluto.ctl and pluto.pid; its log goes to
# LOG_DIR/pluto.log. /etc/ipsec.*, /var/lib/ipsec and /run/pluto are never
# touched. Sourced, never run.
#
# What pluto 4.10 cannot be told, and how it is met here:
#  - it execs /usr/libexec/ipsec/addconn (IPSEC_EXECDIR, compiled in) at
#    startup and exits when that is missing: the node gets the cache's
#    usr/libexec merged over its /usr/libexec (an overlay in the node's own
#    mount namespace; nothing outside the node sees it);
#  - the default updown is "ipsec _updown" (there is no ipsec command):
#    leftupdown=%disabled (transport mode needs no routes or firewall).

LIBRESWAN_ROOT=${LIBRESWAN_ROOT:-$LAB_CACHE/libreswan/root}
LSW_LIBEXEC=$LIBRESWAN_ROOT/usr/libexec/ipsec

# lsw_dir NODE: the private pluto's directory (ipsec.conf, ipsec.secrets,
# nss/, run/). Under the node's directory, which is the same path inside
# the node: /run is the node's own, but /var/tmp is not.
lsw_dir() { printf '%s/libreswan\n' "$(node_dir "$1")"; }
lsw_ctl() { printf '%s/run/pluto.ctl\n' "$(lsw_dir "$1")"; }
# lsw_log NODE: pluto's log: LOG_DIR/pluto.log for the client, else
# LOG_DIR/NODE-pluto.log.
lsw_log() { if [[ $1 == cli ]]; then echo "$LOG_DIR/pluto.log"; else echo "$LOG_DIR/$1-pluto.log"; fi; }

# libreswan_missing: prints why a private pluto cannot run here, or nothing.
libreswan_missing() {
	local b
	for b in pluto whack addconn; do
		[[ -x $LSW_LIBEXEC/$b ]] ||
			{ echo "no $LSW_LIBEXEC/$b (tests/lab/setup.sh fetch_libreswan)"; return 0; }
	done
	command -v certutil >/dev/null || echo "no certutil (apt install libnss3-tools)"
	if ldd "$LSW_LIBEXEC/pluto" 2>/dev/null | grep -q 'not found'; then
		echo "pluto lacks libraries: $(ldd "$LSW_LIBEXEC/pluto" | awk '/not found/ { print $1 }' | paste -sd' ')"
	fi
	return 0
}

# strongSwan proposal spellings (the profiles') in libreswan's:
# aes128-sha256-modp2048 -> aes128-sha2_256;modp2048 (IKE),
# aes256gcm16 -> aes_gcm256 (16-octet ICV), ecp384 -> ecp_384; a DH group
# goes after ';'.
lsw_proposal() {
	local tok dh='' out=() IFS=-
	for tok in $1; do
		case $tok in
		sha256 | sha384 | sha512) out+=("sha2_${tok#sha}") ;;
		aes*gcm16) tok=${tok#aes}; out+=("aes_gcm${tok%gcm16}") ;;
		modp[0-9]* | curve25519) dh=$tok ;;
		ecp[0-9]*) dh=ecp_${tok#ecp} ;;
		*) out+=("$tok") ;;
		esac
	done
	printf '%s%s\n' "${out[*]}" "${dh:+;$dh}"
}

# lsw_proposals [--dh GROUP] PROPOSAL...: comma-separated; with --dh every
# proposal gets that group (4.10, IKEv1 Quick Mode: one DH group for all
# ESP proposals, and "either all or no ESP proposals should specify DH").
# ChaCha20-Poly1305 is left out: 4.10 has it for IKEv2 only.
lsw_proposals() {
	local dh='' p out=()
	if [[ $1 == --dh ]]; then dh=";$(lsw_proposal "$2")"; dh=${dh/;;/;}; shift 2; fi
	for p in "$@"; do
		[[ $p != chacha20poly1305 ]] || continue
		out+=("$(lsw_proposal "$p")$dh")
	done
	local IFS=,
	echo "${out[*]}"
}

# lsw_unsupported: what of the profile Debian's pluto 4.10 cannot do, one
# reason a line, nothing when it can do it all (`pluto --selftest` lists
# no MODP768 or MODP1024, it was built without USE_DH2; its ECP groups are
# "IKEv1: IKE" only, so no ECP PFS in Quick Mode).
lsw_unsupported() { _lsw_unsupported | awk '!seen[$0]++'; }
_lsw_unsupported() {
	local p g
	# shellcheck disable=SC2086 # lists
	for p in $IKE; do
		[[ ! $p =~ (^|-)(modp768|modp1024)($|-) ]] || echo "no ${BASH_REMATCH[2]} for IKE"
	done
	if [[ $PFS != no ]]; then
		for g in $PFS; do
			case $g in
			modp768 | modp1024) echo "no $g for PFS" ;;
			ecp* | curve*) echo "no $g for PFS (IKEv1 Quick Mode)" ;;
			esac
		done
	fi
	[[ $AUTH == psk ]] || echo "AUTH=$AUTH (the private pluto is set up for a PSK only)"
	return 0
}

# lsw_conf NODE LOCAL_ADDR: ipsec.conf and ipsec.secrets for the profile's
# server, IKEv1 PSK, transport mode, L2TP's udp/1701 on both ends.
# LSW_PORT: the local L2TP port (1701, or 0 for any).
lsw_conf() {
	local node=$1 local_addr=$2 dir esp pfs=no
	dir=$(lsw_dir "$node")
	mkdir -p "$dir/run" "$dir/nss"
	# shellcheck disable=SC2086 # lists
	if [[ $PFS == no ]]; then
		esp=$(lsw_proposals $ESP)
	else
		# The server accepts any of its groups; an IKEv1 initiator offers one.
		esp=$(lsw_proposals --dh "${PFS%% *}" $ESP)
		pfs=yes
	fi
	local leftport=udp/${LSW_PORT:-1701}
	[[ ${LSW_PORT:-1701} != 0 ]] || leftport=udp/%any
	# logappend=no: one log per scenario; logtime: the lines carry their time
	# like charon's; dnssec-enable=no: no unbound, no root key file.
	# (ipsec.conf wants its keys indented, which <<- would strip.)
	# shellcheck disable=SC2086 # lists
	{
		echo "config setup"
		printf '\t%s\n' \
			"logfile=$(lsw_log "$node")" \
			logtime=yes \
			logappend=no \
			"plutodebug=${LSW_PLUTODEBUG:-none}" \
			dnssec-enable=no \
			ikev1-policy=accept \
			"nssdir=$dir/nss" \
			"secretsfile=$dir/ipsec.secrets" \
			"ipsecdir=$dir" \
			"dumpdir=$dir/run"
		echo
		echo "conn lab"
		printf '\t%s\n' \
			type=transport \
			authby=secret \
			ikev2=no \
			"left=$local_addr" \
			"leftprotoport=$leftport" \
			leftupdown=%disabled \
			"right=$SERVER_IP" \
			rightprotoport=udp/1701 \
			"ike=$(lsw_proposals $IKE)" \
			"esp=$esp" \
			"pfs=$pfs" \
			keyingtries=1 \
			"retransmit-timeout=${LSW_RETRANSMIT_TIMEOUT:-20s}" \
			auto=ignore
	} >"$dir/ipsec.conf"
	printf '%%any %s : PSK "%s"\n' "$SERVER_IP" "$PSK" >"$dir/ipsec.secrets"
	chmod 600 "$dir/ipsec.secrets"
}

# lsw_nss NODE: an empty NSS database with an empty password (what
# `ipsec initnss` makes); pluto opens it read-only at start.
lsw_nss() {
	local dir
	dir=$(lsw_dir "$1")/nss
	rm -rf "$dir"
	mkdir -p "$dir"
	certutil -N -d "sql:$dir" --empty-password >"$LOG_DIR/$1-certutil.log" 2>&1 ||
		fail "certutil -N in $dir (see $1-certutil.log)"
}

# The node's /usr/libexec with the cache's usr/libexec/ipsec in it (pluto
# execs IPSEC_EXECDIR/addconn). An overlay of the two, read-only, in the
# node's mount namespace only.
lsw_libexec() {
	local node=$1
	if node_exec "$node" test -x /usr/libexec/ipsec/addconn; then return 0; fi
	node_exec "$node" mount -t overlay lab-libreswan \
		-o "lowerdir=/usr/libexec:$LIBRESWAN_ROOT/usr/libexec" /usr/libexec ||
		fail "overlay of $LIBRESWAN_ROOT/usr/libexec on $node's /usr/libexec"
	check "$node sees /usr/libexec/ipsec/addconn" node_exec "$node" test -x /usr/libexec/ipsec/addconn
}

# lsw_run_to LOG NODE PROGRAM ARGS...: one of libreswan's programs in the
# node, its output and errors appended to LOG without the harness's xtrace
# lines (those go to the shell's stderr). lsw_whack_to: whack on the node's
# private pluto.
lsw_run_to() {
	local log=$1 node=$2 program=$3 pid
	shift 3
	pid=$(node_pid "$node")
	nsenter -t "$pid" -m -n -- "$LSW_LIBEXEC/$program" "$@" >>"$log" 2>&1
}
lsw_whack_to() {
	local log=$1 node=$2 ctl
	shift 2
	ctl=$(lsw_ctl "$node")
	lsw_run_to "$log" "$node" whack --ctlsocket "$ctl" "$@"
}

# pluto_start NODE: the private pluto, in the foreground (--nofork) so the
# harness holds its pid; --config first (it resets what came before it),
# then the paths again on the command line. Waits for its control socket.
pluto_start() {
	local node=$1 dir
	dir=$(lsw_dir "$node")
	local missing
	missing=$(libreswan_missing)
	[[ -z $missing ]] || skip "$missing"
	check "no pluto yet in $node ($(lsw_ctl "$node"))" test ! -S "$(lsw_ctl "$node")"
	lsw_libexec "$node"
	[[ -s $dir/nss/cert9.db ]] || lsw_nss "$node"
	rm -f "$dir/run/pluto.pid"
	node_spawn "$node" "$LOG_DIR/$node-pluto.stdout" "$LSW_LIBEXEC/pluto" \
		--config "$dir/ipsec.conf" --nofork \
		--rundir "$dir/run" --nssdir "$dir/nss" --secretsfile "$dir/ipsec.secrets" \
		--ipsecdir "$dir" --logfile "$(lsw_log "$node")" \
		>"$(node_dir "$node")/pluto.pid"
	local log
	log=$(lsw_log "$node")
	check "pluto answers in $node (see ${log##*/}, $node-pluto.stdout)" \
		wait_for 20 test -S "$(lsw_ctl "$node")"
}

# lsw_add NODE: the conn loaded (addconn, as `ipsec auto --add` does) and
# pluto listening on the node's addresses with the secrets read.
lsw_add() {
	local node=$1
	rm -f "$LOG_DIR/$node-addconn.log"
	lsw_run_to "$LOG_DIR/$node-addconn.log" "$node" addconn --ctlsocket "$(lsw_ctl "$node")" \
		--config "$(lsw_dir "$node")/ipsec.conf" lab ||
		fail "addconn lab in $node (see $node-addconn.log)"
	lsw_whack_to "$LOG_DIR/$node-addconn.log" "$node" --listen ||
		fail "whack --listen in $node (see $node-addconn.log)"
}

# lsw_initiate NODE: Main Mode, then Quick Mode; whack returns when the
# IPsec SA is up or the attempt failed (keyingtries=1, retransmit-timeout).
# Its output (pluto's "NNN text" lines) in NODE-whack-initiate.log, with
# its exit status last; true when the status is 0 and the IPsec SA is there.
lsw_initiate() {
	local node=$1 log=$LOG_DIR/$1-whack-initiate.log rc=0
	timeout 90 nsenter -t "$(node_pid "$node")" -m -n -- "$LSW_LIBEXEC/whack" \
		--ctlsocket "$(lsw_ctl "$node")" --name lab --initiate >"$log" 2>&1 || rc=$?
	echo "(whack exit status $rc)" >>"$log"
	((rc == 0)) && grep -q '^004 .*IPsec SA established transport mode' "$log"
}

# lsw_down NODE: the IPsec SA and the ISAKMP SA deleted, with Delete
# notifications to the server (`ipsec auto --down`).
lsw_down() {
	rm -f "$LOG_DIR/$1-whack-terminate.log"
	lsw_whack_to "$LOG_DIR/$1-whack-terminate.log" "$1" --name lab --terminate
}

# pluto_stop NODE: whack --shutdown (pluto deletes what it still has and
# exits), then the pid is waited for (TERM, then KILL, if it stays).
pluto_stop() {
	local node=$1
	[[ -s $(node_dir "$node")/pluto.pid ]] || return 0
	lsw_whack_to "$LOG_DIR/$node-whack-shutdown.log" "$node" --shutdown || true
	daemon_stop "$node" pluto
}

# lsw_status NODE: what pluto holds, for the logs.
lsw_status() {
	lsw_whack_to "$LOG_DIR/$1-whack-status.txt" "$1" --status || true
}

# lsw_check_renderer NODE: every conn our renderer writes for Debian's 4.10
# (tests/unit/golden/*.libreswan-4.10, rendered from that pluto's own
# --selftest) that is not a refusal is loaded by the node's real pluto:
# addconn exits 0 (36 when pluto refuses the conn); then it is deleted.
lsw_check_renderer() {
	local node=$1 golden name conf log n=0
	conf=$(lsw_dir "$node")/renderer.conf
	for golden in "$LAB_REPO"/tests/unit/golden/*.libreswan-4.10; do
		! grep -q '^error:' "$golden" || continue
		name=$(sed -n 's/^conn //p' "$golden")
		log=$LOG_DIR/$node-renderer-${golden##*/}.log
		printf 'config setup\n\n' >"$conf"
		cat "$golden" >>"$conf"
		rm -f "$log"
		check "pluto 4.10 loads our ${golden##*/} (${log##*/})" \
			lsw_run_to "$log" "$node" addconn --ctlsocket "$(lsw_ctl "$node")" --config "$conf" "$name"
		lsw_whack_to "$log" "$node" --name "$name" --delete || true
		n=$((n + 1))
	done
	check "the renderer's 4.10 goldens were there ($n loaded)" test "$n" -gt 0
}
