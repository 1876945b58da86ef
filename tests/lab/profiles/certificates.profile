# A self-hosted strongSwan + xl2tpd box that authenticates IPsec with X.509
# certificates (a CA, the server's and the client's certificate, made at
# scenario time with strongSwan's pki) instead of a pre-shared key.
# IN_ALL=no: the PSK scenarios (SCENARIO_PROFILES=all: bare-daemon,
# plugin-connect) cannot reach it; plugin-connect-certs names it.
IN_ALL=no
AUTH=certificates
IKE="aes128-sha256-modp2048 aes256-sha256-modp2048 aes128-sha1-modp2048 aes256-sha1-modp2048"
ESP="aes128-sha256 aes256-sha256 aes128-sha1 aes256-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
