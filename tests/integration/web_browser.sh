#!/usr/bin/env bash
# web_browser.sh - the dashboard end to end in a real browser: a store filled
# with the sample port's demo data (simulated traffic, AIS, access and VMS
# feeds, an incident, compliance assessments), `seawall serve` on 127.0.0.1
# and a free port, and tests/browser/dashboard.mjs (playwright-core driving
# Debian's chromium) logging in, visiting every page and comparing it with
# the API. Screenshots: $ARTIFACTS (default build/test-artifacts/web_browser).
. "$(dirname "$0")/lib.sh"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
BROWSER_DIR="$SEAWALL_SRC/tests/browser"
ARTIFACTS="${ARTIFACTS:-$SEAWALL_SRC/build/test-artifacts/web_browser}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export SEAWALL_DATA="$SEAWALL_SRC/data"
DB="$TMP/web.db"
SERVER_PID=
stop_server() { if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; fi; }
trap 'stop_server; rm -rf "$TMP"' EXIT

command -v node >/dev/null || { echo "1..0 # SKIP node is not installed (scripts/deps.sh test)"; exit 0; }
[ -x "$CHROMIUM" ] || { echo "1..0 # SKIP no chromium at $CHROMIUM (scripts/deps.sh test)"; exit 0; }
# playwright-core, exactly as package-lock.json pins it; npm ci once.
if [ ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ]; then
  command -v npm >/dev/null || { echo "1..0 # SKIP npm is not installed to fetch playwright-core"; exit 0; }
  (cd "$BROWSER_DIR" && timeout 300 npm ci --no-audit --no-fund) >"$TMP/npm.log" 2>&1 ||
    { echo "1..0 # SKIP npm ci of tests/browser failed: $(tail -1 "$TMP/npm.log")"; exit 0; }
fi
pinned=$(sed -n 's/.*"playwright-core": "\(.*\)".*/\1/p' "$BROWSER_DIR/package.json")
installed=$(node -p 'require(process.argv[1]).version' "$BROWSER_DIR/node_modules/playwright-core/package.json")
[ "$pinned" = "$installed" ] && ok "playwright-core $installed installed as pinned, node $(node --version), $("$CHROMIUM" --version 2>/dev/null | head -1)" \
  || not_ok "playwright-core $installed installed but $pinned pinned (run npm ci in tests/browser)"

quiet() { "$@" >/dev/null 2>&1; }
S="$TMP/sim"
check "simulate an hour of the sample port (seed 11, all feeds)" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 1h --out "$S"
check "load the model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "store the network, access and VMS alerts" quiet "$SEAWALL" sense --model "$MODEL" --db "$DB" --store \
  --pcap "$S/traffic.pcap" --access "$S/access.csv" --vms "$S/vms.syslog" --no-progress
check "store the AIS tracks and alerts" quiet "$SEAWALL" sense --ais "$S/ais.nmea" --model "$MODEL" --db "$DB" --store
check "open an incident on the TOS ransomware playbook" quiet env SEAWALL_DB="$DB" "$SEAWALL" incident open \
  --title "TOS application servers encrypted" --severity critical --assets tos-app-01 --playbook tos-ransomware --by duty-mgr-1
check "record a decision on it" quiet env SEAWALL_DB="$DB" "$SEAWALL" incident decide 1 --action cut-it-ot-conduit --by cso --why "stop the spread to the cranes"
check "import the compliance self-assessment" quiet env SEAWALL_DB="$DB" "$SEAWALL" compliance import "$SEAWALL_SRC/examples/aurora/compliance.csv"
for fw in $(SEAWALL_DB="$DB" "$SEAWALL" compliance frameworks --json | python3 -c 'import json,sys; [print(f["id"]) for f in json.load(sys.stdin)]' 2>/dev/null); do
  SEAWALL_DB="$DB" quiet "$SEAWALL" compliance assess "$fw" --model "$MODEL" --record
done
# risk exits 1 when a risk is over appetite, as the sample's R-03 is.
expect_exit 1 "record today's risk totals (the overview's trend; one risk over appetite)" env SEAWALL_DB="$DB" "$SEAWALL" risk --model "$MODEL" --record
n_alerts=$(sqlite3 "$DB" 'SELECT count(*) FROM alerts')
[ "${n_alerts:-0}" -gt 10 ] && ok "the store holds $n_alerts alerts" || not_ok "too few alerts stored ($n_alerts)"

# start_server: serve on a free port (lib.sh serve_start); sets PORT.
start_server() { serve_start "$DB"; }
check "seawall serve starts on a free port" start_server
OTP=$(sed -n 's/^seawall serve: one-time password: //p' "$TMP/serve.out")
[ -n "$OTP" ] || { not_ok "no first-run password printed"; done_testing; exit; }

# New alerts stored while the alerts page is open must arrive over SSE.
"$SEAWALL" sim --model "$MODEL" --seed 12 --duration 5m --out "$TMP/sim2" >/dev/null 2>&1
export LIVE_CMD="'$SEAWALL' sense --model '$MODEL' --db '$DB' --store --pcap '$TMP/sim2/traffic.pcap' --no-progress >/dev/null 2>&1"
rm -rf "$ARTIFACTS"; mkdir -p "$ARTIFACTS"
CHROMIUM="$CHROMIUM" timeout 600 node "$BROWSER_DIR/dashboard.mjs" "http://127.0.0.1:$PORT" "$OTP" "$ARTIFACTS" \
  >"$TMP/browser.out" 2>"$TMP/browser.err"
rc=$?
while read -r verdict desc; do
  case "$verdict" in PASS) ok "$desc" ;; FAIL) not_ok "$desc" ;; esac
done <"$TMP/browser.out"
if ! grep -q '^SUMMARY ' "$TMP/browser.out"; then not_ok "dashboard.mjs ran to the end (exit $rc)"; diagnose <"$TMP/browser.err"; fi
n_shots=$(ls "$ARTIFACTS"/*.png 2>/dev/null | wc -l)
[ "$n_shots" -ge 12 ] && ok "$n_shots screenshots kept in $ARTIFACTS" || not_ok "only $n_shots screenshots in $ARTIFACTS"
stop_server

# The same pages on a store with the model only: honest empty states.
DB="$TMP/empty.db"
check "a second store with the model only" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "seawall serve starts on it" start_server
OTP=$(sed -n 's/^seawall serve: one-time password: //p' "$TMP/serve.out")
MODE=empty CHROMIUM="$CHROMIUM" timeout 600 node "$BROWSER_DIR/dashboard.mjs" "http://127.0.0.1:$PORT" "$OTP" "$ARTIFACTS/empty" \
  >"$TMP/browser2.out" 2>"$TMP/browser2.err"
rc=$?
while read -r verdict desc; do
  case "$verdict" in PASS) ok "$desc" ;; FAIL) not_ok "$desc" ;; esac
done <"$TMP/browser2.out"
if ! grep -q '^SUMMARY ' "$TMP/browser2.out"; then not_ok "dashboard.mjs on the empty store ran to the end (exit $rc)"; diagnose <"$TMP/browser2.err"; fi
stop_server
done_testing
