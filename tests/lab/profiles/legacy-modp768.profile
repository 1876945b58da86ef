# An old office router still on its factory IKE settings from the 2000s
# (e.g. a Netgear ProSafe or Cisco 8xx with "group 1"): 3DES with MD5 or
# SHA-1 and DH group 1 (MODP-768) in Phase 1, no PFS. No transform of the
# service's Phase 1 rounds has group 1: only the probe that follows them
# finds it.
IKE="3des-md5-modp768 3des-sha1-modp768"
ESP="3des-md5 3des-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
