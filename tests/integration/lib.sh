# lib.sh - TAP helpers for the shell integration tests.
# Source it, call `ok`/`not_ok`/`check` per assertion, and `done_testing` last.
set -u
: "${SEAWALL:?run through make check}"
: "${SEAWALL_SRC:?run through make check}"
: "${SHARED:=$SEAWALL_SRC/../shared}"
TAP_N=0
TAP_FAILED=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok()     { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
# check "description" command... : passes when the command exits 0.
check()  { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# expect_exit CODE "description" command... : passes when the command exits CODE.
expect_exit() {
  local want=$1 d=$2; shift 2
  "$@" >"$TMP/last.out" 2>"$TMP/last.err"; local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$d"; else not_ok "$d (exit $rc, wanted $want)"; sed 's/^/# /' "$TMP/last.err" | head -5; fi
}
diagnose() { sed 's/^/# /'; }
done_testing() { echo "1..$TAP_N"; [ "$TAP_FAILED" -eq 0 ]; }
