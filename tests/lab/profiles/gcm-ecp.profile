# A Suite B (RFC 6379) server, e.g. OPNsense/pfSense or a Cisco with the
# Suite-B-GCM-256/-128 sets: Phase 1 AES-CBC with SHA-384 + ECP-384 or
# SHA-256 + ECP-256 (groups 20/19), Phase 2 AES-GCM-16 (no separate
# integrity) with PFS ECP-384 or ECP-256 required.
IKE="aes256-sha384-ecp384 aes128-sha256-ecp256"
ESP="aes256gcm16 aes128gcm16"
PFS="ecp384 ecp256"
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
