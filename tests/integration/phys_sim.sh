#!/usr/bin/env bash
# phys_sim.sh - physical-security feeds end to end: every phys scenario the
# simulator injects is detected with the rule ids ground-truth.json names,
# on the lines it names; a benign working day raises nothing; a feed with
# malformed lines reports their numbers and loses no event after them; the
# same events through the Lenel-like CSV, Genetec-like JSON lines and RFC
# 3164 syslog give the same alerts; a bad profile is a usage error.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
export SEAWALL_DATA="$SEAWALL_SRC/data"
S="$TMP/scn" D="$TMP/day"

check "sim with scenarios (20m)" "$SEAWALL" sim --model "$MODEL" --duration 20m --out "$S"
check "sim writes access.csv and vms.syslog" test -s "$S/access.csv" -a -s "$S/vms.syslog"
check "sense reads pcap and both feeds" "$SEAWALL" sense --model "$MODEL" --pcap "$S/traffic.pcap" --access "$S/access.csv" \
  --vms "$S/vms.syslog" --eve "$S/eve.jsonl" --no-progress --json

# Each phys scenario: its rule ids fire on exactly its lines, and nothing else is a phys alert.
python3 - "$S/ground-truth.json" "$S/eve.jsonl" > "$S/verdict.txt" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
alerts = [json.loads(l) for l in open(sys.argv[2])]
phys = [a for a in alerts if a["event"]["dataset"] == "seawall.phys"]
scn = truth["phys_scenarios"]
if len(scn) != 6: print("FAIL expected 6 phys scenarios, got %d" % len(scn))
used = set()
for s in scn:
    # a scenario's lines per feed: its access-control and its video events
    feeds = [("access.csv", set(s["access"])), ("vms.syslog", set(s["vms"]))]
    def on_lines(a):
        ev = a["seawall"]["evidence"]; got = set(ev["lines"])
        return any(ev["feed"].endswith(f) and got and got <= lines for f, lines in feeds)
    for rule in s["rule_hints"]:
        hit = [i for i, a in enumerate(phys) if a["rule"]["id"] == rule and on_lines(a)]
        if hit: used.update(hit); print("ok %s %s" % (s["id"], rule))
        else: print("FAIL %s %s not detected" % (s["id"], rule))
for i, a in enumerate(phys):
    if i not in used: print("FAIL unexpected %s: %s" % (a["rule"]["id"], a["message"]))
PY
# 5 scenarios with one rule each, and phys-ot-room-alarms with four (held open, tamper, anti-passback, motion).
check "every phys scenario detected with its rules on its lines, and no other phys alert" \
  sh -c "grep -c '^ok ' '$S/verdict.txt' | grep -qx 9 && ! grep -q FAIL '$S/verdict.txt'"
grep FAIL "$S/verdict.txt" | diagnose

# 07:55-08:45 on a Monday (Lisbon is on UTC in winter): the 08:00 shift change at the gates and rooms.
check "benign shift change (Monday 07:55, 50m, no scenarios)" "$SEAWALL" sim --model "$MODEL" --start 2026-11-30T07:55:00Z \
  --duration 50m --no-scenarios --out "$D"
check "benign shift change has badge events at gates and rooms" sh -c "grep -q ',t1-gate,' '$D/access.csv' && grep -q ',data-centre,' '$D/access.csv' && grep -q ',t1-sts04-eroom,' '$D/access.csv'"
"$SEAWALL" sense --model "$MODEL" --access "$D/access.csv" --vms "$D/vms.syslog" --eve "$D/eve.jsonl" --json > "$D/summary.json"
check "benign shift change raises no alert" test ! -s "$D/eve.jsonl"
check "benign shift change: every line decoded" python3 -c "
import json,sys; s=json.load(open('$D/summary.json'))
sys.exit(0 if all(f['malformed']==0 and f['unmapped']==0 for f in s['phys']) else 1)"

# Malformed lines in the middle of a feed: reported by number, skipped, nothing after them lost.
B="$TMP/bad.csv"
{
  head -1 "$S/access.csv"
  echo '2026-01-01T00:00:01Z,granted,"broken,,,,'
  echo 'yesterday,granted,40122,,,rdr-t1-01,'
  printf '%s\n' "$(head -c 9000 /dev/zero | tr '\0' x)"
  tail -n +2 "$S/access.csv"
} > "$B"
"$SEAWALL" sense --model "$MODEL" --access "$B" --eve "$TMP/bad.jsonl" --json > "$TMP/bad.json" 2> "$TMP/bad.err"
check "malformed lines reported with their numbers" sh -c "grep -q '$B:2: skipped' '$TMP/bad.err' && grep -q '$B:3: skipped' '$TMP/bad.err' && grep -q '$B:4: skipped: line longer' '$TMP/bad.err'"
GOOD=$(($(wc -l < "$S/access.csv") - 1))
check "nothing after them is lost ($GOOD events, 3 malformed)" python3 -c "
import json,sys; f=json.load(open('$TMP/bad.json'))['phys'][0]
sys.exit(0 if f['events']==$GOOD and f['malformed']==3 else 1)"
check "same access alerts as the clean feed" sh -c "
  [ \$(grep -c 'seawall.phys' '$TMP/bad.jsonl') -eq \$(grep 'seawall.phys' '$S/eve.jsonl' | grep -c 'access.csv') ]"

# The same events in the other export styles give the same alerts.
python3 - "$S/access.csv" "$S/vms.syslog" "$TMP" <<'PY'
import csv, sys, datetime
rows = list(csv.DictReader(open(sys.argv[1])))
out = sys.argv[3]
names = {"granted": "Access Granted", "forced": "Door Forced Open", "denied": "Access Denied",
         "held-open": "Door Held Open", "tamper": "Reader Tamper Alarm", "anti-passback": "APB - Anti-Passback Violation"}
with open(out + "/lenel.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    f.write("\ufeff")
    w.writerow(["Event Time", "Event Description", "Badge ID", "Cardholder", "Door", "Reader", "Panel"])
    for r in rows:
        t = datetime.datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%SZ")   # the port is on UTC in winter (Lisbon)
        w.writerow([t.strftime("%m/%d/%Y %I:%M:%S %p"), names[r["event"]], r["badge"], "Holder, " + r["person"], r["door"], r["reader"], r["controller"]])
import json
with open(out + "/genetec.jsonl", "w") as f:
    for r in rows:
        ev = {"Timestamp": r["time"], "EventType": {"granted": "AccessGranted", "forced": "DoorForcedOpen", "denied": "AccessRefused",
                                                    "held-open": "DoorOpenTooLong", "tamper": "ReaderTamper",
                                                    "anti-passback": "AntipassbackViolation"}[r["event"]],
              "Credential": {"CardNumber": r["badge"]}, "Source": {"Name": r["reader"]}, "Door": {"Name": r["door"]}, "Extra": [1, {"a": None}]}
        f.write(json.dumps(ev) + "\n")
with open(out + "/bsd.syslog", "w") as f:
    for l in open(sys.argv[2]):
        head, rest = l.split(" XProtect - - - ")
        t = datetime.datetime.strptime(head.split()[1], "%Y-%m-%dT%H:%M:%SZ")
        f.write("<14>%s %2d %s vms-01 XProtect[12]: %s" % (t.strftime("%b"), t.day, t.strftime("%H:%M:%S"), rest))
PY
phys_rules() { grep 'seawall.phys' "$1" | python3 -c "import json,sys; print(sorted(json.loads(l)['rule']['id'] for l in sys.stdin))"; }
"$SEAWALL" sense --model "$MODEL" --access "$S/access.csv" --vms "$S/vms.syslog" --eve "$TMP/ref.jsonl" >/dev/null
"$SEAWALL" sense --model "$MODEL" --access "$TMP/lenel.csv" --access-profile lenel-csv --eve "$TMP/lenel.jsonl" >/dev/null 2>"$TMP/lenel.err"
"$SEAWALL" sense --model "$MODEL" --access "$TMP/genetec.jsonl" --access-profile genetec-jsonl --eve "$TMP/genetec.jsonl.out" >/dev/null
"$SEAWALL" sense --model "$MODEL" --vms "$TMP/bsd.syslog" --eve "$TMP/bsd.jsonl" >/dev/null
REF_ACCESS=$(grep 'access.csv' "$TMP/ref.jsonl" | python3 -c "import json,sys; print(sorted(json.loads(l)['rule']['id'] for l in sys.stdin))")
REF_VMS=$(grep 'vms.syslog' "$TMP/ref.jsonl" | python3 -c "import json,sys; print(sorted(json.loads(l)['rule']['id'] for l in sys.stdin))")
check "Lenel-like CSV (BOM, CRLF, quoted names, 12-hour times) gives the same alerts" test "$(phys_rules "$TMP/lenel.jsonl")" = "$REF_ACCESS"
check "Genetec-like JSON lines give the same alerts" test "$(phys_rules "$TMP/genetec.jsonl.out")" = "$REF_ACCESS"
check "RFC 3164 syslog gives the same alerts" test "$(phys_rules "$TMP/bsd.jsonl")" = "$REF_VMS"

printf '[profile]\nformat = csv\n[fields]\ntime = a\n' > "$TMP/bad.ini"
expect_exit 2 "a profile without kind mapping is a usage error" "$SEAWALL" sense --access "$S/access.csv" --access-profile "$TMP/bad.ini"
check "... naming its line" grep -q "bad.ini:4:" "$TMP/last.err"
expect_exit 3 "an unknown profile name cannot be read" "$SEAWALL" sense --access "$S/access.csv" --access-profile no-such-vendor
expect_exit 3 "a missing feed file cannot be read" "$SEAWALL" sense --model "$MODEL" --access "$TMP/none.csv"

done_testing
