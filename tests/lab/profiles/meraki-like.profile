# Cisco Meraki MX client VPN: 3DES-SHA1-DH2 both phases, PAP (the MX hands it to RADIUS/AD).
IKE="3des-sha1-modp1024"
ESP="3des-sha1"
PFS=no
PPP_AUTH="pap"
MPPE=no
DNS="10.99.50.53"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
