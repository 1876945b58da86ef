# plugin-sa-flush with the policies flushed as well as the SAs: with no
# policy left, the kernel would send L2TP in clear; the cleartext guard
# drops it until the teardown's very end, so the wire holds none.
. "$LAB_DIR/scenarios/plugin-sa-flush.sh"
SCENARIO_PROFILES=modern
SA_FLUSH=policies
