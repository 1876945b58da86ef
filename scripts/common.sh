# Shared by scripts/test and scripts/demo.

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Namespaces, the VM and apt need root. Re-run through sudo when we can.
ensure_root() { # script args...
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -E "$@"
  fi
  die "this needs root (apt, network namespaces, the lab VM): run it as root"
}

# Install what scripts/debian-packages.txt lists and is missing. A policy-rc.d
# keeps the packages' services (xl2tpd on UDP 1701, NetworkManager, strongSwan)
# from starting on this machine.
ensure_packages() {
  local list missing=()
  list=$(grep -Ev '^\s*(#|$)' "$(dirname "${BASH_SOURCE[0]}")/debian-packages.txt")
  for p in $list; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing Debian packages: ${missing[*]}"
  # Left in place: later apt runs must not start these services either.
  local policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
