# The modern server, with the client behind a NAT router: IKE floats to
# UDP 4500 and ESP travels in UDP (NAT-T).
IKE="aes128-sha256-modp2048 aes128-sha1-modp2048"
ESP="aes128-sha256 aes128-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=yes
