# Verdicts and measurements inside a scenario. Sourced, never run.

# check DESCRIPTION CMD...: CMD must succeed, else the scenario fails with DESCRIPTION.
check() {
	local what=$1
	shift
	"$@" || fail "$what"
}

fail() {
	{ set +x; } 2>/dev/null
	echo "check failed: $*"
	trap - ERR
	exit 1
}

# skip REASON: the scenario cannot run here yet; says why.
skip() {
	{ set +x; } 2>/dev/null
	echo "$*" >"$LOG_DIR/skip-reason"
	echo "skipped: $*"
	trap - ERR
	exit 77
}

# metric NAME VALUE: a number the runner prints under the verdict.
metric() { printf '%s=%s\n' "$1" "$2" >>"$LOG_DIR/metrics"; }
