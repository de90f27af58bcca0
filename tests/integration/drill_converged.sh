#!/usr/bin/env bash
# drill_converged.sh - each converged scenario played as a drill: the
# access-control, video and AIS parts go through the same detectors as
# `seawall sense --access/--vms/--ais`, so every rule the simulator's
# ground truth expects is an alert inject (none left "not raised"), at the
# time the sensors give on the feeds `seawall sim` writes for the scenario.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
export SEAWALL_DATA="$SEAWALL_SRC/data"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
export SEAWALL_DB="$TMP/d.db"
"$SEAWALL" init "$MODEL" >/dev/null 2>&1
printf '+0:05 detect %s\n' sts-t1-01-plc >"$TMP/a.txt"

for S in converged-cctv-chain converged-door-rogue converged-dismissed-vpn converged-ais-vts-intrusion; do
  "$SEAWALL" drill run "$S" --answers "$TMP/a.txt" --json >"$TMP/$S.json" 2>"$TMP/$S.tx"
  check "$S: the drill runs and is stored" test $? = 0
  check "$S: the header says every expected rule was raised" grep -q "^The sensors raised \([0-9]*\) of the \1 rules" "$TMP/$S.tx"
  # The oracle: the simulator's own feeds for the scenario, read by the sensors as a port runs them.
  D="$TMP/sim-$S"
  "$SEAWALL" sim --model "$MODEL" --scenarios "$S" --out "$D" >/dev/null 2>&1
  : >"$D/eve.jsonl"
  "$SEAWALL" sense --model "$MODEL" --pcap "$D/traffic.pcap" --access "$D/access.csv" --vms "$D/vms.syslog" \
      --eve "$D/net.jsonl" --no-progress >/dev/null 2>&1 && cat "$D/net.jsonl" >>"$D/eve.jsonl"
  if [ -s "$D/ais.nmea" ]; then
    "$SEAWALL" sense --ais "$D/ais.nmea" --model "$MODEL" --eve "$D/ais.jsonl" >/dev/null 2>&1 && cat "$D/ais.jsonl" >>"$D/eve.jsonl"
  fi
  check "$S: every expected rule of the ground truth is an alert inject at the sensors' first alert of it" \
    python3 - "$TMP/$S.json" "$D/ground-truth.json" "$D/eve.jsonl" <<'PY'
import json, sys
from datetime import datetime, timedelta
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
d = json.load(open(sys.argv[1]))["result"]
truth = json.load(open(sys.argv[2]))
scn = [s for s in truth["scenarios"] if s["id"] == d["scenario"]][0]
expected = {e["rule"] for e in scn["expected"]}
assert d["not_raised"] == [] and d["raised_expected"] == d["expected_rules"] == len(scn["expected"]), \
    (d["not_raised"], d["raised_expected"], d["expected_rules"])
inj = {i["text"].split()[1]: ts(i["t"]) for i in d["injects"] if i["text"].startswith("alert ")}
assert expected <= set(inj), ("missing injects", expected - set(inj))
# The sensors' first alert of each expected rule inside the scenario's window (all feeds, ground truth).
lo, hi = ts(scn["start"]) - timedelta(seconds=1), ts(scn["end"]) + timedelta(minutes=10)
first = {}
for l in open(sys.argv[3]):
    a = json.loads(l)
    t = ts(a["@timestamp"])
    if lo <= t <= hi and a["rule"]["id"] in expected:
        first[a["rule"]["id"]] = min(t, first.get(a["rule"]["id"], t))
assert set(first) == expected, ("the oracle itself misses", expected - set(first))
for r in expected:
    assert abs((inj[r] - first[r]).total_seconds()) < 1, (r, inj[r], first[r])
feeds = {"phys": "SW-PHYS-", "ais": "SW-AIS-"}
for f in scn.get("expected_candidate", {}).get("feeds", []):
    if f in feeds: assert any(r.startswith(feeds[f]) for r in inj), (f, sorted(inj))
PY
done

check "the converged drills are listed" python3 -c '
import json, subprocess, sys
l = json.loads(subprocess.check_output([sys.argv[1], "drill", "list", "--json"]))
assert len(l) == 4, l' "$SEAWALL"
done_testing
