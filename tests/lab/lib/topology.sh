# The lab's network: server "srv" (uplink eth0, office network on dummy
# office0), client "cli", and for NAT profiles a router "nat" between them
# that masquerades the client's home network. Sourced, never run.

# topology_up [--client-unaddressed]: nodes and links for the loaded profile.
# --client-unaddressed leaves the client's uplink to its NetworkManager.
topology_up() {
	local client_addr=yes
	[[ ${1:-} != --client-unaddressed ]] || client_addr=

	node_start srv
	ip -n srv link add office0 type dummy
	ip -n srv addr add "$OFFICE_IP/24" dev office0
	ip -n srv link set office0 up
	node_start cli

	if [[ $NAT == yes ]]; then
		node_start nat
		node_link srv eth0 "$SERVER_IP/24" nat eth0 "$NAT_OUTSIDE_IP/24"
		node_link nat eth1 "$HOME_ROUTER_IP/24" cli eth0 "${client_addr:+$HOME_CLIENT_IP/24}"
		ip netns exec nat sysctl -qw net.ipv4.ip_forward=1
		node_exec nat nft -f - <<-NFT
			table ip lab-nat {
				chain postrouting {
					type nat hook postrouting priority srcnat; policy accept;
					oifname "eth0" masquerade
				}
			}
		NFT
		[[ -z $client_addr ]] || ip -n cli route add default via "$HOME_ROUTER_IP"
	else
		node_link srv eth0 "$SERVER_IP/24" cli eth0 "${client_addr:+$CLIENT_IP/24}"
	fi
	return 0
}

# The gateway the client's uplink uses, and its own address, for the profile.
client_uplink_addr() { if [[ $NAT == yes ]]; then echo "$HOME_CLIENT_IP"; else echo "$CLIENT_IP"; fi; }
client_uplink_gw() { if [[ $NAT == yes ]]; then echo "$HOME_ROUTER_IP"; else echo "$SERVER_IP"; fi; }
