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

# serve_start DB [LOG]: `seawall serve` on a free loopback port, its output in
# LOG (default $TMP/serve.out, errors in LOG.err). Sets SERVER_PID, PORT, U (the
# base URL) and SERVE_OTP (the first-run admin password, empty once an admin
# exists); the caller's EXIT trap stops SERVER_PID. Fails when the server
# exits or announces no port within 10 s.
serve_start() {
  local log=${2:-$TMP/serve.out}
  "$SEAWALL" serve --db "$1" --listen 127.0.0.1:0 >"$log" 2>"$log.err" &
  SERVER_PID=$!
  PORT=
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^seawall serve: listening on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$log")
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  [ -n "$PORT" ] || return 1
  U="http://127.0.0.1:$PORT"
  SERVE_OTP=$(sed -n 's/^seawall serve: one-time password: //p' "$log")
}
# serve_admin_login NAME ROLE NEW_PASSWORD: logs in as admin with $SERVE_OTP, sets
# NEW_PASSWORD (the first login must) and creates an API token of ROLE named
# NAME. Sets CSRF (the admin session's token, cookies in $TMP/jar) and TOKEN.
serve_admin_login() {
  local j='Content-Type: application/json'
  curl -s -c "$TMP/jar" -H "$j" -d "{\"username\":\"admin\",\"password\":\"$SERVE_OTP\"}" "$U/api/v1/login" >"$TMP/login.json"
  CSRF=$(jq -r .csrf_token "$TMP/login.json")
  curl -s -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H "$j" \
    -d "{\"current_password\":\"$SERVE_OTP\",\"new_password\":\"$3\"}" "$U/api/v1/me/password" >/dev/null
  TOKEN=$(curl -s -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H "$j" -d "{\"name\":\"$1\",\"role\":\"$2\"}" "$U/api/v1/tokens" | jq -r .token)
}

# py_counts FILE WHAT: adds the TAP count and failures a Python block wrote
# to FILE ("N FAILED", from TAP_START on) to this suite's; a block that died
# before writing them is one failure named WHAT.
py_counts() {
  if [ -s "$1" ]; then
    read -r TAP_N pyfail <"$1"
    TAP_FAILED=$((TAP_FAILED + pyfail))
  else
    not_ok "$2"
  fi
}
