# Cisco ASA/IOS L2TP over IPsec whose IKEv1 policy was moved to group 14
# while the crypto map kept "set pfs group5" (the Cisco L2TP guides' PFS):
# Phase 1 MODP-2048, Phase 2 requires PFS with MODP-1536, a group that
# differs from the IKE SA's (a client that reuses the Phase 1 group for PFS
# gets NO_PROPOSAL_CHOSEN).
IKE="aes256-sha256-modp2048 aes256-sha1-modp2048 aes128-sha1-modp2048"
ESP="aes256-sha256 aes256-sha1 aes128-sha1"
PFS=modp1536
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
