#!/usr/bin/env bash
# correlate_live.sh - issue 5's "candidates update as new alerts arrive":
# the CCTV-chain scenario's capture streams from the simulator through a
# relay that holds it mid-scenario (before the RDP hop and the PLC writes);
# while the sensor waits on the FIFO, the store already holds the scenario's
# candidate with the alerts so far; after the end, with all of them. The
# final candidates are byte-identical (but for stored_at) to a batch
# `seawall correlate --db` over the same alerts: when another run stored an
# older alert into the same database while the capture was held (it comes
# late, so the end takes the full pass), and when a second run over the
# same capture brings exact copies (they come in order: the live result
# stands). correlate_converged.sh holds a clean 4 h run to the live result.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null || ! command -v mkfifo >/dev/null || ! command -v sqlite3 >/dev/null; then
  ok "# SKIP python3, mkfifo or sqlite3 not installed"; done_testing; exit $?
fi
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }
SIM=(--model "$MODEL" --seed 11 --duration 20m --scenarios converged-cctv-chain)
CUT=2026-01-01T00:10:35Z     # after the sweep (00:09:48), before the RDP (00:10:28 + handshake) and the writes
DB="$TMP/live.db" S="$TMP/s"
rows() { sqlite3 "$1" "SELECT id, first_ts, last_ts, score, severity, alerts, domains, tactics, assets, explanation, doc FROM incident_candidates ORDER BY id"; }

# The scenario's physical events come with its capture: a first run writes
# the feeds, its capture going to /dev/null.
mkdir -p "$S" && ln -s /dev/null "$S/traffic.pcap"
check "sim: the access and VMS feeds (capture to /dev/null)" quiet "$SEAWALL" sim "${SIM[@]}" --feeds pcap --out "$S"
check "init the store" quiet "$SEAWALL" init --db "$DB" "$MODEL"
mkdir -p "$TMP/p" && mkfifo "$TMP/p/traffic.pcap" "$TMP/sense.pcap"
# relay: copies the pcap records, and at the first one at or after CUT
# flushes, says so in $TMP/held and waits (at most 120 s) for $TMP/go.
python3 - "$TMP/p/traffic.pcap" "$TMP/sense.pcap" "$CUT" "$TMP/held" "$TMP/go" <<'PY' 2>"$TMP/relay.err" &
import os, struct, sys, time
from datetime import datetime
src, dst = open(sys.argv[1], "rb"), open(sys.argv[2], "wb")
cut = datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00")).timestamp()
hdr = src.read(24)
endian = "<" if hdr[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
nano = hdr[:4] in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
dst.write(hdr)
held = False
while True:
    rec = src.read(16)
    if len(rec) < 16: break
    sec, frac, incl, _ = struct.unpack(endian + "IIII", rec)
    if not held and sec + frac / (1e9 if nano else 1e6) >= cut:
        dst.flush()
        open(sys.argv[4], "w").close()
        for _ in range(1200):
            if os.path.exists(sys.argv[5]): break
            time.sleep(0.1)
        held = True
    dst.write(rec)
    dst.write(src.read(incl))
dst.close()
PY
relay_pid=$!
"$SEAWALL" sense --model "$MODEL" --db "$DB" --store --pcap "$TMP/sense.pcap" --vms "$S/vms.syslog" --access "$S/access.csv" \
  --correlate-every 10 --eve "$TMP/alerts.jsonl" --no-progress >/dev/null 2>"$TMP/sense.err" &
sense_pid=$!
"$SEAWALL" sim "${SIM[@]}" --feeds pcap --out "$TMP/p" >/dev/null 2>"$TMP/sim.err" &
sim_pid=$!

# Held: wait (bounded) until the sensor has stored the candidate of the
# alerts before the cut; the refresh comes at the last 10 s boundary.
for _ in $(seq 600); do [ -e "$TMP/held" ] && break; sleep 0.1; done
check "the relay holds the capture at $CUT" test -e "$TMP/held"
mid=""
for _ in $(seq 600); do
  mid=$(sqlite3 "$DB" "SELECT id || ' ' || alerts || ' ' || last_ts FROM incident_candidates" 2>/dev/null)
  [ -n "$mid" ] && [ "$(echo "$mid" | wc -l)" = 1 ] && [ "${mid#* }" != "$mid" ] && [ "$(echo "$mid" | cut -d' ' -f2)" -ge 50 ] && break
  sleep 0.1
done
sqlite3 "$DB" "SELECT doc FROM incident_candidates ORDER BY id" >"$TMP/mid.docs" 2>/dev/null
# Meanwhile another sensor stores an older alert: a leaver's badge at the T1 gate at 00:05.
printf 'time,event,badge,person,door,reader,controller\n2026-01-01T00:05:00Z,granted,31077,former-crane-tech,t1-gate,rdr-t1-01,acc-t1-01\n' >"$TMP/late.csv"
check "another run stores an older alert meanwhile" quiet "$SEAWALL" sense --model "$MODEL" --db "$DB" --store --access "$TMP/late.csv"
touch "$TMP/go"
wait "$sim_pid"; sim_rc=$?
wait "$relay_pid"; relay_rc=$?
wait "$sense_pid"; sense_rc=$?
check "sim, relay and sense ended well ($sim_rc $relay_rc $sense_rc)" test "$sim_rc$relay_rc$sense_rc" = 000
[ "$sense_rc" = 0 ] || diagnose <"$TMP/sense.err"
check "sense says an alert came late and it correlated again" grep -q "stored alerts again (some came late): 1 incident candidates" "$TMP/sense.err"
rows "$DB" >"$TMP/live.rows"
sqlite3 "$DB" "SELECT doc FROM incident_candidates ORDER BY id" >"$TMP/live.docs"
check "seawall correlate --db" quiet "$SEAWALL" correlate --db "$DB" --json
rows "$DB" >"$TMP/batch.rows"
check "final candidates byte-identical to the batch pass ($(wc -c <"$TMP/batch.rows") bytes)" cmp -s "$TMP/live.rows" "$TMP/batch.rows"

export TAP_START=$TAP_N COUNTS="$TMP/py.count" CUT
python3 - "$TMP/mid.docs" "$TMP/live.docs" "$TMP/alerts.jsonl" <<'PY'
import json, os, sys
from datetime import datetime
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
def cands(path): return [json.loads(l) for l in open(path) if l.strip()]
mid, final = cands(sys.argv[1]), cands(sys.argv[2])
alerts = [json.loads(l) for l in open(sys.argv[3])]
cut = ts(os.environ["CUT"])
n = int(os.environ["TAP_START"]); failed = 0
def tap(ok, msg):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, msg))
    if not ok: failed += 1
before = [a for a in alerts if ts(a["@timestamp"]) < cut - 20]
tap(len(final) == 1 and final[0]["alerts"] == len(alerts), "after the end: one candidate with all %d alerts" % len(alerts))
tap(len(mid) == 1 and final and mid[0]["id"] == final[0]["id"], "while held: the same candidate is stored (%s)" % [c["id"] for c in mid])
if mid and final:
    m, f = mid[0], final[0]
    mrules = {r["id"] for r in m["rules"]}
    tap(len(before) <= m["alerts"] < f["alerts"],
        "while held it has the alerts so far: %d (at least the %d raised 20 s before the cut), of %d" % (m["alerts"], len(before), f["alerts"]))
    tap({"SW-PHYS-CAMERA-DOWN", "SW-SEG-NO-CONDUIT", "SW-SCAN-VERTICAL"} <= mrules and "SW-ICS-UNAUTH-WRITE" not in mrules,
        "while held: the camera, the sweep, not yet the PLC writes (%s)" % ", ".join(sorted(mrules)))
    tap(m["evidence"] and all(ts(e["@timestamp"]) < cut for e in m["evidence"]),
        "while held: its evidence is all from before the cut (last %s)" % (m["evidence"][-1]["@timestamp"] if m["evidence"] else "-"))
    fr = {r["id"] for r in f["rules"]}
    tap({"SW-ICS-UNAUTH-WRITE", "SW-ICS-PIVOT-WRITE"} <= fr and mrules <= fr, "after the end: the PLC writes joined it (%s)" % ", ".join(sorted(fr)))
open(os.environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "the candidate comparison ran"

# A second run over the same capture: exact copies of the stored alerts,
# read in time order with them; each copy is dropped and the live result
# stands.
mkdir -p "$TMP/f" && mkfifo "$TMP/f/traffic.pcap"
"$SEAWALL" sense --model "$MODEL" --db "$DB" --store --pcap "$TMP/f/traffic.pcap" --no-progress >"$TMP/sense2.out" 2>&1 &
sense_pid=$!
check "sim the capture into a FIFO again" quiet "$SEAWALL" sim "${SIM[@]}" --feeds pcap --out "$TMP/f"
check "second sense run into the same store" wait "$sense_pid"
check "it says the live result stood" grep -q "stored alerts as they came: 1 incident candidates" "$TMP/sense2.out"
rows "$DB" >"$TMP/live2.rows"
check "seawall correlate --db" quiet "$SEAWALL" correlate --db "$DB" --json
rows "$DB" >"$TMP/batch2.rows"
check "after the second run: candidates byte-identical to the batch pass" cmp -s "$TMP/live2.rows" "$TMP/batch2.rows"
done_testing
