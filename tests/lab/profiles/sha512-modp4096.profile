# OPNsense/pfSense (strongSwan) with the strongest entries of its GUI picked
# in both phases: AES-256, SHA-512, DH group 16 (MODP-4096) in Phase 1 and
# PFS group 16 required in Phase 2.
IKE="aes256-sha512-modp4096"
ESP="aes256-sha512"
PFS=modp4096
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
