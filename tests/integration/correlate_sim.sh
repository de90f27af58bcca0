#!/usr/bin/env bash
# correlate_sim.sh - correlation against the simulator's ground truth: every
# scenario whose alerts span two or more rules yields exactly one incident
# candidate holding all of that scenario's alerts, and nothing else; a
# scenario with a single alert yields none (one rule is not a story); a
# benign run yields none. Also: `seawall correlate --db` stores what
# `seawall incidents --candidates` lists, a re-run gives the same ids, and a
# malformed line is reported with its line number and skipped.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }

# Five scenarios over 5 h: 50 min apart, more than the 30 min window.
S="$TMP/s"
check "sim with scenarios (seed 11, 5h)" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 5h --out "$S"
check "sense --eve on it" quiet "$SEAWALL" sense --model "$MODEL" --pcap "$S/traffic.pcap" --eve "$TMP/alerts.jsonl" --no-progress
check "correlate --eve --json" quiet sh -c "'$SEAWALL' correlate --eve '$TMP/alerts.jsonl' --model '$MODEL' --json >'$TMP/cand.json'"

export TAP_START=$TAP_N COUNTS="$TMP/py.count"
python3 - "$S/ground-truth.json" "$TMP/alerts.jsonl" "$TMP/cand.json" <<'PY'
import json, sys
from datetime import datetime, timedelta
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
truth = json.load(open(sys.argv[1]))
alerts = [json.loads(l) for l in open(sys.argv[2])]
out = json.load(open(sys.argv[3]))
cands = out["candidates"]
n = int(__import__("os").environ["TAP_START"]); failed = 0
def tap(ok, msg):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, msg))
    if not ok: failed += 1
# An alert belongs to the scenario whose frames it falls among (a minute of
# slack for detectors that wait, e.g. the scan window).
def owner(a):
    t = ts(a["@timestamp"])
    for s in truth["scenarios"]:
        if ts(s["start"]) - timedelta(seconds=1) <= t <= ts(s["end"]) + timedelta(seconds=90): return s["id"]
    return None
by_scn = {}
for a in alerts: by_scn.setdefault(owner(a), []).append(a)
tap(None not in by_scn, "every alert falls in a scenario window (benign traffic raised none)")
expected = 0
for s in truth["scenarios"]:
    got = by_scn.get(s["id"], [])
    rules = sorted({a["rule"]["id"] for a in got})
    mine = [c for c in cands if ts(c["first"]) >= ts(s["start"]) - timedelta(seconds=1)
            and ts(c["last"]) <= ts(s["end"]) + timedelta(seconds=90)]
    if len(rules) >= 2:
        expected += 1
        ok = len(mine) == 1 and sorted(r["id"] for r in mine[0]["rules"]) == rules and mine[0]["alerts"] == len(got)
        tap(ok, "%s: exactly one candidate with all %d alerts (%s)" % (s["id"], len(got), ", ".join(rules)))
        if not ok: print("# got %s" % [(c["id"], [r["id"] for r in c["rules"]], c["alerts"]) for c in mine])
        if mine:
            c = mine[0]
            tap(len(c["explanation"]) == len(got) - 1 and all(e.startswith("linked because ") for e in c["explanation"]),
                "%s: one explanation per linked alert" % s["id"])
            tap(c["tactics"] and c["assets"] and 0 < c["score"] <= 100, "%s: tactics, assets at stake and a score" % s["id"])
    else:
        tap(not mine, "%s: %d rule(s), no candidate" % (s["id"], len(rules)))
tap(len(cands) == expected, "no candidate beyond the scenarios (%d of %d)" % (len(cands), expected))
tap(expected >= 2, "the run has multi-rule scenarios to link (%d)" % expected)
open(__import__("os").environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "ground-truth comparison ran"

# The same through the database: stored, listed, and stable across re-runs.
DB="$TMP/db.sqlite"
check "init a database" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "correlate --db --eve stores candidates" quiet "$SEAWALL" correlate --db "$DB" --eve "$TMP/alerts.jsonl"
"$SEAWALL" incidents --candidates --db "$DB" --json >"$TMP/listed.json"
"$SEAWALL" incidents --candidates --db "$DB" --json >"$TMP/listed2.json"
ids() { python3 -c 'import json,sys; print(" ".join(sorted(c["id"] for c in json.load(open(sys.argv[1])))))' "$1"; }
want=$(python3 -c 'import json,sys; print(" ".join(sorted(c["id"] for c in json.load(open(sys.argv[1]))["candidates"])))' "$TMP/cand.json")
got=$(ids "$TMP/listed.json")
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok "incidents --candidates lists what correlate found"; else not_ok "incidents --candidates lists what correlate found ($got vs $want)"; fi
check "a re-run replaces, with the same ids" quiet "$SEAWALL" correlate --db "$DB" --eve "$TMP/alerts.jsonl"
"$SEAWALL" incidents --candidates --db "$DB" --json >"$TMP/listed3.json"
if [ "$(ids "$TMP/listed3.json")" = "$got" ]; then ok "re-run: same candidates"; else not_ok "re-run: same candidates"; fi
"$SEAWALL" incidents --candidates --db "$DB" >"$TMP/table.txt"
if grep -q "linked because" "$TMP/table.txt" && grep -q "^SCORE" "$TMP/table.txt"; then ok "the table shows scores and why"; else not_ok "the table shows scores and why"; diagnose <"$TMP/table.txt"; fi
expect_exit 2 "incidents without --candidates is a usage error" "$SEAWALL" incidents --db "$DB"
check "the usage error points to 'seawall incident'" grep -q "seawall incident'" "$TMP/last.err"

# A malformed line is reported with its number and skipped; the rest is kept.
{ head -1 "$TMP/alerts.jsonl"; echo '{"broken": '; tail -n +2 "$TMP/alerts.jsonl"; } >"$TMP/bad.jsonl"
"$SEAWALL" correlate --eve "$TMP/bad.jsonl" --model "$MODEL" --json >"$TMP/bad.json" 2>"$TMP/bad.err"
if grep -q "bad.jsonl:2: " "$TMP/bad.err" && cmp -s <(python3 -c 'import json,sys; print(sorted(c["id"] for c in json.load(open(sys.argv[1]))["candidates"]))' "$TMP/bad.json") \
      <(python3 -c 'import json,sys; print(sorted(c["id"] for c in json.load(open(sys.argv[1]))["candidates"]))' "$TMP/cand.json"); then
  ok "malformed line 2 reported and skipped, same candidates"
else not_ok "malformed line 2 reported and skipped, same candidates"; diagnose <"$TMP/bad.err"; fi
expect_exit 3 "a missing --eve file cannot be read" "$SEAWALL" correlate --eve "$TMP/missing.jsonl" --model "$MODEL"
expect_exit 2 "a bad --window is a usage error" "$SEAWALL" correlate --eve "$TMP/alerts.jsonl" --window soon

# A benign run: six hours without scenarios (a full day takes minutes on a shared 2-core machine).
N="$TMP/n"
check "sim without scenarios (seed 5, 6h)" quiet "$SEAWALL" sim --model "$MODEL" --seed 5 --duration 6h --no-scenarios --out "$N"
check "sense --eve on it" quiet "$SEAWALL" sense --model "$MODEL" --pcap "$N/traffic.pcap" --eve "$TMP/benign.jsonl" --no-progress
"$SEAWALL" correlate --eve "$TMP/benign.jsonl" --model "$MODEL" --json >"$TMP/benign.json" 2>/dev/null
nc=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["candidates"]))' "$TMP/benign.json")
if [ "$nc" = 0 ]; then ok "benign 6 h: no candidate"; else not_ok "benign 6 h: no candidate ($nc)"; fi
done_testing
