# charon and xl2tpd in a node, configured by the harness (the server, and the
# bare-daemon client). Sourced, never run.

# Debian's charon loads ~60 plugins, ~20 s to start under TCG; this list
# (openssl brings 3DES, MD5 and the MODP groups) starts in under 2 s.
CHARON_PLUGINS="random nonce openssl aes sha1 sha2 md5 hmac gmp pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown"

# strongswan_conf NODE: the node's /etc/strongswan.conf, logging to LOG_DIR.
strongswan_conf() {
	local node=$1
	cat >"$(node_dir "$node")/etc/strongswan.conf" <<-EOF
		charon {
			load_modular = no
			load = $CHARON_PLUGINS
			filelog {
				lab {
					path = $LOG_DIR/$node-charon.log
					time_format = %T
					default = 1
					ike = 2
					knl = 2
					flush_line = yes
				}
			}
		}
		swanctl {
			load = random nonce openssl aes sha1 sha2 md5 hmac gmp pem pkcs1 x509 pubkey vici
		}
	EOF
}

# charon_start NODE: charon with the node's swanctl.conf loaded. A fresh
# node never has a charon: a second one would take over /run/charon.vici.
charon_start() {
	local node=$1
	check "no charon yet in $node" test ! -S "$(node_path "$node" /run/charon.vici)"
	node_spawn "$node" "$LOG_DIR/$node-charon.stdout" /usr/lib/ipsec/charon >"$(node_dir "$node")/charon.pid"
	check "charon answers in $node" wait_for 20 test -S "$(node_path "$node" /run/charon.vici)"
	node_exec "$node" swanctl --load-all >"$LOG_DIR/$node-swanctl-load.log" 2>&1 ||
		fail "swanctl --load-all in $node (see $node-swanctl-load.log)"
}

# xl2tpd_start NODE: xl2tpd with the node's /etc/xl2tpd/xl2tpd.conf.
xl2tpd_start() {
	local node=$1
	node_spawn "$node" "$LOG_DIR/$node-xl2tpd.log" \
		xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf -p /run/xl2tpd.pid -C /run/xl2tpd/l2tp-control \
		>"$(node_dir "$node")/xl2tpd.pid"
	check "xl2tpd control pipe in $node" wait_for 10 test -p "$(node_path "$node" /run/xl2tpd/l2tp-control)"
}

# daemon_stop NODE NAME: TERM the daemon the harness started, wait for it.
daemon_stop() {
	local pidfile
	pidfile=$(node_dir "$1")/$2.pid
	[[ -s $pidfile ]] || return 0
	local pid
	pid=$(<"$pidfile")
	kill "$pid" 2>/dev/null || true
	wait_for 10 test ! -e "/proc/$pid" || kill -9 "$pid" 2>/dev/null || true
	rm -f "$pidfile"
}

# ppp_secrets NODE: chap-secrets and pap-secrets of the profile's user.
ppp_secrets() {
	local etc
	etc=$(node_dir "$1")/etc/ppp
	printf '"%s"\t*\t"%s"\t*\n' "$PPP_USER" "$PPP_PASSWORD" >"$etc/chap-secrets"
	printf '"%s"\t*\t"%s"\t*\n' "$PPP_USER" "$PPP_PASSWORD" >"$etc/pap-secrets"
	chmod 600 "$etc/chap-secrets" "$etc/pap-secrets"
}
