#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The service's log lines in a real systemd-journald:
#
#   journal-test.sh JOURNAL_PROBE
#
# In a mount namespace of its own (a tmpfs over /run, and over
# /var/log/journal if there is one), /lib/systemd/systemd-journald runs as
# a plain process (volatile storage, nothing forwarded, no kernel log),
# binding /run/systemd/journal/socket there, where sd_journal_sendv sends.
# journal-probe logs through src/common/log.c as the service does with
# NM_VPN_LOG_SYSLOG=1; journalctl --directory reads the entries back:
#  1. by NM_CONNECTION=UUID (nmcli's hint): the probe's lines and no other;
#  2. a failure: MESSAGE, PRIORITY 3, SYSLOG_IDENTIFIER nm-l2tp-ipsec,
#     NM_DEVICE, L2TP_LAYER ike / esp, L2TP_FAILURE, SYSLOG_FACILITY 3;
#  3. a line before the device is known has no NM_DEVICE, one of no layer
#     no L2TP_LAYER, and a line after the connection no NM_CONNECTION;
#  4. a newline in the text makes no field of its own;
#  5. with NM_VPN_LOG_SYSLOG=0 the lines go to stderr, not the journal.
# Exit 77 (skip) without root or without journald/journalctl.
set -uo pipefail

journald=/lib/systemd/systemd-journald
if [[ ${1:-} != --inner ]]; then
	probe=$(readlink -f "${1:?usage: journal-test.sh JOURNAL_PROBE}")
	[[ $(id -u) == 0 ]] || { echo "1..0 # SKIP needs root"; exit 77; }
	for p in "$journald" journalctl python3; do
		command -v "$p" >/dev/null || { echo "1..0 # SKIP $p not installed"; exit 77; }
	done
	exec unshare --mount --propagation private -- "$0" --inner "$probe"
fi

probe=$2
. "$(dirname "${BASH_SOURCE[0]}")/../dbus/tap.sh"
work=$(mktemp -d /tmp/nm-l2tp-journal-test.XXXXXX)
jd_pid=
cleanup() {
	[[ -n $jd_pid ]] && kill "$jd_pid" 2>/dev/null && wait "$jd_pid" 2>/dev/null
	[[ -n ${KEEP:-} ]] && echo "# logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

mount -t tmpfs -o mode=0755 tmpfs /run
[[ -d /var/log/journal ]] && mount -t tmpfs -o mode=0755 tmpfs /var/log/journal
mkdir -p /run/systemd/journal /run/systemd/journald.conf.d
# Last of the drop-ins by name: ours wins over the host's.
cp "$(dirname "${BASH_SOURCE[0]}")/journald-test.conf" /run/systemd/journald.conf.d/zz-nm-l2tp-ipsec-test.conf
SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=debug "$journald" >"$work/journald.log" 2>&1 &
jd_pid=$!
for _ in $(seq 100); do
	[[ -S /run/systemd/journal/socket ]] && break
	kill -0 "$jd_pid" 2>/dev/null || break
	sleep 0.1
done
if ! check "systemd-journald runs outside PID 1 and binds its socket" \
	test -S /run/systemd/journal/socket; then
	sed 's/^/# journald: /' "$work/journald.log" | tail -20
	echo "1..$n"
	exit 1
fi
dir=/run/log/journal/$(cat /etc/machine-id)

uuid=4f6c2a9e-7d1b-4c3e-9a8f-0e5d6c7b8a91
NM_VPN_LOG_SYSLOG=1 NM_VPN_LOG_LEVEL=7 "$probe" "$uuid" ppp7 >"$work/probe.out" 2>&1
check "the probe ran" test $? -eq 0
check "with journald there, nothing went to stderr" test ! -s "$work/probe.out"

# journald takes the datagrams in its own time: wait for all four.
entries() { journalctl --directory="$dir" --no-pager -q -o json "$@" 2>/dev/null; }
for _ in $(seq 50); do
	journalctl --sync >/dev/null 2>&1
	[[ $(entries NM_CONNECTION="$uuid" | wc -l) -ge 4 ]] && break
	sleep 0.1
done
entries NM_CONNECTION="$uuid" >"$work/connection.json"
entries SYSLOG_IDENTIFIER=nm-l2tp-ipsec >"$work/all.json"
sed 's/^/# /' "$work/connection.json"

# field_check FILE PYTHON-EXPRESSION: true for the entries e (a list of dicts).
field_check() {
	python3 - "$1" "$2" <<'PY'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def one(**kv):
    m = [x for x in e if all(x.get(k) == v for k, v in kv.items())]
    return m[0] if len(m) == 1 else None
ok = eval("(" + sys.argv[2] + ")")  # one expression over several lines
sys.exit(0 if ok else 1)
PY
}
c=$work/connection.json
check "NM_CONNECTION=UUID finds the probe's four lines of the connection" \
	field_check "$c" 'len(e) == 4'
check "the IKE failure: MESSAGE, PRIORITY 3, SYSLOG_IDENTIFIER, NM_DEVICE, L2TP_LAYER ike" \
	field_check "$c" 'one(L2TP_LAYER="ike", L2TP_FAILURE="psk-mismatch", PRIORITY="3",
		SYSLOG_IDENTIFIER="nm-l2tp-ipsec", NM_DEVICE="ppp7", SYSLOG_FACILITY="3")
		["MESSAGE"].startswith("IPsec (IKE phase 1): ")'
check "the phase 2 failure: L2TP_LAYER esp" \
	field_check "$c" 'one(L2TP_LAYER="esp", L2TP_FAILURE="kernel-no-esp", NM_DEVICE="ppp7")
		["MESSAGE"].startswith("IPsec (phase 2): ")'
check "before the device is known: no NM_DEVICE, no layer, PRIORITY 5" \
	field_check "$c" '"NM_DEVICE" not in one(MESSAGE="journal-probe: connecting, no device yet",
		PRIORITY="5") and "L2TP_LAYER" not in one(PRIORITY="5")'
check "a newline in the text is cleaned, not a field of its own" \
	field_check "$c" 'one(MESSAGE="journal-probe: 100% text\\x0aNM_CONNECTION=forged",
		NM_CONNECTION="'"$uuid"'", PRIORITY="6") is not None'
check "nothing found by the forged value" test -z "$(entries NM_CONNECTION=forged)"
check "after the connection: no NM_CONNECTION, no NM_DEVICE" \
	field_check "$work/all.json" '(lambda x: x is not None and "NM_CONNECTION" not in x
		and "NM_DEVICE" not in x)(one(MESSAGE="journal-probe: after the connection"))'

# The fallback: NM_VPN_LOG_SYSLOG=0 is stderr, whatever journald does.
other=0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b
NM_VPN_LOG_SYSLOG=0 "$probe" "$other" ppp8 >"$work/stderr.out" 2>&1
check "NM_VPN_LOG_SYSLOG=0: the lines go to stderr" \
	grep -q "IPsec (IKE phase 1): " "$work/stderr.out"
journalctl --sync >/dev/null 2>&1
sleep 0.5
check "NM_VPN_LOG_SYSLOG=0: nothing in the journal" test -z "$(entries NM_CONNECTION="$other")"

echo "1..$n"
[[ $fails -eq 0 ]]
