# `nm-l2tp-ipsec diagnose` (installed) in the client node, as root or as
# user nobody, and its output's lines. Sourced, never run.

diagnose_require() {
	plugin_require
	[[ -n ${PLUGIN_CLI:-} && -x $PLUGIN_CLI ]] || skip "the build installs no nm-l2tp-ipsec"
}

# diagnose_as WHO NAME ARGS...: the installed tool in the client node as
# root or nobody; stdout to NAME.out, stderr to NAME.err, status to NAME.rc.
diagnose_as() {
	local who=$1 name=$2 rc=0
	shift 2
	local run=(env LC_ALL=C.UTF-8 LANGUAGE=)
	[[ $who == root ]] || run=(setpriv --reuid=65534 --regid=65534 --clear-groups -- "${run[@]}")
	node_exec cli "${run[@]}" "$@" "$PLUGIN_CLI" diagnose "${DIAGNOSE_ARGS[@]}" \
		>"$LOG_DIR/$name.out" 2>"$LOG_DIR/$name.err" || rc=$?
	echo "$rc" >"$LOG_DIR/$name.rc"
}
DIAGNOSE_ARGS=()

rc_is() { [[ $(<"$LOG_DIR/$1.rc") == "$2" ]]; }
# The check lines (up to the empty line before the counts).
# (alternatives, not a bracket: in the C locale ✓ is three bytes)
check_lines() { sed '/^$/q' "$LOG_DIR/$1.out" | grep -E '^(✓|✗|\?) ' || true; }
not_ok_lines() { check_lines "$1" | grep -v '^✓ ' || true; }
has_line() { check_lines "$1" | grep -qF -- "$2"; }
# Every ✗ line has a fix after its finding (": ").
every_fail_has_fix() { ! check_lines "$1" | grep '^✗ ' | grep -qv ': '; }
json_check() { jq -r --arg id "$2" ".checks[] | select(.id == \$id) | $3" "$LOG_DIR/$1.out"; }
