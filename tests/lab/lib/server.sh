# The L2TP/IPsec server in node "srv", built from the loaded profile:
# charon (swanctl, IKEv1 PSK or certificates, transport mode) + xl2tpd LNS +
# pppd, and a firewall that drops L2TP not carried by IPsec. Sourced, never run.

server_start() {
	server_firewall
	strongswan_conf srv
	[[ $AUTH != certificates ]] || server_certificates
	server_swanctl_conf
	server_xl2tpd_conf
	server_ppp_options
	ppp_secrets srv
	charon_start srv
	xl2tpd_start srv
	server_office_networks
	[[ $DHCP_INFORM == none ]] || server_dhcp_inform_start "$DHCP_INFORM"
}

# Every pushed office network but office0's gets a dummy with its .1, so
# the client can ping a host in each.
server_office_networks() {
	local net i=1
	for net in $PUSHED_ROUTES; do
		[[ $net != "$OFFICE_NET" ]] || continue
		ip -n srv link add "office$i" type dummy
		ip -n srv addr add "${net%.*/*}.1/${net#*/}" dev "office$i"
		ip -n srv link set "office$i" up
		i=$((i + 1))
	done
}

# The first host of a pushed network: 10.99.51.0/24 -> 10.99.51.1.
pushed_net_host() { echo "${1%.*/*}.1"; }

# server_dhcp_inform_start dnsmasq|hostile: what answers a client's
# DHCPINFORM on the server's ppp* (it comes up with each connection).
# dnsmasq: a real DHCP server, DNS off, static (no leases), options 121 and
# 249 with PUSHED_ROUTES via the server's PPP address, 15 and 119.
# hostile: lib/dhcp-hostile.py answers with malformed DHCPACKs only.
server_dhcp_inform_start() {
	local routes='' net pid
	for net in $PUSHED_ROUTES; do routes+=",$net,$PPP_SERVER_IP"; done
	case $1 in
	dnsmasq)
		pid=$(node_spawn srv "$LOG_DIR/srv-dnsmasq.log" dnsmasq --no-daemon --port=0 \
			--interface='ppp*' --bind-dynamic --log-dhcp --dhcp-authoritative \
			--dhcp-leasefile="$(node_dir srv)/dnsmasq.leases" \
			--dhcp-range="${PPP_SERVER_IP%.*}.0,static,255.255.255.0" \
			--dhcp-option="121$routes" --dhcp-option="249$routes" \
			--dhcp-option="15,$PUSHED_DOMAIN" --dhcp-option="119,$PUSHED_DOMAIN")
		;;
	hostile)
		pid=$(node_spawn srv "$LOG_DIR/srv-dhcp-hostile.log" python3 -u \
			"$LAB_DIR/lib/dhcp-hostile.py" "$PPP_SERVER_IP")
		;;
	*) lab_die "server_dhcp_inform_start: $1" ;;
	esac
	echo "$pid" >"$(node_dir srv)/dhcp-inform.pid"
	check "the server's DHCPINFORM responder ($1) runs" kill -0 "$pid"
}

server_dhcp_inform_stop() {
	local file
	file=$(node_dir srv)/dhcp-inform.pid
	[[ -r $file ]] || return 0
	kill "$(cat "$file")" 2>/dev/null || true
	wait_for 5 sh -c "! kill -0 $(cat "$file") 2>/dev/null" || true
	rm -f "$file"
}

# L2TP that arrives in clear is dropped, so a client leaking it fails its
# scenario instead of passing. strict-1701-like servers also drop L2TP from
# any source port but 1701.
server_firewall() {
	local strict=
	[[ $L2TP_SOURCE_PORTS == any ]] ||
		strict="udp dport 1701 udp sport != 1701 counter drop comment \"L2TP only from port 1701\""
	node_exec srv nft -f - <<-NFT
		table inet lab-server {
			chain input {
				type filter hook input priority filter; policy accept;
				udp dport 1701 meta secpath missing counter drop comment "L2TP outside IPsec"
				$strict
			}
			# strongSwan as IKEv1 responder installs its SAs before its
			# policies: a client's first L2TP packet that arrives inside ESP
			# in between was answered in clear (seen once in the lab under
			# load). A real server should guard its output as well.
			chain output {
				type filter hook output priority filter; policy accept;
				udp sport 1701 rt ipsec missing counter drop comment "L2TP reply outside IPsec"
			}
		}
	NFT
}

# AUTH=certificates: a CA, the server's certificate and key, and the
# client's (CLIENT_CA, CLIENT_CERT, CLIENT_KEY, and CLIENT_KEY_ENCRYPTED with
# KEY_PASSWORD), made now with strongSwan's pki; the key encrypted by
# openssl (PKCS#8, AES-256), which pki does not do. RSA everywhere: IKEv1
# Main Mode has one authentication method for both ends.
server_certificates() {
	local pki etc cli conf
	command -v pki >/dev/null || skip "strongSwan's pki is not installed (apt install strongswan-pki)"
	pki=$(node_dir srv)/pki
	etc=$(node_dir srv)/etc/swanctl
	cli=$(node_dir cli)/certs
	mkdir -p "$pki" "$cli" "$etc/x509" "$etc/x509ca" "$etc/private"
	chmod 700 "$pki" "$cli"
	# pki loads every plugin by default: ~20 s under TCG; these suffice.
	conf=$pki/strongswan.conf
	echo 'pki { load = random nonce openssl pem pkcs1 pkcs8 x509 pubkey sha1 sha2 gmp }' >"$conf"
	STRONGSWAN_CONF=$conf pki --gen --type rsa --size 2048 --outform pem >"$pki/ca.key"
	STRONGSWAN_CONF=$conf pki --self --ca --lifetime 30 --in "$pki/ca.key" --type rsa \
		--dn "CN=nm-l2tp-ipsec lab CA" --outform pem >"$pki/ca.pem"
	local who
	for who in server client; do
		STRONGSWAN_CONF=$conf pki --gen --type rsa --size 2048 --outform pem >"$pki/$who.key"
		STRONGSWAN_CONF=$conf pki --pub --in "$pki/$who.key" --type rsa |
			STRONGSWAN_CONF=$conf pki --issue --lifetime 30 --cacert "$pki/ca.pem" \
				--cakey "$pki/ca.key" --dn "CN=lab-$who" --outform pem >"$pki/$who.pem"
	done
	cp "$pki/ca.pem" "$etc/x509ca/ca.pem"
	cp "$pki/server.pem" "$etc/x509/server.pem"
	cp "$pki/server.key" "$etc/private/server.key"
	CLIENT_CA=$cli/ca.pem CLIENT_CERT=$cli/client.pem CLIENT_KEY=$cli/client.key
	CLIENT_KEY_ENCRYPTED=$cli/client-encrypted.key KEY_PASSWORD=lab-keypass-$PROFILE
	cp "$pki/ca.pem" "$CLIENT_CA"
	cp "$pki/client.pem" "$CLIENT_CERT"
	cp "$pki/client.key" "$CLIENT_KEY"
	openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$CLIENT_KEY" -passout "pass:$KEY_PASSWORD" \
		-out "$CLIENT_KEY_ENCRYPTED"
	chmod 600 "$pki"/*.key "$etc/private/server.key" "$CLIENT_KEY" "$CLIENT_KEY_ENCRYPTED"
	check "pki made the client's certificate" grep -q 'BEGIN CERTIFICATE' "$CLIENT_CERT"
}

# The server's authentication: a PSK, or its certificate and the lab CA's
# (files that swanctl --load-all loads from x509/, x509ca/ and private/).
server_swanctl_auth() {
	if [[ $AUTH == certificates ]]; then
		echo "local { auth = pubkey
				certs = server.pem }
			remote { auth = pubkey
				cacerts = ca.pem }"
	else
		echo "local { auth = psk }
			remote { auth = psk }"
	fi
}

server_swanctl_conf() {
	local etc
	etc=$(node_dir srv)/etc/swanctl
	cat >"$etc/swanctl.conf" <<-EOF
		connections {
			l2tp {
				version = 1
				local_addrs = $SERVER_IP
				proposals = $(swanctl_ike_proposals)
				$(server_swanctl_auth)
				children {
					l2tp {
						mode = transport
						local_ts = dynamic[udp/1701]
						remote_ts = dynamic[udp]
						esp_proposals = $(swanctl_esp_proposals)
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

server_xl2tpd_conf() {
	cat >"$(node_dir srv)/etc/xl2tpd/xl2tpd.conf" <<-EOF
		[global]
		listen-addr = $SERVER_IP
		port = 1701
		access control = no
		debug state = yes
		debug tunnel = yes

		[lns default]
		ip range = $PPP_POOL
		local ip = $PPP_SERVER_IP
		; PPP authentication is set in the pppd options alone
		require authentication = yes
		require chap = no
		refuse chap = no
		require pap = no
		refuse pap = no
		name = lab-lns
		ppp debug = yes
		pppoptfile = /etc/ppp/options.lns
		length bit = yes
	EOF
}

server_ppp_options() {
	local method dns
	{
		echo "name lab-lns"
		echo "auth"
		for method in $PPP_AUTH; do echo "require-$method"; done
		for dns in $DNS; do echo "ms-dns $dns"; done
		for dns in $WINS; do echo "ms-wins $dns"; done
		if [[ $MPPE == required ]]; then echo "require-mppe-128"; else echo "noccp"; fi
		echo "nodefaultroute"
		echo "mtu 1400"
		echo "mru 1400"
		echo "debug"
		echo "logfile $LOG_DIR/srv-pppd.log"
	} >"$(node_dir srv)/etc/ppp/options.lns"
}

# What the server saw, for the logs.
server_report() {
	{
		node_exec srv swanctl --list-sas
		node_exec srv ip xfrm state
		node_exec srv nft list ruleset
	} >"$LOG_DIR/srv-state.txt" 2>&1 || true
}

# The server's CHILD_SA as swanctl lists it: "ESP:AES_CBC-128/HMAC_SHA1_96/MODP_2048"
# (the DH group is there only when Quick Mode used PFS).
server_child_sa() {
	node_exec srv swanctl --list-sas 2>/dev/null | sed -n 's/.*, reqid [0-9]*, INSTALLED, .* \(ESP:[^ ]*\).*/\1/p' | head -n1
}

# server_child_sa_has_group GROUP...: the server's CHILD_SA has PFS with one
# of these groups (a server that requires PFS accepts no other, so this
# shows the PFS the client used, whoever offered what).
server_child_sa_has_group() {
	local sa g name
	sa=$(server_child_sa)
	echo "server CHILD_SA: ${sa:-none} (expected PFS: $*)" >>"$LOG_DIR/srv-child-sa.txt"
	for g in "$@"; do
		name=$(strongswan_dh_name "$g") || continue
		[[ $sa != */"$name" && $sa != */"$name"/* ]] || return 0
	done
	return 1
}

# The server's CHILD_SA has one of the profile's PFS groups.
server_child_sa_has_pfs() {
	# shellcheck disable=SC2086 # PFS is a list of groups
	server_child_sa_has_group $PFS
}

# server_pppd_log_has TEXT: the server's pppd logged TEXT.
server_pppd_log_has() { grep -qF -- "$1" "$LOG_DIR/srv-pppd.log" 2>/dev/null; }

# server_dropped COMMENT: packets the server's firewall rule COMMENT dropped.
server_dropped() {
	node_exec srv nft list chain inet lab-server input |
		awk -v c="\"$1\"" 'index($0, "comment " c) { for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }'
}
