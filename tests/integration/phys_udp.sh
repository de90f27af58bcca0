#!/usr/bin/env bash
# phys_udp.sh - the UDP listener of `sense --vms udp://HOST:PORT`: syslog
# datagrams holding one or several lines (with and without a final
# newline, CRLF), a malformed line and an overlong one among them, then
# SIGINT. Every good line is decoded, the bad ones are reported with their
# line numbers and skipped, the camera event after them still raises its
# alert, and datagrams queued when the stop came are not lost.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null || ! command -v ss >/dev/null; then
  echo "1..0 # SKIP python3 or ss (iproute2) not installed"; exit 0
fi
PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$SEAWALL" sense --model "$MODEL" --vms "udp://127.0.0.1:$PORT" --eve "$TMP/eve.jsonl" --json >"$TMP/sum.json" 2>"$TMP/err" &
pid=$!
for _ in $(seq 100); do ss -Hlun "sport = :$PORT" | grep -q . && break; sleep 0.1; done
check "the listener is bound to udp/$PORT" sh -c "ss -Hlun 'sport = :$PORT' | grep -q ."
python3 - "$PORT" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
def line(t, ev, cam): return '<14>1 2026-11-30T10:%s Z vms-01 XProtect - - - Event="%s" Camera="%s"' % (t, ev, cam)
def send(b): s.sendto(b.encode() if isinstance(b, str) else b, ("127.0.0.1", int(sys.argv[1])))
fix = lambda l: l.replace(" Z", "Z")
send(fix(line("00:01", "Communication Started", "cam-t2-asc-01")))                           # line 1, no newline
send(fix(line("00:02", "Communication Started", "cam-t2-asc-02")) + "\r\n" +
     fix(line("00:03", "Communication Started", "cam-hq-02")) + "\n")                         # lines 2, 3
send("<14>1 yesterday vms-01 XProtect - - - Event=\"Communication Started\"\n" +             # line 4: bad time
     "x" * 9000 + "\n" +                                                                       # line 5: overlong
     fix(line("00:04", "Communication Started", "cam-vts-01")))                               # line 6
send(fix(line("05:00", "Communication Stopped", "cam-t2-asc-01")) + "\n")                     # line 7: the alert
PY
kill -INT "$pid"
wait "$pid"; rc=$?
check "sense stops on SIGINT with exit 0" test "$rc" = 0
check "the bad time is reported as line 4 and skipped" grep -q "udp://127.0.0.1:$PORT:4: skipped" "$TMP/err"
check "the overlong line is reported as line 5" grep -q "udp://127.0.0.1:$PORT:5: skipped: line longer" "$TMP/err"
check "7 lines: 5 events, 2 malformed" python3 -c "
import json,sys; f=json.load(open('$TMP/sum.json'))['phys'][0]
sys.exit(0 if (f['lines'], f['events'], f['malformed']) == (7, 5, 2) else 1)"
check "the camera going down after the bad lines raises SW-PHYS-CAMERA-DOWN (line 7)" python3 -c "
import json,sys; a=[json.loads(l) for l in open('$TMP/eve.jsonl')]
sys.exit(0 if [(x['rule']['id'], x['seawall']['evidence']['lines']) for x in a] == [('SW-PHYS-CAMERA-DOWN', [7])] else 1)"
expect_exit 2 "a port out of range is a usage error" "$SEAWALL" sense --vms udp://127.0.0.1:70000
done_testing
