# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the dbus tests: TAP lines ("ok N - ..."), counted in n and fails.
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { # description command...
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
