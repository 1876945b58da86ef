# TP-Link SOHO routers (ER605, Archer VPN server): 3DES, MD5 or SHA1, DH group 2 only.
IKE="3des-md5-modp1024 3des-sha1-modp1024"
ESP="3des-md5 3des-sha1"
PFS=no
PPP_AUTH="mschap-v2 chap pap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
