#!/usr/bin/env bash
# Installs into a scratch DESTDIR and checks that every file lands where
# NetworkManager, dbus and pppd look for it (DESIGN.md section 2).
# usage: check-install.sh BUILD_DIR VPNSERVICEDIR LIBEXECDIR LIBDIR PPPD_PLUGIN_DIR DATADIR COMPONENTS [BINDIR]
set -euo pipefail

build=$1 vpnservicedir=$2 libexecdir=$3 libdir=$4 pppd_plugin_dir=$5 datadir=$6
components=" $7 "
bindir=${8:-${libexecdir%/libexec}/bin}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null

fails=0 checks=0
expect() { # path  description
  checks=$((checks + 1))
  if [ -e "$dest$1" ]; then
    echo "ok $checks - $2: $1"
  else
    echo "not ok $checks - $2: $1 missing"
    fails=$((fails + 1))
  fi
}
has() { [[ $components == *" $1 "* ]]; }

name_file=$vpnservicedir/nm-l2tp-service.name
expect "$name_file" ".name file in libnm's vpnservicedir"
expect "$datadir/dbus-1/system.d/nm-l2tp-ipsec-service.conf" "D-Bus system policy"
expect "$datadir/metainfo/org.freedesktop.NetworkManager.l2tp_ipsec.metainfo.xml" "metainfo"
has service && expect "$libexecdir/nm-l2tp-ipsec-service" "VPN service"
has service && expect "$pppd_plugin_dir/nm-l2tp-ipsec-pppd-plugin.so" "pppd plugin in pppd's versioned dir"
has plugin && expect "$libdir/NetworkManager/libnm-vpn-plugin-l2tp-ipsec.so" "GTK-free libnm plugin"
has gtk3 && expect "$libdir/NetworkManager/libnm-vpn-plugin-l2tp-ipsec-editor.so" "GTK3 editor"
has gtk4 && expect "$libdir/NetworkManager/libnm-gtk4-vpn-plugin-l2tp-ipsec-editor.so" "GTK4 editor"
has auth_dialog && expect "$libexecdir/nm-l2tp-ipsec-auth-dialog" "auth dialog"
has cli && expect "$bindir/nm-l2tp-ipsec" "command-line tool in bindir"

# The .name file must point at the installed files and declare what DESIGN says.
field() { sed -n "/^\[$1\]/,/^\[/{s/^$2=//p}" "$dest$name_file"; }
check_field() { # section key expected
  checks=$((checks + 1))
  local got
  got=$(field "$1" "$2")
  if [ "$got" = "$3" ]; then
    echo "ok $checks - [$1] $2=$3"
  else
    echo "not ok $checks - [$1] $2 is '$got', expected '$3'"
    fails=$((fails + 1))
  fi
}
check_field "VPN Connection" service org.freedesktop.NetworkManager.l2tp
check_field "VPN Connection" program "$libexecdir/nm-l2tp-ipsec-service"
check_field "VPN Connection" supports-safe-private-file-access true
check_field libnm plugin "$libdir/NetworkManager/libnm-vpn-plugin-l2tp-ipsec.so"
check_field GNOME auth-dialog "$libexecdir/nm-l2tp-ipsec-auth-dialog"
check_field GNOME supports-external-ui-mode true

# Exactly one .name file claims the service type.
checks=$((checks + 1))
n=$(grep -rl '^service=org.freedesktop.NetworkManager.l2tp$' "$dest" | wc -l)
if [ "$n" -eq 1 ]; then echo "ok $checks - one .name file owns the service"; else
  echo "not ok $checks - $n files claim the service"; fails=$((fails + 1)); fi

# The D-Bus policy lets only root own or talk to the name.
checks=$((checks + 1))
policy=$dest$datadir/dbus-1/system.d/nm-l2tp-ipsec-service.conf
if grep -q '<policy user="root">' "$policy" && grep -q '<deny own_prefix=' "$policy" \
  && ! grep -q '<allow own' <(sed -n '/context="default"/,/<\/policy>/p' "$policy"); then
  echo "ok $checks - D-Bus policy: root only"
else
  echo "not ok $checks - D-Bus policy lets others own or send"; fails=$((fails + 1))
fi

echo "1..$checks"
[ $fails -eq 0 ]
