# Packet capture on the server's uplink, from connect through disconnect,
# and what it held. Sourced, never run.

WIRE_NODE=srv
WIRE_IF=eth0

capture_start() {
	local log=$LOG_DIR/wire.tcpdump.log
	node_spawn "$WIRE_NODE" "$log" tcpdump -n -U -Z root -i "$WIRE_IF" -w "$LOG_DIR/wire.pcap" \
		>"$(node_dir "$WIRE_NODE")/tcpdump.pid"
	check "tcpdump listens on $WIRE_NODE/$WIRE_IF" wait_for 10 grep -q 'listening on' "$log"
}

capture_stop() {
	lab_sleep 0.5    # the last packets of the teardown
	daemon_stop "$WIRE_NODE" tcpdump
}

# Counts of the capture. ESP-in-UDP (NAT-T) and IKE share UDP 4500; a zero
# first word (non-ESP marker) is IKE, a one-byte 0xff payload a keepalive.
_wire_count() { tcpdump -n -r "$LOG_DIR/wire.pcap" "$1" 2>/dev/null | wc -l; }
wire_count() {
	local ike='udp port 500 or (udp port 4500 and udp[4:2] > 9 and udp[8:4] = 0)'
	local esp='ip proto 50 or (udp port 4500 and udp[4:2] > 9 and udp[8:4] != 0)'
	local keepalive='udp port 4500 and udp[4:2] = 9'
	local plain='udp port 1701'
	WIRE_IKE=$(_wire_count "$ike")
	WIRE_ESP=$(_wire_count "$esp")
	WIRE_PLAIN=$(_wire_count "$plain")
	local other="ip and not ($ike) and not ($esp) and not ($keepalive) and not ($plain)"
	WIRE_OTHER=$(_wire_count "$other")
	tcpdump -n -r "$LOG_DIR/wire.pcap" "$other" >"$LOG_DIR/wire-other.txt" 2>/dev/null || true
	metric wire "ike=$WIRE_IKE esp=$WIRE_ESP plaintext-udp1701=$WIRE_PLAIN other-ip=$WIRE_OTHER"
	tcpdump -n -r "$LOG_DIR/wire.pcap" >"$LOG_DIR/wire.txt" 2>/dev/null || true
}

# The tunnel carried everything: IKE and ESP seen, nothing in clear.
wire_expect_only_ipsec() {
	wire_count
	check "IKE on the wire" test "$WIRE_IKE" -gt 0
	check "ESP on the wire" test "$WIRE_ESP" -gt 0
	check "no L2TP in clear on the wire ($WIRE_PLAIN packets)" test "$WIRE_PLAIN" -eq 0
	check "no other IP traffic on the wire ($WIRE_OTHER packets; first: $(head -n1 "$LOG_DIR/wire-other.txt" | cut -d' ' -f2-))" \
		test "$WIRE_OTHER" -eq 0
}
