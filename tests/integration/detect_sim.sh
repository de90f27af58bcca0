#!/usr/bin/env bash
# detect_sim.sh - detection against the simulator's ground truth: every
# labelled scenario raises each rule it expects (ground-truth.json
# "expected"), in its window, on its hosts, with that rule's ATT&CK ids;
# benign traffic raises none; a run without scenarios raises nothing;
# every alert line is ECS JSON. The run starts on a Sunday night in the
# port's time zone (Europe/Lisbon = UTC in January), when the vendor is
# outside its access window and a CPU stop is night work.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi

S="$TMP/s" N="$TMP/n"
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }
START=2026-01-04T01:00:00Z
check "sim with scenarios (seed 7, 10m, Sunday 01:00 local)" quiet "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 10m --start $START --out "$S"
"$SEAWALL" sense --model "$MODEL" --pcap "$S/traffic.pcap" --eve "$TMP/alerts.jsonl" --no-progress --json >"$TMP/summary.json"
rc=$?
if [ $rc -eq 0 ]; then ok "sense --model --eve on it"; else not_ok "sense --model --eve on it (exit $rc)"; fi

# Every scenario must be detected: a missed one fails.
export TAP_START=$TAP_N COUNTS="$TMP/py.count"
python3 - "$S/ground-truth.json" "$TMP/alerts.jsonl" "$TMP/summary.json" <<'PY'
import json, os, sys
from datetime import datetime

def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict) or k not in d: return None
        d = d[k]
    return d

truth = json.load(open(sys.argv[1]))
alerts, bad = [], []
for n, line in enumerate(open(sys.argv[2]), 1):
    try: alerts.append(json.loads(line))
    except ValueError as e: bad.append("line %d: %s" % (n, e))
n = int(os.environ["TAP_START"])
def tap(ok, msg):
    global n, failed
    n += 1
    if ok: print("ok %d - %s" % (n, msg))
    else:
        print("not ok %d - %s" % (n, msg)); failed += 1
failed = 0

required = ["@timestamp", "event.kind", "event.category", "event.dataset", "rule.id", "rule.name", "source.ip",
            "network.transport", "threat.framework", "threat.technique.id", "seawall.severity", "seawall.zone",
            "seawall.asset", "seawall.evidence.pcap", "seawall.evidence.frames", "message"]
missing = []
for a in alerts:
    for f in required:
        if get(a, f) is None: missing.append("%s lacks %s" % (get(a, "rule.id"), f))
    if get(a, "event.kind") != "alert" or get(a, "event.dataset") != "seawall.net": missing.append("event fields")
    if get(a, "seawall.severity") not in ("low", "medium", "high", "critical"): missing.append("severity")
    if not isinstance(get(a, "threat.technique.id"), list): missing.append("technique list")
    if get(a, "threat.framework") not in ("MITRE ATT&CK for ICS", "MITRE ATT&CK"): missing.append("framework")
    if not get(a, "seawall.evidence.frames"): missing.append("no frames")
tap(not bad, "every alert line is JSON (%d lines)" % len(alerts))
for b in bad[:5]: print("# " + b)
tap(not missing, "every alert has the ECS fields of the output contract")
for m in sorted(set(missing))[:10]: print("# " + m)
summ = json.load(open(sys.argv[3]))
tap(get(summ, "alerts.total") == len(alerts), "--json summary counts the alerts (%s)" % get(summ, "alerts.total"))

def involves(a, sc):
    ips = {h["ip"] for h in sc["hosts"]}
    return get(a, "source.ip") in ips or get(a, "destination.ip") in ips
def inside(a, sc):
    t = ts(a["@timestamp"])
    return ts(sc["start"]) <= t <= ts(sc["end"])

ids = {sc["id"] for sc in truth["scenarios"]}
want_ids = {"camera-chain", "s7-stop-download", "vendor-plc-write", "corp-tos-db", "ot-beacon", "rogue-device"}
tap(want_ids <= ids and not truth["skipped"],
    "ground truth has the six scenarios, none skipped (%s; skipped %s)" % (",".join(sorted(ids)), truth["skipped"]))
for sc in truth["scenarios"]:
    hit = [a for a in alerts if inside(a, sc) and involves(a, sc)]
    tap(bool(sc.get("expected")), "scenario %s lists its expected alerts" % sc["id"])
    for ex in sc.get("expected", []):
        mine = [a for a in hit if get(a, "rule.id") == ex["rule"]]
        got = set()
        for a in mine: got.update(get(a, "threat.technique.id") or [])
        ok = bool(mine) and set(ex["techniques"]) <= got
        tap(ok, "scenario %s, %s: %s raised %d time(s), techniques %s (want %s)" %
            (sc["id"], ex["step"], ex["rule"], len(mine), ",".join(sorted(got)) or "none", ",".join(ex["techniques"]) or "none"))
    got = set()
    for a in hit: got.update(get(a, "threat.technique.id") or [])
    tap(set(sc["techniques"]) <= got, "scenario %s: all its techniques %s seen" % (sc["id"], ",".join(sc["techniques"])))

fp = [a for a in alerts if not any(inside(a, sc) and involves(a, sc) for sc in truth["scenarios"])]
tap(not fp, "benign traffic raises no alert (%d false positive(s))" % len(fp))
for a in fp[:20]: print("# FP %s %s %s" % (a["@timestamp"], get(a, "rule.id"), a.get("message")))
open(os.environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "ground-truth comparison ran"

# 20 minutes, so that the power SCADA has switched the ferry-berth breaker
# (DNP3 SELECT/OPERATE to rly-sp-fer-01, whose may_write it is in) at least once.
check "sim without scenarios (seed 7, 20m)" quiet "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 20m --start $START --no-scenarios --out "$N"
"$SEAWALL" sense --model "$MODEL" --pcap "$N/traffic.pcap" --eve "$TMP/benign.jsonl" --no-progress --json >"$TMP/benign.json"
nb=$(wc -l <"$TMP/benign.jsonl")
if [ "$nb" -eq 0 ]; then ok "no scenarios: zero alerts"; else not_ok "no scenarios: zero alerts ($nb)"; head -5 "$TMP/benign.jsonl" | diagnose; fi
nc=$(python3 -c 'import json,sys; print(((json.load(open(sys.argv[1])).get("ics") or {}).get("dnp3") or {}).get("controls", 0))' "$TMP/benign.json" 2>/dev/null)
if [ "${nc:-0}" -ge 2 ]; then ok "no scenarios: the may_write master's DNP3 SELECT/OPERATE ($nc controls) raised nothing"
else not_ok "no scenarios: expected DNP3 SELECT/OPERATE from the power SCADA, saw ${nc:-none}"; fi

# Time-bound scenarios follow the port's clock: on a Monday morning in Lisbon the
# vendor is inside its window and it is not night, so both are skipped, with a reason.
"$SEAWALL" sim --model "$MODEL" --duration 2m --start 2026-01-05T10:00:00Z \
  --scenarios vendor-plc-write,s7-stop-download --out "$TMP/day" >/dev/null 2>&1
if python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); s={x["id"]: x["reason"] for x in t["skipped"]}
assert not t["scenarios"] and "access window" in s["vendor-plc-write"] and "night" in s["s7-stop-download"]' "$TMP/day/ground-truth.json"
then ok "Monday 10:00 local: vendor-plc-write and s7-stop-download skipped (inside the window, not night)"
else not_ok "Monday 10:00 local: vendor-plc-write and s7-stop-download skipped (inside the window, not night)"; fi
msg=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    a=json.loads(l)
    if a["rule"]["id"]=="SW-ICS-CPU-STOP": print(a["seawall"]["severity"], a["message"])' "$TMP/alerts.jsonl")
case "$msg" in critical*"outside engineering hours (Sun 0"*) ok "night CPU stop: severity raised, local time named" ;;
  *) not_ok "night CPU stop: severity raised, local time named"; echo "$msg" | diagnose ;; esac

expect_exit 2 "--eve without --model is a usage error" "$SEAWALL" sense --pcap "$N/traffic.pcap" --eve "$TMP/x.jsonl"
done_testing
