#!/bin/bash
# Runs one scenario instance in the lab VM: scenario.sh SCENARIO/PROFILE DIR
# (or SCENARIO DIR for one that takes no profile). Exit 0 passed, 77 skipped,
# anything else failed; every log of the run goes to DIR.
set -Eeuo pipefail
. "$(dirname "$0")/../lib/common.sh"
for lib in node profile check topology wire ipsec server tunnel bare libreswan nm diagnose journal; do
	. "$LAB_DIR/lib/$lib.sh"
done

name=$1
LOG_DIR=$2
scenario=${name%%/*}
profile=${name#"$scenario"}
profile=${profile#/}

[[ -z $profile ]] || profile_load "$profile"
. "$LAB_DIR/scenarios/$scenario.sh"

# An unexpected failure names the command; in $(...) subshells the caller decides.
trap 'rc=$?; ((BASH_SUBSHELL)) || echo "check failed: \"$BASH_COMMAND\" returned $rc (${BASH_SOURCE[0]##*/}:$LINENO)"' ERR
PS4='+ $EPOCHREALTIME '
set -x
scenario_run
