#!/usr/bin/env bash
# benign_day.sh - issue 5's bar "a benign simulated day yields none": 24 h
# of the sample port (Monday 00:00 to Tuesday 00:00 port time) with every
# feed - network at full rate, AIS, access control and video - through
# sense and correlate into one store: no alert and no incident candidate,
# checked against ground-truth.json. The capture is streamed from the
# simulator into the sensor through a FIFO, so the ~10 GB day never lands
# on disk; the physical feeds come from a first, capture-less run of the
# same seed, and the second run's copies must be byte-identical to them.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null || ! command -v mkfifo >/dev/null; then
  ok "# SKIP python3 or mkfifo not installed"; done_testing; exit $?
fi
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }
DAY=(--model "$MODEL" --seed 5 --start 2026-11-30T00:00:00Z --duration 24h --no-scenarios)
F="$TMP/feeds" P="$TMP/pcap" DB="$TMP/day.db"

check "sim: AIS, access and VMS feeds of the day (no capture)" quiet "$SEAWALL" sim "${DAY[@]}" --feeds ais --out "$F"
check "init the store" quiet "$SEAWALL" init --db "$DB" "$MODEL"
mkdir -p "$P" && mkfifo "$P/traffic.pcap"
# The sensor opens the physical feeds, then the FIFO; the simulator writes into it.
"$SEAWALL" sense --model "$MODEL" --db "$DB" --store --pcap "$P/traffic.pcap" --access "$F/access.csv" \
  --vms "$F/vms.syslog" --eve "$TMP/net.jsonl" --no-progress --json >"$TMP/sense.json" 2>"$TMP/sense.err" &
sense_pid=$!
"$SEAWALL" sim "${DAY[@]}" --feeds pcap --out "$P" --json >"$TMP/sim.json" 2>"$TMP/sim.err"; sim_rc=$?
wait "$sense_pid"; sense_rc=$?
if [ "$sim_rc" = 0 ]; then ok "sim: the day's capture streamed into the FIFO"; else not_ok "sim into the FIFO (exit $sim_rc)"; diagnose <"$TMP/sim.err"; fi
if [ "$sense_rc" = 0 ]; then ok "sense: capture from the FIFO with the access and VMS feeds, stored"; else not_ok "sense from the FIFO (exit $sense_rc)"; diagnose <"$TMP/sense.err"; fi
check "both runs wrote the same access and VMS feeds" sh -c "cmp -s '$F/access.csv' '$P/access.csv' && cmp -s '$F/vms.syslog' '$P/vms.syslog'"
check "sense the AIS feed into the same store" quiet "$SEAWALL" sense --ais "$F/ais.nmea" --model "$MODEL" --db "$DB" --store --eve "$TMP/ais.jsonl"
check "seawall correlate --db" quiet sh -c "'$SEAWALL' correlate --db '$DB' --json >'$TMP/cand.json'"
"$SEAWALL" incidents --candidates --db "$DB" --json >"$TMP/live.json" 2>/dev/null

export TAP_START=$TAP_N COUNTS="$TMP/py.count"
python3 - "$F/ground-truth.json" "$P/ground-truth.json" "$TMP/sense.json" "$TMP/net.jsonl" "$TMP/ais.jsonl" \
  "$TMP/cand.json" "$TMP/live.json" "$F/access.csv" "$F/ais.nmea" <<'PY'
import csv, json, os, sys
from datetime import datetime
feeds, net = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
sense = json.load(open(sys.argv[3]))
alerts = [json.loads(l) for f in sys.argv[4:6] for l in open(f)]
cands, live = json.load(open(sys.argv[6]))["candidates"], json.load(open(sys.argv[7]))
n = int(os.environ["TAP_START"]); failed = 0
def tap(ok, msg):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, msg))
    if not ok: failed += 1
# The ground truth says the day is benign and whole.
tap(net["duration_s"] == 86400 and not net["scenarios"] and not net["skipped"] and not feeds["phys_scenarios"]
    and not feeds["ais"]["scenarios"], "ground truth: 24 h, no network, physical or AIS scenario")
tap(sense["packets"] == net["packets"] and sense["bytes"] == net["bytes"],
    "sense read every frame of the stream (%d packets, %.1f GB)" % (sense["packets"], sense["bytes"] / 1e9))
phys = {p["kind"]: p for p in sense["phys"]}
tap(phys["access"]["events"] == feeds["access_events"] and phys["vms"]["events"] == feeds["vms_events"]
    and all(p["malformed"] == 0 and p["unmapped"] == 0 for p in sense["phys"]),
    "every access (%d) and VMS (%d) event decoded" % (feeds["access_events"], feeds["vms_events"]))
# The day keeps its patterns: night quiet, shift starts, the meal break; vessels moving.
hours = [int(r["time"][11:13]) for r in csv.DictReader(open(sys.argv[8]))]   # Lisbon is on UTC in winter
tap(hours and not [h for h in hours if h < 6 or h >= 20], "no badge at night (00-06, 20-24 local): %d events by day" % len(hours))
tap(hours.count(7) + hours.count(8) >= 4 and any(11 <= h <= 14 for h in hours),
    "badge peak at the 07:00/08:00 shift starts (%d) and after the meal break (%d)" %
    (hours.count(7) + hours.count(8), sum(1 for h in hours if 11 <= h <= 14)))
ais_hours = {datetime.utcfromtimestamp(int(l.split("c:")[1].split("*")[0].split(",")[0])).hour
             for l in open(sys.argv[9]) if "c:" in l}
tap(len(ais_hours) == 24 and feeds["ais"]["messages_by_type"].get("1", 0) > 0,
    "AIS all day (%d messages in %d hours)" % (feeds["ais"]["messages"], len(ais_hours)))
tap(net["flows"] > 0 and net["packets"] > 1000000, "network traffic all day (%d flows)" % net["flows"])
# And nothing is raised, so nothing is a candidate.
tap(not alerts, "no alert from any feed (%d)" % len(alerts))
if alerts: print("# " + "\n# ".join(sorted({a["rule"]["id"] + ": " + a["message"] for a in alerts})[:10]))
tap(not cands and not live, "no incident candidate (correlate %d, stored %d)" % (len(cands), len(live)))
open(os.environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "ground-truth comparison ran"
done_testing
