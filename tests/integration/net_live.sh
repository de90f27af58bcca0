#!/usr/bin/env bash
# net_live.sh - live capture on the loopback interface: a Modbus exchange
# on a non-standard port is recognised by content, and SIGINT stops the
# sensor cleanly with the flow flushed into the summary. Skips without the
# right to capture. Then SIGTERM on a run with --store and --eve: the flow,
# the assets and the alert of a Modbus write reach the database and the EVE
# file before the sensor exits.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null || ! command -v jq >/dev/null; then echo "1..0 # SKIP needs python3 and jq"; exit 0; fi
"$SEAWALL" sense --iface lo --bpf 'tcp port 15502' --json >"$TMP/live.json" 2>"$TMP/live.err" &
pid=$!
sleep 1
if ! kill -0 "$pid" 2>/dev/null; then
  echo "1..0 # SKIP cannot capture on lo: $(head -1 "$TMP/live.err")"
  exit 0
fi
python3 - <<'PY'
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 15502)); s.listen(1)
def serve():
    c, _ = s.accept(); c.recv(100)
    c.send(bytes.fromhex('000100000005010302002a'))          # FC 3 response
    c.recv(100); c.send(bytes.fromhex('0002000000030190' '02'))   # FC 16 exception 2
    c.close()
t = threading.Thread(target=serve); t.start()
k = socket.create_connection(('127.0.0.1', 15502))
k.send(bytes.fromhex('000100000006010300000001')); k.recv(100)
k.send(bytes.fromhex('0002000000090110000a000102abcd')); k.recv(100)
k.close(); t.join()
PY
sleep 0.5
kill -INT "$pid"
wait "$pid"; rc=$?
check "SIGINT ends the capture with exit 0" test "$rc" = 0
check "the summary says it was interrupted" test "$(jq .interrupted "$TMP/live.json")" = true
check "the flow was flushed and recognised as modbus by content" test "$(jq .flows.by_app.modbus "$TMP/live.json")" = 1
check "FC 3 request counted" test "$(jq '.ics.modbus.functions["3"].requests' "$TMP/live.json")" = 1
check "FC 16 write counted, its exception too" \
  test "$(jq -c '.ics.modbus | [.writes, .functions["16"].exceptions]' "$TMP/live.json")" = "[1,1]"

# --- SIGTERM with --store and --eve: everything flushed before exit.
cat >"$TMP/lo.yaml" <<'EOF'
port: {name: Loopback test port, timezone: UTC}
zones:
  - {id: internet, name: Internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}
  - {id: lo-ot, name: Loopback OT, domain: ot, security_level: 3, networks: [127.0.0.0/24]}
assets:
  - {id: lo-plc, name: Loopback PLC, kind: plc, zone: lo-ot, ip: 127.0.0.2, criticality: high}
  - {id: lo-hmi, name: Loopback HMI, kind: hmi, zone: lo-ot, ip: 127.0.0.3, criticality: medium}
EOF
DB=$TMP/lo.db
"$SEAWALL" init --db "$DB" "$TMP/lo.yaml" >/dev/null; check "init the loopback model" test $? = 0
"$SEAWALL" sense --model "$TMP/lo.yaml" --store --db "$DB" --eve "$TMP/eve.jsonl" --iface lo \
  --bpf 'tcp port 15503' --json --no-progress >"$TMP/term.json" 2>"$TMP/term.err" &
pid=$!
sleep 1
python3 - <<'PY'
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.2', 15503)); s.listen(1)
def serve():
    c, _ = s.accept(); c.recv(100)
    c.send(bytes.fromhex('00070000000601060005002a'))              # FC 6 echo
    c.close()
t = threading.Thread(target=serve); t.start()
k = socket.socket(); k.bind(('127.0.0.3', 0)); k.connect(('127.0.0.2', 15503))
k.send(bytes.fromhex('00070000000601060005002a')); k.recv(100)     # FC 6 write to a PLC nobody may write
k.close(); t.join()
PY
sleep 0.5
kill -TERM "$pid"
wait "$pid"; rc=$?
check "SIGTERM ends the capture with exit 0" test "$rc" = 0
check "the summary says it was interrupted" test "$(jq .interrupted "$TMP/term.json")" = true
check "the flow is in the store, recognised as modbus" \
  test "$("$SEAWALL" flows --db "$DB" --json | jq -c '[.[] | select(.dst == "127.0.0.2" and .dst_port == 15503) | .app]')" = '["modbus"]'
check "the PLC and the HMI are matched assets" \
  test "$("$SEAWALL" assets --db "$DB" --json | jq -c '[.[] | .state] | sort')" = '["matched","matched"]'
check "the unauthorised write alert is in the EVE file" \
  test "$(jq -r 'select(.rule.id == "SW-ICS-UNAUTH-WRITE") | .source.ip + ">" + .destination.ip' "$TMP/eve.jsonl")" = "127.0.0.3>127.0.0.2"
check "and in the store" \
  test "$("$SEAWALL" alerts --db "$DB" --rule SW-ICS-UNAUTH-WRITE --json | jq length)" = 1
done_testing
