#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# diagnose-host.sh CLI PORT_HOLDER_PROBE
#
# `nm-l2tp-ipsec diagnose` built here, run on this machine as a normal user
# (nobody, through setpriv, when the test runs as root), must print what is
# true of this machine, with the fix on every ✗ line:
#   - the kernel modules as /sys/module and /lib/modules/$(uname -r) have
#     them (this build machine's kernel has no module directory: ✗ + fix);
#   - UDP 1701 bound by the test itself (port-holder-probe, as the same
#     user, so its process is visible): ✗ naming the process and its pid;
#   - a stand-in charon without IKEv1 ($NM_L2TP_IPSEC_CHARON: a script that
#     says "strongSwan 6.1.0" and a libcharon.so.0 without IKEv1's code):
#     ✗ with the fix; the installed charon, when there is one, is checked
#     for IKEv1 as it is;
#   - --json is one JSON document with the same checks; exit status 1 when
#     a line is ✗, 2 for a usage error.
# As root it runs in a network namespace of its own (unshare), so the port
# it binds is nobody else's. Changes nothing outside its temporary files.
set -u

CLI=${1:?usage: diagnose-host.sh CLI PORT_HOLDER_PROBE}
PROBE=${2:?usage: diagnose-host.sh CLI PORT_HOLDER_PROBE}
failures=0

skip () { echo "SKIP: $*"; exit 77; }

if [ "$(id -u)" -eq 0 ] && [ -z "${S4DIAG_IN_NETNS:-}" ]; then
  command -v unshare > /dev/null || skip "unshare not installed"
  command -v setpriv > /dev/null || skip "setpriv not installed"
  exec env S4DIAG_IN_NETNS=1 unshare --net -- "$0" "$@"
fi
if [ -n "${S4DIAG_IN_NETNS:-}" ]; then
  ip link set lo up 2> /dev/null || true
fi

WORK=$(mktemp -d /tmp/s4diag-host.XXXXXX)
chmod 755 "$WORK"
holder=
cleanup () {
  [ -n "$holder" ] && kill "$holder" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# As the normal user: nobody when we are root, else ourselves.
as_user () {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}

ok () { echo "ok    $1"; }
bad () { echo "FAIL  $1"; failures=$((failures + 1)); }

# has_line FILE DESCRIPTION TEXT: a line of FILE starts with TEXT.
has_line () {
  if grep -qF -- "$3" "$1" && grep -F -- "$3" "$1" | grep -q "^${3:0:1}"; then
    ok "$2"
  else
    bad "$2: no line starting with '$3' in:"
    sed 's/^/      /' "$1"
  fi
}

run () { # NAME ARGS...: stdout to WORK/NAME.out, exit status to WORK/NAME.rc
  local name=$1 rc=0
  shift
  as_user env LC_ALL=C.UTF-8 LANGUAGE= "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || rc=$?
  echo "$rc" > "$WORK/$name.rc"
}

# --- this machine as it is, with a port 1701 holder of our own ------------

if grep -qi ':06A5 ' /proc/net/udp /proc/net/udp6 2> /dev/null; then
  skip "UDP 1701 is already held here: cannot add a holder of our own"
fi
# Started directly (not through a function): $! is then the holder's pid.
if [ "$(id -u)" -eq 0 ]; then
  setpriv --reuid=65534 --regid=65534 --clear-groups -- \
    "$PROBE" receive 0.0.0.0 1701 1 60 > "$WORK/holder.out" 2>&1 &
else
  "$PROBE" receive 0.0.0.0 1701 1 60 > "$WORK/holder.out" 2>&1 &
fi
holder=$!
for _ in $(seq 50); do
  grep -q bound "$WORK/holder.out" 2> /dev/null && break
  sleep 0.1
done
grep -q bound "$WORK/holder.out" || { bad "the holder bound UDP 1701"; exit 1; }

run plain "$CLI" diagnose
run json "$CLI" diagnose --json
cat "$WORK/plain.out"

[ "$(cat "$WORK/plain.rc")" = 1 ] && ok "exit status 1 (some check failed)" ||
  bad "exit status $(cat "$WORK/plain.rc"), expected 1"

# Every line is a check (✓ ✗ ?) up to the empty line, then the counts.
n_checks=$(sed '/^$/q' "$WORK/plain.out" | grep -cE '^(✓|✗|\?) ')
[ "$n_checks" -ge 16 ] && ok "$n_checks check lines" || bad "only $n_checks check lines"
if sed '/^$/q' "$WORK/plain.out" | grep '^✗ ' | grep -qv ': '; then
  bad "a ✗ line without a fix"
else
  ok "every ✗ line names a fix"
fi
has_line "$WORK/plain.out" "the summary" "Passed: "

has_line "$WORK/plain.out" "the 1701 holder is named with its pid" \
  "✗ UDP port 1701 is held by port-holder-pro (pid $holder) on 0.0.0.0: the service works around it"
grep -qF "sudo kill $holder" "$WORK/plain.out" && ok "the 1701 fix frees the port" ||
  bad "the 1701 fix names no command (sudo kill $holder)"

release=$(uname -r)
if [ -d "/sys/module/l2tp_ppp" ]; then
  has_line "$WORK/plain.out" "l2tp_ppp is loaded" "✓ Kernel module l2tp_ppp (PPP over L2TP) is loaded"
elif [ ! -d "/lib/modules/$release" ]; then
  has_line "$WORK/plain.out" "no modules for this kernel: l2tp_ppp ✗ with the fix" \
    "✗ Kernel module l2tp_ppp (PPP over L2TP) is not loaded, and this kernel ($release) has no modules in /lib/modules/$release: boot a kernel built with CONFIG_PPPOL2TP and install its modules"
  has_line "$WORK/plain.out" "no modules for this kernel: esp4 ✗" \
    "✗ Kernel module esp4 (IPsec ESP) is not loaded"
fi

if [ -x /usr/lib/ipsec/charon ] && [ -r /usr/lib/ipsec/libcharon.so.0 ]; then
  if grep -qa main_mode_create /usr/lib/ipsec/libcharon.so.0; then
    has_line "$WORK/plain.out" "the installed charon has IKEv1" \
      "✓ charon has IKEv1, which L2TP/IPsec needs (/usr/lib/ipsec/libcharon.so.0)"
  fi
fi
if [ -x /usr/sbin/xl2tpd ]; then
  has_line "$WORK/plain.out" "xl2tpd with its version" "✓ xl2tpd $(/usr/sbin/xl2tpd -v 2>&1 | sed -n 's/.*xl2tpd-//p') (/usr/sbin/xl2tpd)"
fi
if [ ! -S /run/dbus/system_bus_socket ]; then
  has_line "$WORK/plain.out" "no system bus: NetworkManager ✗" \
    "✗ NetworkManager cannot be reached: "
fi

# --- JSON -------------------------------------------------------------------

if command -v jq > /dev/null; then
  jq -e . "$WORK/json.out" > /dev/null && ok "--json is one JSON document" || bad "--json is not JSON"
  [ "$(jq -r '.checks[] | select(.id == "udp-1701") | .facts.pid' "$WORK/json.out")" = "$holder" ] &&
    ok "--json: udp-1701 names the holder's pid" || bad "--json: udp-1701 has no pid $holder"
  [ "$(jq '.checks | length' "$WORK/json.out")" = "$n_checks" ] &&
    ok "--json has the same $n_checks checks" || bad "--json: another number of checks"
  [ "$(jq -r '[.checks[] | select(.status == "fail" and .fix == null)] | length' "$WORK/json.out")" = 0 ] &&
    ok "--json: every failed check has a fix" || bad "--json: a failed check without a fix"
else
  grep -q '"id" : "udp-1701"' "$WORK/json.out" && ok "--json has udp-1701" || bad "--json: no udp-1701"
fi
[ "$(cat "$WORK/json.rc")" = 1 ] && ok "--json: exit status 1" || bad "--json: exit status $(cat "$WORK/json.rc")"

# --- a charon without IKEv1 ---------------------------------------------------

mkdir "$WORK/charon"
printf '#!/bin/sh\necho "Linux strongSwan 6.1.0"\n' > "$WORK/charon/charon"
printf 'a libcharon built without IKEv1: \0ike_sa_create\0task_manager_v2_create\0' \
  > "$WORK/charon/libcharon.so.0"
chmod 755 "$WORK/charon" "$WORK/charon/charon"
chmod 644 "$WORK/charon/libcharon.so.0"
run noikev1 env NM_L2TP_IPSEC_CHARON="$WORK/charon/charon" "$CLI" diagnose
has_line "$WORK/noikev1.out" "the stand-in charon's version" \
  "✓ charon (strongSwan 6.1.0, $WORK/charon/charon)"
has_line "$WORK/noikev1.out" "a charon without IKEv1: ✗ with the fix" \
  "✗ charon (strongSwan 6.1.0) was built without IKEv1, which L2TP/IPsec needs: no IKEv1 code in $WORK/charon/libcharon.so.0: install a strongSwan build with IKEv1 (configure --enable-ikev1"

# --- arguments ---------------------------------------------------------------

run usage "$CLI" diagnose one two
[ "$(cat "$WORK/usage.rc")" = 2 ] && ok "two connections: usage error (2)" ||
  bad "two connections: exit status $(cat "$WORK/usage.rc")"
if [ ! -S /run/dbus/system_bus_socket ]; then
  run conn "$CLI" diagnose corp-vpn
  has_line "$WORK/conn.out" "a connection without NetworkManager" \
    "✗ Cannot look up the connection \"corp-vpn\": NetworkManager is not running"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures checks failed"
  exit 1
fi
echo "PASS"
