#!/bin/bash
# In the lab VM: install the project into the guest's overlay (never the
# host's /usr) — its packages with `dpkg -i` when the job has LAB_PACKAGES
# (what ./scripts/package left), else the build with `meson install` — and
# tell the plugin scenarios what they have: /run/lab/plugin.env gets
# PLUGIN_STATE (installed | no-build-dir | no-service | install-failed),
# PLUGIN_INSTALL (packages | meson | stand-in), PLUGIN_SERVICE, PLUGIN_NOTE.
#   plugin-install.sh BUILD_DIR|"" RESULTS
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"

[[ -e /run/lab/in-vm ]] || lab_die "only in the lab VM (it changes /etc and /usr)"
build_dir=$1 results=$2
env_file=/run/lab/plugin.env
log=$results/plugin-install.log

cli= how=meson # the installed nm-l2tp-ipsec (probe scenarios); how it came
state() { # STATE SERVICE NOTE
	printf 'PLUGIN_STATE=%q\nPLUGIN_SERVICE=%q\nPLUGIN_NOTE=%q\nPLUGIN_CLI=%q\nPLUGIN_INSTALL=%q\n' \
		"$1" "$2" "$3" "$cli" "$how" >"$env_file"
	echo "plugin: $1${3:+ ($3)}"
}

# The packages of ./scripts/package in DIR (not the -dbgsym ones).
package_files() {
	local dir=$1 p
	for p in network-manager-l2tp-ipsec network-manager-l2tp-ipsec-gnome; do
		compgen -G "$dir/${p}_*.deb" | head -n1
	done
}

# LAB_PACKAGES=DIR: our packages, installed as a user would (dpkg -i: its
# relations checked, its maintainer scripts run; the dependencies are the
# host's, which the guest sees). Its service logs through the lab's wrapper.
install_packages() {
	local debs t0
	how=packages
	mapfile -t debs < <(package_files "$1")
	((${#debs[@]} == 2)) || { state install-failed "" "no packages of ./scripts/package in $1"; return 1; }
	# man-db's trigger (our manual page) would index every manual page the
	# host has, over 9p: 5 minutes under TCG. The guest needs no index.
	rm -f /var/lib/man-db/auto-update
	t0=$(lab_now)
	dpkg -i "${debs[@]}" >"$log" 2>&1 || { state install-failed "" "dpkg -i failed, see plugin-install.log"; return 1; }
	cli=/usr/bin/nm-l2tp-ipsec
	local service name=/usr/lib/NetworkManager/VPN/nm-l2tp-service.name
	service=$(sed -n 's/^program=//p' "$name")
	[[ -x $service ]] || { state install-failed "" "$name names $service, which is not there"; return 1; }
	log_wrapper "$service" "$name"
	state installed "$service" "dpkg -i ${debs[*]##*/} took $(lab_elapsed "$t0" "$(lab_now)") s"
}

# NetworkManager reads .name files from /usr/lib/NetworkManager/VPN and
# /etc/NetworkManager/VPN only, the system bus its policies from
# /usr/share/dbus-1/system.d and /etc/dbus-1/system.d: make a build with
# another prefix visible there too (the guest's overlay only).
expose() {
	local f
	for f in "$@"; do
		case $f in
		*/NetworkManager/VPN/*.name)
			[[ $f == /usr/lib/NetworkManager/VPN/* ]] || { mkdir -p /etc/NetworkManager/VPN; ln -sf "$f" /etc/NetworkManager/VPN/; } ;;
		*/dbus-1/system.d/*.conf)
			[[ $f == /usr/share/dbus-1/system.d/* || $f == /etc/dbus-1/system.d/* ]] || ln -sf "$f" /etc/dbus-1/system.d/ ;;
		esac
	done
}

# LAB_PLUGIN_DEB=FILE.deb: unpack another L2TP plugin's package instead of
# a build (e.g. Debian's network-manager-l2tp), to try the plugin scenarios
# themselves before our service exists. A developer's tool, not CI's.
install_deb() {
	how=stand-in
	dpkg -x "$1" / >"$log" 2>&1 || { state install-failed "" "dpkg -x $1 failed"; return 1; }
	local service
	service=$(dpkg -c "$1" | grep -o '/usr/lib/NetworkManager/VPN/[^ ]*\.name$' | head -n1)
	service=$(sed -n 's/^program=//p' "$service")
	state installed "$service" "stand-in: ${1##*/}"
}

main() {
	if [[ -n ${LAB_PLUGIN_DEB:-} ]]; then
		install_deb "$LAB_PLUGIN_DEB"
		return
	fi
	if [[ -n ${LAB_PACKAGES:-} ]]; then
		install_packages "$LAB_PACKAGES"
		return
	fi
	if [[ -z $build_dir ]]; then
		state no-build-dir "" "no --build-dir given"
		return 0
	fi
	local t0
	t0=$(lab_now)
	if ! meson install -C "$build_dir" --no-rebuild >"$log" 2>&1; then
		state install-failed "" "meson install failed, see plugin-install.log"
		return 1
	fi
	local installed service
	# {"built file": "installed path", ...}; no python start under TCG for it.
	mapfile -t installed < <(grep -o '": "[^"]*"' "$build_dir/meson-info/intro-installed.json" |
		sed 's/^": "//; s/"$//')
	expose "${installed[@]}"
	cli=$(printf '%s\n' "${installed[@]}" | grep '/bin/nm-l2tp-ipsec$' | head -n1 || true)
	service=$(printf '%s\n' "${installed[@]}" | grep '/nm-l2tp-ipsec-service$' | head -n1 || true)
	if [[ -z $service || ! -x $service ]]; then
		state no-service "" "the build has no nm-l2tp-ipsec-service yet"
		return 0
	fi
	log_wrapper "$service" "$(printf '%s\n' "${installed[@]}" | grep '/nm-l2tp-service\.name$' | head -n1 || true)"
	state installed "$service" "meson install took $(lab_elapsed "$t0" "$(lab_now)") s"
}

# The nodes have no syslog: NetworkManager starts the service through a
# wrapper (the installed .name file, in the guest's overlay only, points at
# it) that keeps the service's log in the file a scenario names in the
# client node's /etc/NetworkManager/lab-service-log (lib/nm.sh), or, where
# the scenario started a journald and wrote lab-service-journal, lets it
# log to the journal as under systemd (lib/journal.sh).
log_wrapper() {
	local service=$1 name=$2 wrapper=${1}-lab
	[[ -n $name && -f $name ]] || return 0
	cat >"$wrapper" <<-EOF
		#!/bin/sh
		# read, not cat: no fork in front of every connect
		read -r log </etc/NetworkManager/lab-service-log 2>/dev/null || log=/dev/null
		export NM_VPN_LOG_SYSLOG=0 NM_VPN_LOG_LEVEL=6
		# a node with its own journald (lib/journal.sh): the service's way
		[ ! -e /etc/NetworkManager/lab-service-journal ] || NM_VPN_LOG_SYSLOG=1
		exec $service "\$@" 2>>"\$log"
	EOF
	chmod 755 "$wrapper"
	sed -i "s|^program=.*|program=$wrapper|" "$name"
}

main; exit  # exit before bash reads on: the file may change while it runs
