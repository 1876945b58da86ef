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

# The packages of scripts/debian-packages.txt that are not installed: of every
# group, or only of the groups named ("# build ..." starts group build).
missing_packages() { # [group...]
  local p
  for p in $(awk -v want=" $* " '
    /^[[:space:]]*#/ { sub(/^[[:space:]]*#[[:space:]]*/, ""); split($0, w, /[^A-Za-z0-9_-]/); group = w[1]; next }
    /^[[:space:]]*$/ { next }
    want == "  " || index(want, " " group " ") { print $1 }
  ' "$(dirname "${BASH_SOURCE[0]}")/debian-packages.txt"); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || echo "$p"
  done
}

# Install what missing_packages names (same arguments). A policy-rc.d keeps
# the packages' services (xl2tpd on UDP 1701, NetworkManager, strongSwan)
# from starting on this machine.
ensure_packages() { # [group...]
  local missing=()
  mapfile -t missing < <(missing_packages "$@")
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
