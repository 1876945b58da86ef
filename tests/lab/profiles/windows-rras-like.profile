# Windows Server RRAS with a pre-shared key: its IKEv1 main mode offers, MS-CHAPv2 only.
IKE="aes256-sha1-modp1024 3des-sha1-modp1024"
ESP="aes128-sha1 3des-sha1"
PFS=no
PPP_AUTH="mschap-v2"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS="10.99.50.137"
L2TP_SOURCE_PORTS=any
NAT=no
