# A server that answers L2TP only from source port 1701 (several routers do):
# a client whose xl2tpd moved to an ephemeral port gets silence.
IKE="aes128-sha256-modp2048 aes128-sha1-modp2048"
ESP="aes128-sha256 aes128-sha1"
PFS=no
PPP_AUTH="mschap-v2"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=1701
NAT=no
