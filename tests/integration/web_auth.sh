#!/usr/bin/env bash
# web_auth.sh - `seawall serve` end to end on 127.0.0.1 and a free port:
# first-run admin, the authorisation matrix from /api/openapi.json (every
# route x every role, no session, forged CSRF, API tokens), bad input,
# audit rows, rate limiting (tests/integration/web_matrix.py), the OpenAPI
# document against the route table, live alerts over SSE and a clean stop.
. "$(dirname "$0")/lib.sh"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
DB="$TMP/web.db"
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; }
trap 'stop_server; rm -rf "$TMP"' EXIT

command -v python3 >/dev/null || { echo "1..0 # SKIP python3 is not installed"; exit 0; }
quiet() { "$@" >/dev/null 2>&1; }
check "simulate 10 minutes of the sample port" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 10m --out "$TMP/s"
check "load the model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "store its alerts" quiet "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress
n_alerts=$(sqlite3 "$DB" 'SELECT count(*) FROM alerts')
[ "${n_alerts:-0}" -gt 10 ] && ok "the store holds $n_alerts alerts to page through" || not_ok "too few alerts stored ($n_alerts)"
printf '+0:03 detect SW-ICS-CPU-STOP\n' >"$TMP/drill.txt"
check "a stored drill for /api/v1/drills/{drill}" quiet env SEAWALL_DATA="$SEAWALL_SRC/data" "$SEAWALL" drill run s7-stop-download --db "$DB" --answers "$TMP/drill.txt"

expect_exit 2 "a malformed --listen is a usage error" "$SEAWALL" serve --db "$DB" --listen localhost
expect_exit 2 "--tls-cert without --tls-key is a usage error" "$SEAWALL" serve --db "$DB" --tls-cert x.pem

# start_server LOG: serve on a free port (lib.sh serve_start); sets PORT.
start_server() { serve_start "$DB" "$1"; }
check "seawall serve starts on a free port" start_server "$TMP/serve.out"
OTP=$(sed -n 's/^seawall serve: one-time password: //p' "$TMP/serve.out")
[ "${#OTP}" -eq 20 ] && ok "first run prints the admin's one-time password once" || not_ok "no one-time password (got '$OTP')"

# The matrix and the rest of the API checks.
python3 "$SEAWALL_SRC/tests/integration/web_matrix.py" 127.0.0.1 "$PORT" "$OTP" >"$TMP/matrix.out" 2>"$TMP/matrix.err"
while read -r verdict desc; do
  case "$verdict" in PASS) ok "$desc" ;; FAIL) not_ok "$desc" ;; esac
done <"$TMP/matrix.out"
grep -q '^SESSION ' "$TMP/matrix.out" || { not_ok "web_matrix.py ran to the end"; diagnose <"$TMP/matrix.err"; }
read -r _ COOKIE CSRF < <(grep '^SESSION ' "$TMP/matrix.out")

# The OpenAPI document and the route table describe the same routes.
curl -s "http://127.0.0.1:$PORT/api/openapi.json" >"$TMP/openapi.json"
python3 - "$TMP/openapi.json" "$SEAWALL_SRC/src/web/web_routes.c" >"$TMP/oa.out" 2>&1 <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
table = set(re.findall(r'\{ "(GET|POST|DELETE|PUT|PATCH)", "([^"]+)"', open(sys.argv[2]).read()))
documented = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
bad = []
for op in [o for item in doc["paths"].values() for o in item.values()]:
    for k in ("operationId", "summary", "responses", "x-roles", "security"):
        if k not in op: bad.append("missing " + k)
ids = [o["operationId"] for item in doc["paths"].values() for o in item.values()]
if len(ids) != len(set(ids)): bad.append("duplicate operationId")
if table != documented: bad.append("table-only %s, document-only %s" % (table - documented, documented - table))
print("\n".join(bad) or "same %d routes" % len(table))
sys.exit(1 if bad else 0)
PY
[ $? -eq 0 ] && ok "OpenAPI documents every route of the table and nothing else ($(cat "$TMP/oa.out"))" || { not_ok "OpenAPI and the route table differ"; diagnose <"$TMP/oa.out"; }

# Live alerts: open the stream, then store new alerts; they arrive as events.
curl -s -N --max-time 8 -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/v1/events/alerts" >"$TMP/sse.out" &
CURL_PID=$!
sleep 1
"$SEAWALL" sim --model "$MODEL" --seed 12 --duration 5m --out "$TMP/s2" >/dev/null
"$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s2/traffic.pcap" --no-progress >/dev/null 2>&1
wait "$CURL_PID"
grep -q '^retry: 3000' "$TMP/sse.out" && ok "the alert stream opens with a retry hint" || not_ok "no stream preamble"
n_events=$(grep -c '^event: alert' "$TMP/sse.out")
[ "$n_events" -gt 0 ] && ok "alerts stored while streaming arrive as events ($n_events)" || not_ok "no alert events arrived"
grep '^data: ' "$TMP/sse.out" | head -1 | sed 's/^data: //' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["event"]["kind"]=="alert"' 2>/dev/null \
  && ok "each event's data is the alert's ECS document" || not_ok "event data is not an ECS alert"

# Clean stop on SIGTERM, bounded wait.
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then not_ok "server still running 10 s after SIGTERM"; kill -KILL "$SERVER_PID"
else wait "$SERVER_PID"; rc=$?; [ "$rc" -eq 0 ] && ok "SIGTERM stops the server cleanly (exit 0)" || not_ok "exit $rc after SIGTERM"; fi
SERVER_PID=
grep -q '^seawall serve: stopped' "$TMP/serve.out" && ok "the server says it stopped" || not_ok "no stop message"
! grep -q 'one-time password' "$TMP/serve.out.err" && ok "the password never goes to stderr" || not_ok "password on stderr"

# A second start on the same database creates no new admin and prints no password.
check "seawall serve restarts" start_server "$TMP/serve2.out"
grep -q 'one-time password' "$TMP/serve2.out" && not_ok "a second run printed a password" || ok "a second run creates no admin and prints no password"
kill -INT "$SERVER_PID"; for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
wait "$SERVER_PID"; rc=$?; SERVER_PID=
[ "$rc" -eq 0 ] && ok "SIGINT stops the server cleanly" || not_ok "exit $rc after SIGINT"
done_testing
