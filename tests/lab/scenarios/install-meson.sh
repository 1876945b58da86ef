# The other install path, kept tested while the lab tier installs the
# packages: `meson install` of the build into the guest (a lab run without
# --packages; ./scripts/test runs this one so), then plugin-connect's whole
# check on modern: connect with the four fields, ping, DNS, only IPsec on
# the wire, nothing left.
. "$LAB_DIR/scenarios/plugin-connect.sh"
SCENARIO_PROFILES=modern
SCENARIO_INSTALL=meson

eval "plugin_connect_$(declare -f scenario_run)"
scenario_run() {
	plugin_require
	check "the plugin came from meson install (plugin.env: $PLUGIN_INSTALL, $PLUGIN_NOTE)" \
		test "$PLUGIN_INSTALL" == meson
	plugin_connect_scenario_run
}
