# FortiGate (FortiOS 6.4/7.x) dialup L2TP/IPsec with the phase1/phase2
# defaults left as they are: phase1 proposal "aes128-sha256 aes256-sha256
# aes128-sha1 aes256-sha1", dhgrp "14 5"; phase2 the same plus AES-GCM and
# ChaCha20-Poly1305, "pfs enable" with dhgrp "14 5": Quick Mode without PFS,
# or with any other group, gets NO_PROPOSAL_CHOSEN.
IKE="aes128-sha256-modp2048 aes256-sha256-modp2048 aes128-sha1-modp2048 aes256-sha1-modp2048 aes128-sha256-modp1536 aes256-sha256-modp1536 aes128-sha1-modp1536 aes256-sha1-modp1536"
ESP="aes128-sha1 aes256-sha1 aes128-sha256 aes256-sha256 aes128gcm16 aes256gcm16 chacha20poly1305"
PFS="modp2048 modp1536"
PPP_AUTH="mschap-v2 chap pap"
MPPE=no
DNS="10.99.50.53 10.99.50.54"
WINS=""
L2TP_SOURCE_PORTS=any
NAT=no
