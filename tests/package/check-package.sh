#!/usr/bin/env bash
# Checks what ./scripts/package left in RESULTS (default results/package):
# both .debs, each one's file list against tests/package/PACKAGE.contents,
# their relations (ppp pinned to the plugin ABI, the old plugin conflicted
# with), that the .name file points at files the packages hold, that no
# maintainer script starts or enables anything, and that lintian.txt has no
# error or warning (an override only with its reason).
# Prints a line per check and "N passed, N failed" last.
#   tests/package/check-package.sh [RESULTS]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
results=${1:-$top/results/package}
core=network-manager-l2tp-ipsec
gnome=network-manager-l2tp-ipsec-gnome

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # description command...
  local d=$1
  shift
  if "$@"; then ok "$d"; else not_ok "$d"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

version=$(sed -nE "s/^ +version: '([^']+)',.*/\1/p" "$top/meson.build" | head -n1)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
pppd_dir=$(dh_ppp --plugin-dir 2>/dev/null) || pppd_dir=
pppd_version=${pppd_dir##*/}

deb() { echo "$results/${1}_${version}_${arch}.deb"; }
for p in "$core" "$gnome"; do
  check "$p ${version} built: ${results#"$top"/}/${p}_${version}_${arch}.deb" test -f "$(deb "$p")"
done
[ -f "$(deb "$core")" ] && [ -f "$(deb "$gnome")" ] || finish
[ -n "$pppd_version" ] || { not_ok "dh_ppp --plugin-dir names pppd's plugin directory (ppp-dev)"; finish; }

# The file lists: mode, owner and path of every entry, in path order.
expected_contents() { # package
  local langs
  langs=$(grep -Ev '^\s*(#|$)' "$top/po/LINGUAS")
  grep -Ev '^\s*(#|$)' "$here/$1.contents" | while IFS= read -r line; do
    line=${line//@MULTIARCH@/$multiarch}
    line=${line//@PPPD_VERSION@/$pppd_version}
    if [[ $line == *@LANG@* ]]; then
      for l in $langs; do echo "${line//@LANG@/$l}"; done
    else
      echo "$line"
    fi
  done | LC_ALL=C sort -k3
}
actual_contents() { dpkg-deb -c "$(deb "$1")" | awk '{ print $1, $2, $6 }' | LC_ALL=C sort -k3; }
for p in "$core" "$gnome"; do
  if diff_out=$(diff -u <(expected_contents "$p") <(actual_contents "$p") \
    --label "tests/package/$p.contents" --label "dpkg-deb -c ${p}.deb"); then
    ok "$p holds what tests/package/$p.contents lists"
  else
    not_ok "$p holds what tests/package/$p.contents lists:"
    sed 's/^/    /' <<<"$diff_out"
  fi
done

field() { dpkg-deb -f "$(deb "$1")" "$2"; }
# One relation per line, as dpkg writes them (a, b (>= 1)).
relations() { field "$1" "$2" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$'; }
has_relation() { # package field relation
  relations "$1" "$2" | grep -qxF "$3"
}
for r in network-manager\ \(\>=\ 1.42\) nftables xl2tpd strongswan-charon strongswan-swanctl \
  libstrongswan-standard-plugins libsystemd0; do
  check "$core Depends: $r" has_relation "$core" Depends "$r"
done
# dh_ppp's range for the pppd this was built against (ppp-dev's substvars).
ppp_range=$(sed -n 's/^ppp:Depends=//p' /usr/share/ppp-dev/substvars)
while IFS= read -r r; do
  check "$core Depends: $r (pppd plugin ABI)" has_relation "$core" Depends "$r"
done < <(tr ',' '\n' <<<"$ppp_range" | sed 's/^ *//' | grep -v '^$')
check "$gnome Depends: $core (= $version)" has_relation "$gnome" Depends "$core (= $version)"
for f in Conflicts Replaces Provides; do
  check "$core $f: network-manager-l2tp" test "$(field "$core" "$f")" = network-manager-l2tp
  check "$gnome $f: network-manager-l2tp-gnome" test "$(field "$gnome" "$f")" = network-manager-l2tp-gnome
done

# The .name file's paths are files of the two packages.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$(deb "$core")" "$work/root"
dpkg-deb -x "$(deb "$gnome")" "$work/root"
name=$work/root/usr/lib/NetworkManager/VPN/nm-l2tp-service.name
for key in program plugin auth-dialog; do
  path=$(sed -n "s/^$key=//p" "$name" 2>/dev/null)
  check "nm-l2tp-service.name $key=${path:-(none)} is in a package" test -n "$path" -a -f "$work/root$path"
done
check "the service looks for its pppd plugin in $pppd_dir" \
  grep -qaF "$pppd_dir/nm-l2tp-ipsec-pppd-plugin.so" "$work/root/usr/libexec/nm-l2tp-ipsec-service"

# Nothing of ours starts or enables a service: no unit or init script among
# the files (the lists above), no maintainer script but postrm, which only
# removes the state directory on purge.
for p in "$core" "$gnome"; do
  dpkg-deb -e "$(deb "$p")" "$work/$p.control"
  scripts=$(cd "$work/$p.control" && ls preinst postinst prerm postrm config 2>/dev/null | paste -sd' ')
  want=
  [ "$p" = "$core" ] && want=postrm
  check "$p maintainer scripts: ${scripts:-none}" test "$scripts" = "$want"
done
check "$core postrm starts and enables nothing" \
  bash -c '! grep -Eq "systemctl|invoke-rc\.d|update-rc\.d|deb-systemd" "$1"' _ "$work/$core.control/postrm"

# lintian: no E: or W:, and every override (O:) follows its reason (N:).
lintian=$results/lintian.txt
if [ ! -f "$lintian" ]; then
  not_ok "lintian.txt written"
else
  bad=$(grep -E '^[EW]: ' "$lintian")
  if [ -z "$bad" ]; then ok "lintian: no error or warning"; else
    not_ok "lintian: no error or warning:"
    sed 's/^/    /' <<<"$bad"
  fi
  check "lintian: every override has its reason" \
    awk '/^O: / && prev !~ /^N: / { bad = 1 } { prev = $0 } END { exit bad }' "$lintian"
fi
finish
