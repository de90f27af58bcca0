#!/usr/bin/env bash
# ir_e2e.sh - incident response end to end on the sample port: the
# simulator's s7-stop-download scenario -> sense -> correlate -> the
# candidate -> an incident opened from it (detected = the candidate's first
# alert) -> NIS2 and USCG clocks checked against deadlines computed here
# from that time -> a decision refused for the wrong role, then taken ->
# notification drafts carrying the incident's facts -> close (refused while
# open, then closed) -> the post-incident report with timeline and clock
# outcomes, stored as evidence -> a tampered timeline caught by verify.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null || ! command -v sqlite3 >/dev/null; then ok "# SKIP python3 or sqlite3 missing"; done_testing; exit $?; fi
export SEAWALL_DATA="$SEAWALL_SRC/data"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
DB="$TMP/ir.db"
export SEAWALL_DB="$DB"
sw() { "$SEAWALL" "$@"; }
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }

check "sim s7-stop-download" quiet sw sim --model "$MODEL" --scenarios s7-stop-download --out "$TMP/s"
check "sense --eve" quiet sw sense --model "$MODEL" --pcap "$TMP/s/traffic.pcap" --eve "$TMP/alerts.jsonl" --no-progress
check "init" quiet sw init "$MODEL"
check "correlate --db stores candidates" quiet sw correlate --db "$DB" --eve "$TMP/alerts.jsonl"
sw incidents --candidates --json >"$TMP/cand.json"
cand=$(python3 - "$TMP/cand.json" "$TMP/s/ground-truth.json" <<'PY'
import json, sys
cands = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
hosts = {h["asset"] for s in truth["scenarios"] for h in s["hosts"] if h["asset"]}
for c in cands:
    if hosts <= {a["id"] for a in c["assets"]}: print(c["id"], c["first"]); break
PY
)
read -r cid cfirst <<<"$cand"
check "a candidate holds the scenario's hosts (ground truth)" test -n "$cid"

out=$(sw incident open --from-candidate "$cid" --by duty-mgr-1)
check "incident opened from the candidate on the crane playbook" grep -q "opened incident 1 .*crane-plc-compromise" <<<"$out"
sw incident list --json >"$TMP/list.json"
check "the incident keeps the candidate and its first alert time as detection" python3 - "$TMP/list.json" "$cid" "$cfirst" <<'PY'
import json, sys
from datetime import datetime
i = json.load(open(sys.argv[1]))[0]
f = datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00")).replace(microsecond=0)
d = datetime.fromisoformat(i["detected"].replace("Z", "+00:00"))
assert i["candidate"] == sys.argv[2] and d == f, (i, f)
PY
det=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["detected"])' "$TMP/list.json")

# Deadlines computed independently: NIS2 Art. 23(4) +24 h, +72 h, final report one calendar month after the notification.
sw incident clocks 1 --now "$det" --json >"$TMP/clocks.json"
check "NIS2 24 h / 72 h / 1 month and USCG without delay, from detection" python3 - "$TMP/clocks.json" "$det" <<'PY'
import json, sys, calendar
from datetime import datetime, timedelta
c = {x["duty"]: x for x in json.load(open(sys.argv[1]))}
d = datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00"))
def z(t): return t.strftime("%Y-%m-%dT%H:%M:%SZ")
def add_month(t):
    y, m = (t.year + (t.month == 12), t.month % 12 + 1)
    return t.replace(year=y, month=m, day=min(t.day, calendar.monthrange(y, m)[1]))
assert c["nis2-early-warning"]["deadline"] == z(d + timedelta(hours=24)), c["nis2-early-warning"]
assert c["nis2-notification"]["deadline"] == z(d + timedelta(hours=72)), c["nis2-notification"]
assert c["nis2-final-report"]["deadline"] == z(add_month(d + timedelta(hours=72))), c["nis2-final-report"]
assert c["uscg-nrc"]["deadline"] == z(d) and c["uscg-nrc"]["status"] == "due-now"
assert "isps-designated-authority" in c
PY
# One second past the minute: detection keeps the first alert's microseconds, listings show whole seconds.
at() { python3 -c 'import sys; from datetime import datetime, timedelta; d = datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")); print((d + timedelta(minutes=int(sys.argv[2]), seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))' "$det" "$1"; }

expect_exit 1 "stopping the crane by the SOC analyst is refused (role terminal-ops-manager)" \
    sw incident decide 1 --action stop-crane --by soc-analyst-1 --why "PLC in STOP" --at "$(at 5)"
expect_exit 0 "the terminal operations manager stops the crane" sw incident decide 1 --action stop-crane --by ops-mgr-t1 --why "PLC in STOP" --at "$(at 6)"
expect_exit 0 "state analysing" sw incident state 1 analysing --by soc-lead --at "$(at 8)"
expect_exit 0 "state containing" sw incident state 1 containing --by cso --at "$(at 12)"
expect_exit 0 "log entry" sw incident log 1 "EWS ews-02 isolated" --by soc-lead --at "$(at 14)"
expect_exit 0 "CSO cuts the IT/OT conduit" sw incident decide 1 --action cut-it-ot-conduit --by cso --why "stop spread" --at "$(at 15)"
draft=$(sw incident clocks 1 --draft nrc --now "$(at 20)")
check "NRC draft names the affected PLC" grep -q "sts-t1-01-plc" <<<"$draft"
check "NRC draft carries the decision and who took it" grep -q "Stop the affected crane and make it safe (decided by ops-mgr-t1" <<<"$draft"
check "NRC draft cites the USCG duty" grep -q "uscg-nrc (33 CFR 101.305" <<<"$draft"
sw incident comms 1 "NRC report filed" --by pfso --to nrc --duty uscg-nrc --at "$(at 25)" >/dev/null
expect_exit 1 "close is refused while decisions are open" sw incident close 1 --summary "x" --by cso --at "$(at 60)"
sw incident close 1 --summary "x" --by cso --at "$(at 60)" 2>"$TMP/refuse.err"
check "the refusal names an open decision" grep -q "open critical decision: manual-crane-ops" "$TMP/refuse.err"
expect_exit 2 "--force without --reason is a usage error" sw incident close 1 --summary x --by cso --force
expect_exit 0 "recovering" sw incident state 1 recovering --by cso --at "$(at 300)"
# Two days on: the NIS2 early warning is overdue and never sent.
expect_exit 1 "close is refused with an overdue clock" sw incident close 1 --summary x --by cso --at "$(at 2880)"
expect_exit 0 "close --force --reason" sw incident close 1 --summary "PLC reloaded from signed program" --by cso --at "$(at 2880)" \
    --force --reason "exercise of the close path" --lessons "may_write was stale" --actions "review may_write; EWS allow-list"
sw incident report 1 -o "$TMP/r.md" >/dev/null
sw incident report 1 -o "$TMP/r.html" >/dev/null
check "report: timeline verified" grep -q "^Verified: 1[0-9] entries on an intact SHA-256 hash chain" "$TMP/r.md"
check "report: NRC met 25 min after awareness" grep -q "| uscg-nrc | nrc | .* | met 0h 25m after awareness" "$TMP/r.md"
check "report: NIS2 early warning missed and how late" grep -q "| nis2-early-warning | .*MISSED: not sent, 1d 0h 00m overdue" "$TMP/r.md"
check "report: containment 12 min after detection" grep -q "| containing | .* | 0h 12m | cso |" "$TMP/r.md"
check "report: decision with authority" grep -q "| ops-mgr-t1 (Rita Almeida) | terminal-ops-manager |" "$TMP/r.md"
check "report: lessons and actions" grep -q "| 2 | EWS allow-list |" "$TMP/r.md"
check "report: forced close recorded" grep -q "overriding the checks: exercise of the close path" "$TMP/r.md"
check "report: business impact from the roll-up" grep -q "TEU lost" "$TMP/r.md"
check "report HTML is escaped HTML" grep -q "<h2>Regulatory clocks</h2>" "$TMP/r.html"
ev=$(sqlite3 "$DB" "SELECT sha256 FROM incident_evidence WHERE incident=1 AND name='post-incident-report-1.md'")
check "close stored the report as evidence under its hash" test -n "$ev" -a -f "$TMP/evidence/$ev"
check "the stored report has the timeline" grep -q "## Timeline" "$TMP/evidence/$ev"
expect_exit 0 "verify: intact" sw incident verify 1
sqlite3 "$DB" "DROP TRIGGER incident_timeline_no_update; UPDATE incident_timeline SET actor='soc-analyst-1' WHERE incident=1 AND seq=3"
out=$(sw incident verify 1); rc=$?
check "tampered timeline fails verify" test "$rc" = 1
check "verify names the tampered entry" grep -q "BROKEN at entry 3" <<<"$out"
sw incident report 1 -o "$TMP/r2.md" >/dev/null 2>&1
check "the report says the chain is broken" grep -q "^BROKEN: the hash chain breaks at entry 3" "$TMP/r2.md"
done_testing
