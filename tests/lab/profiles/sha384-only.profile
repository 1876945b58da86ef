# A firewall whose IKE and IPsec crypto profiles were hardened to SHA-384
# only (as Palo Alto and Sophos Firewall admins do after a CNSA-style
# audit): AES with HMAC-SHA2-384 in both phases, DH 14, no PFS.
IKE="aes256-sha384-modp2048 aes128-sha384-modp2048"
ESP="aes256-sha384 aes128-sha384"
PFS=no
PPP_AUTH="mschap-v2"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
