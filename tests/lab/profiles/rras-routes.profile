# Windows Server RRAS whose DHCP relay answers a client's DHCPINFORM over
# PPP (what Windows and macOS clients send after IPCP) with the office's
# routes and DNS domain, the way admins push a split tunnel to their
# clients. Here dnsmasq on the server's ppp* answers with options 121 and
# 249 (two office networks), 15 and 119.
IKE="aes256-sha1-modp1024 3des-sha1-modp1024"
ESP="aes128-sha1 3des-sha1"
PFS=no
PPP_AUTH="mschap-v2"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
DHCP_INFORM=dnsmasq
PUSHED_ROUTES="10.99.50.0/24 10.99.51.0/24"
PUSHED_DOMAIN=office.lab
