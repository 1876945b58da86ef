# A Zyxel USG/ZyWALL (or SonicWall) L2TP VPN whose admin picked the AES192
# entries of the proposal menus in both phases: AES-192 with SHA-256 or
# SHA-1, DH 14, no PFS.
IKE="aes192-sha256-modp2048 aes192-sha1-modp2048"
ESP="aes192-sha256 aes192-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
