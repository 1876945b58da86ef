# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the netns tests: skipping, waiting, checks that count their
# failures, and removing on exit what a test made (its background jobs, the
# namespaces named in NETNS_MADE, WORK).
# Sourced, never run.

skip () { echo "SKIP: $*"; exit 77; }

NETNS_MADE=()
WORK=

netns_cleanup () {
  local pid ns
  # Only our own background jobs still running: no pid that may have been
  # reused since.
  for pid in $(jobs -p); do
    kill "$pid" 2> /dev/null
  done
  wait 2> /dev/null
  for ns in "${NETNS_MADE[@]}"; do
    ip netns del "$ns" 2> /dev/null
  done
  [ -z "$WORK" ] || rm -rf "$WORK"
}

# netns_begin NAME: root and ip required; WORK made; cleanup on exit.
netns_begin () {
  [ "$(id -u)" -eq 0 ] || skip "needs root (network namespaces)"
  command -v ip > /dev/null || skip "ip (iproute2) not installed"
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  trap netns_cleanup EXIT
  trap 'exit 1' INT TERM
}

wait_for () { # seconds command...
  local tries=$(($1 * 10))
  shift
  while [ "$tries" -gt 0 ]; do
    "$@" && return 0
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}

# check DESCRIPTION EXPECTED ACTUAL, check_has DESCRIPTION TEXT PART: an
# "ok"/"FAIL" line each; the test ends with failures > 0 as its verdict.
failures=0
check () { # description expected actual
  if [ "$2" = "$3" ]; then
    echo "ok    $1: $3"
  else
    echo "FAIL  $1: expected '$2', got '$3'"
    failures=$((failures + 1))
  fi
}

check_has () { # description text part
  case "$2" in
    *"$3"*) echo "ok    $1: has '$3'" ;;
    *) echo "FAIL  $1: '$3' not in '$2'"; failures=$((failures + 1)) ;;
  esac
}

value () { # text key
  printf '%s\n' "$1" | sed -n "s/^$2=//p" | head -n 1
}
