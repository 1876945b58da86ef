#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   check-plugin-symbols.sh PLUGIN.so [PPPD]
#
# 1. The plugin exports exactly pppd_version and plugin_init (pppd looks up
#    these two; anything else could clash with pppd or another plugin).
# 2. Every symbol it leaves undefined is defined by one of its own libraries
#    or by the pppd executable installed here (default /usr/sbin/pppd), so
#    this pppd can load it.  The symbols that must come from pppd are listed.
# TAP output.
set -euo pipefail

plugin=${1:?usage: check-plugin-symbols.sh PLUGIN.so [PPPD]}
pppd=${2:-/usr/sbin/pppd}
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }

exports=$(nm -D --defined-only "$plugin" | awk '{print $3}' | sed 's/@.*//' | sort | tr '\n' ' ')
if [ "$exports" = "plugin_init pppd_version " ]; then
  ok "exports exactly: $exports"
else
  not_ok "exports are '$exports', expected 'plugin_init pppd_version '"
fi

if [ ! -x "$pppd" ]; then
  echo "ok $((n + 1)) # SKIP $pppd not installed"
  echo "1..$((n + 1))"
  exit $((fails > 0))
fi

defined=$(mktemp)
trap 'rm -f "$defined"' EXIT
# Libraries the dynamic loader would pick for the plugin.
ldd "$plugin" | awk '/=> \// {print $3}' | while read -r lib; do
  nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//'
done | sort -u >"$defined"
pppd_defined=$(nm -D --defined-only "$pppd" | awk '{print $3}' | sed 's/@.*//' | sort -u)

from_pppd=() missing=()
for sym in $(nm -D --undefined-only "$plugin" | awk '$1 == "U" {print $2}' | sed 's/@.*//'); do
  if grep -qx -- "$sym" "$defined"; then
    continue
  elif grep -qx -- "$sym" <<<"$pppd_defined"; then
    from_pppd+=("$sym")
  else
    missing+=("$sym")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  ok "all undefined symbols resolve; ${#from_pppd[@]} come from $pppd: ${from_pppd[*]}"
else
  not_ok "not in the plugin's libraries nor in $pppd: ${missing[*]}"
fi
echo "1..$n"
[ $fails -eq 0 ]
