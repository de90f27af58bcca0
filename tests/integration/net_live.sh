#!/usr/bin/env bash
# net_live.sh - live capture on the loopback interface: a Modbus exchange
# on a non-standard port is recognised by content, and SIGINT stops the
# sensor cleanly with the flow flushed into the summary. Skips without the
# right to capture.
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
done_testing
