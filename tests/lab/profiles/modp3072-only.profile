# A self-hosted libreswan/strongSwan + xl2tpd box configured after BSI
# TR-02102-3 (DH groups of at least 3000 bits), e.g. libreswan's
# ike=aes256-sha2_256;modp3072: Phase 1 only with MODP-3072 (group 15);
# Phase 2 AES/SHA-2 without PFS.
IKE="aes256-sha256-modp3072 aes128-sha256-modp3072 aes256-sha1-modp3072"
ESP="aes256-sha256 aes128-sha256 aes256-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
