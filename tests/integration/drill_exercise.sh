#!/usr/bin/env bash
# drill_exercise.sh - `seawall drill run --kind exercise`: a team that tests
# the whole plan (detected, every decision by its role, every duty due sent,
# the PFSO taking part) is recorded as the yearly exercise and the
# drills-held compliance check counts it as one (ISPS B/18.6, 33 CFR
# 101.635(c)); one that falls short is kept as a drill, with its gaps, exit 1.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
export SEAWALL_DATA="$SEAWALL_SRC/data"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
export SEAWALL_DB="$TMP/d.db"
sw() { "$SEAWALL" "$@"; }
sw init "$MODEL" >/dev/null 2>&1

cat >"$TMP/full.txt" <<'T'
+0:03 detect SW-ICS-CPU-STOP
+0:06 decide stop-crane by ops-mgr-t1
+0:08 decide cut-it-ot-conduit by cso
+0:10 decide manual-crane-ops by ops-mgr-t2
+0:12 notify uscg-nrc by pfso
+0:12 decide notify-nrc by pfso
+0:15 notify uscg-cotp by pfso
+0:15 notify isps-designated-authority by pfso-deputy
+0:40 decide reload-plc by ot-lead
+2:00:00 notify nis2-early-warning by cso
T
sw drill run s7-stop-download --kind exercise --answers "$TMP/full.txt" --json >"$TMP/full.json" 2>"$TMP/full.err"
check "whole plan tested: exit 0" test $? = 0
check "whole plan tested: recorded as an exercise with no gaps" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))["result"]
assert d["kind"] == "exercise" and d["exercise_gaps"] == [], (d["kind"], d["exercise_gaps"])' "$TMP/full.json"

# No PFSO, a decision by the wrong role, a duty never sent.
cat >"$TMP/short.txt" <<'T'
+0:03 detect sts-t1-01-plc
+0:06 decide stop-crane by cso
+0:08 decide cut-it-ot-conduit by cso
+0:10 decide manual-crane-ops by ops-mgr-t2
+0:40 decide reload-plc by ot-lead
T
sw drill run s7-stop-download --kind exercise --answers "$TMP/short.txt" --json >"$TMP/short.json" 2>"$TMP/short.err"
check "fell short: exit 1" test $? = 1
check "fell short: kept as a drill, the gaps named" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))["result"]
g = d["exercise_gaps"]
assert d["kind"] == "drill", d["kind"]
assert any(x.startswith("decision stop-crane was not taken by its role (terminal-ops-manager)") for x in g), g
assert any(x.startswith("decision notify-nrc") for x in g), g
assert "reporting duty uscg-nrc was not sent" in g and "nobody holding the pfso role decided or notified" in g, g' "$TMP/short.json"
check "fell short: the gaps are on stderr" grep -q "not an exercise, recorded as a drill" "$TMP/short.err"
sw drill run s7-stop-download --answers "$TMP/full.txt" --json >"$TMP/plain.json" 2>/dev/null
check "without --kind: a drill, even with the whole plan tested" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))["result"]
assert d["kind"] == "drill" and "exercise_gaps" not in d, d["kind"]' "$TMP/plain.json"
expect_exit 2 "--kind takes drill or exercise" sw drill run s7-stop-download --kind tabletop --answers "$TMP/full.txt"

sw drill list --json >"$TMP/list.json"
check "drill list: kinds" python3 -c '
import json, sys; l = json.load(open(sys.argv[1]))
assert [(d["id"], d["kind"]) for d in l] == [(3, "drill"), (2, "drill"), (1, "exercise")], l' "$TMP/list.json"
check "drill show: an exercise says so" sh -c "'$SEAWALL' drill show 1 | grep -q '^Exercise 1 held'"

sw compliance assess isps-pf --model "$MODEL" --json >"$TMP/isps.json" 2>/dev/null
check "compliance: the stored exercise counts toward the yearly exercise, the drills toward the drills" python3 - "$TMP/isps.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["requirements"] if x["id"] == "B/18.5"][0]["live"]
assert r["data"]["exercises_365d"] >= 1 and r["data"]["days_since_exercise"] == 0, r["data"]
assert "2 drills and 1 exercise run in seawall drill" in r["reason"], r["reason"]
assert any(i.endswith("exercise: seawall drill 1, scenario s7-stop-download on playbook crane-plc-compromise, score 10.0 of 10, 0 missed")
           for i in r["items"]), r["items"]
assert sum(" drill: seawall drill " in i for i in r["items"]) == 2, r["items"]
PY
sw compliance assess uscg-101f --model "$MODEL" --json >"$TMP/uscg.json" 2>/dev/null
check "compliance: 33 CFR 101.635(b) sees the same exercise" python3 - "$TMP/uscg.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["requirements"] if x["id"] == "101.635(b)"][0]["live"]
assert r["data"]["exercises_365d"] >= 1, r["data"]
PY
done_testing
