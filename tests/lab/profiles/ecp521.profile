# A strongSwan/libreswan box (or a Juniper SRX IKE proposal with
# dh-group group21) whose Phase 1 allows only ECP-521 (group 21), with
# SHA-256 or SHA-512; Phase 2 AES-256/SHA-256 without PFS.
IKE="aes256-sha256-ecp521 aes256-sha512-ecp521"
ESP="aes256-sha256"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
