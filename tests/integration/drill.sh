#!/usr/bin/env bash
# drill.sh - `seawall drill` on the sample port: the s7-stop-download
# scenario played from the simulator, a fast team with the right roles
# scoring every item on time, a slow team with a wrong-role decision
# missing what it should, both stored and listed, a bad answers file
# refused by line, the prompt fed from stdin, and the stored drills
# counted by `seawall compliance assess` as drill evidence.
. "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
export SEAWALL_DATA="$SEAWALL_SRC/data"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
export SEAWALL_DB="$TMP/d.db"
sw() { "$SEAWALL" "$@"; }
sw init "$MODEL" >/dev/null 2>&1

cat >"$TMP/fast.txt" <<'T'
# the clock opens one minute before the first inject
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
+0:20 task done 3
T
sw drill run s7-stop-download --answers "$TMP/fast.txt" --json >"$TMP/fast.json" 2>"$TMP/fast.transcript"
check "fast team: exit 0 and stored" test $? = 0
check "fast team: every scored item on time, NIS2 notification and final report pending" python3 - "$TMP/fast.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["result"]
it = {(i["kind"], i["id"]): i for i in d["items"]}
assert d["playbook"] == "crane-plc-compromise", d["playbook"]
assert d["scored"] == 10 and d["points"] == 10.0 and d["missed"] == 0, (d["scored"], d["points"], d["missed"])
assert it[("detect", "detection")]["took_s"] == 120, it[("detect", "detection")]     # +0:03 vs attack start at +0:01
assert it[("decide", "stop-crane")]["by"] == "ops-mgr-t1" and it[("decide", "stop-crane")]["took_s"] == 180
assert it[("notify", "nis2-early-warning")]["outcome"] == "on-time"
assert it[("notify", "nis2-notification")]["outcome"] == "pending" and it[("notify", "nis2-final-report")]["outcome"] == "pending"
assert d["tasks_done"] == 1
PY

# The injects are the sensor's own alerts at their own times: the same as
# `seawall sim` + `seawall sense --eve` give for the scenario, and the
# attack starts at the scenario's first frame in the ground truth.
sw sim --model "$MODEL" --scenarios s7-stop-download --feeds pcap --out "$TMP/s" >/dev/null 2>&1
sw sense --model "$MODEL" --pcap "$TMP/s/traffic.pcap" --eve "$TMP/eve.jsonl" --no-progress >/dev/null 2>&1
check "injects match seawall sense on the same simulated traffic; attack start is the ground truth's" python3 - "$TMP/fast.json" "$TMP/eve.jsonl" "$TMP/s/ground-truth.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["result"]
truth = json.load(open(sys.argv[3]))["scenarios"][0]
hosts = {h["ip"] for h in truth["hosts"]}
first = {}
for l in open(sys.argv[2]):
    a = json.loads(l)
    if a.get("source", {}).get("ip") in hosts or a.get("destination", {}).get("ip") in hosts:
        first.setdefault(a["rule"]["id"], a["@timestamp"][:19] + "Z")
inj = {i["text"].split()[1]: i["t"] for i in d["injects"] if i["text"].startswith("alert ")}
assert inj == first and set(inj) == {"SW-ICS-CPU-STOP", "SW-ICS-PROGRAM-DOWNLOAD"}, (inj, first)
assert d["attack_start"] == truth["start"][:19] + "Z", (d["attack_start"], truth["start"])
PY

cat >"$TMP/slow.txt" <<'T'
+0:00:30 detect hr-laptop-07
+0:40 detect sts-t1-01-plc
+0:45 decide stop-crane by cso
+0:50 decide cut-it-ot-conduit by cso
+2:30:00 decide manual-crane-ops by ops-mgr-t1
+3:00:00 notify uscg-nrc
T
sw drill run s7-stop-download --answers "$TMP/slow.txt" >"$TMP/slow.txt.out"
check "slow team: exit 0" test $? = 0
check "slow team: late detection, wrong-role decision not counted, late and missed items" python3 - "$SEAWALL" <<'PY'
import json, subprocess, sys
d = json.loads(subprocess.check_output([sys.argv[1], "drill", "show", "2", "--json"]))["result"]
it = {(i["kind"], i["id"]): i for i in d["items"]}
assert it[("detect", "detection")]["outcome"] == "late" and it[("detect", "detection")]["late_s"] == (40 - 16) * 60, it[("detect", "detection")]
assert d["wrong_detects"] == 1
sc = it[("decide", "stop-crane")]
assert sc["outcome"] == "wrong-role" and sc["by"] == "cso" and sc["role"] == "terminal-ops-manager", sc
assert it[("decide", "cut-it-ot-conduit")]["outcome"] == "on-time"
assert it[("decide", "manual-crane-ops")]["outcome"] == "late"
assert it[("notify", "uscg-nrc")]["outcome"] == "late" and it[("notify", "uscg-cotp")]["outcome"] == "missed"
assert it[("decide", "reload-plc")]["outcome"] == "missed"
assert it[("notify", "nis2-early-warning")]["outcome"] == "pending"    # due 24 h after the late detection, after the drill
# detect late 0.5 + cut on time 1 + manual late 0.5 + nrc late 0.5 = 2.5 of 9
assert d["scored"] == 9 and d["points"] == 2.5 and d["missed"] == 5, (d["scored"], d["points"], d["missed"])
PY
check "slow team: the table lists what was missed" grep -q "^Missed: decide stop-crane (wrong-role)" "$TMP/slow.txt.out"

sw drill list --json >"$TMP/list.json"
check "drill list: both drills, newest first" python3 -c '
import json, sys; l = json.load(open(sys.argv[1]))
assert [d["id"] for d in l] == [2, 1] and l[1]["points"] == 10.0 and l[0]["scenario"] == "s7-stop-download", l' "$TMP/list.json"
check "drill show: human" sh -c "'$SEAWALL' drill show 1 | grep -q 'Score 10.0 of 10, 0 missed'"
expect_exit 1 "drill show: no such drill" sw drill show 99
expect_exit 2 "drill run: unknown scenario" sw drill run no-such-scenario --answers "$TMP/fast.txt"

printf '+0:02 detect sts-t1-01-plc\n+0:05 decide reboot-everything by cso\n+0:0x notify uscg-nrc\n+0:06 notify nobody\n' >"$TMP/bad.txt"
sw drill run s7-stop-download --answers "$TMP/bad.txt" >/dev/null 2>"$TMP/bad.err"
check "bad answers file: exit 1" test $? = 1
check "bad answers: unknown decision named by line" grep -q "bad.txt:2: playbook crane-plc-compromise has no decision 'reboot-everything'" "$TMP/bad.err"
check "bad answers: bad time named by line" grep -q "bad.txt:3: '+0:0x' is not an offset" "$TMP/bad.err"
check "bad answers: unknown duty named by line" grep -q "bad.txt:4: no reporting duty 'nobody'" "$TMP/bad.err"
check "bad answers: nothing stored" test "$(sw drill list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 2

printf 'end\n' | sw drill run converged-cctv-chain --speed 1000 >"$TMP/prompt0.out" 2>&1
check "the prompt: a drill nobody answered is not recorded (exit 1)" test $? = 1
check "the prompt: and says so" grep -q "no answers: the drill is not recorded" "$TMP/prompt0.out"
printf 'detect hr-laptop-07\nwhatever\nend\n' | sw drill run converged-cctv-chain --speed 1000 >"$TMP/prompt.out" 2>&1
check "the prompt: a bad line is refused with the grammar" grep -q "not recorded: say: detect WHAT" "$TMP/prompt.out"
check "the prompt: a converged scenario played from stdin and stored" grep -q "^Drill 3 recorded" "$TMP/prompt.out"
check "the prompt: no detection is missed detection" sh -c "'$SEAWALL' drill show 3 | grep -q '^detect  *detection  *missed'"

sw compliance assess isps-pf --model "$MODEL" --json >"$TMP/isps.json" 2>/dev/null
check "compliance: stored drills count as drill evidence (ISPS B/18.5)" python3 - "$TMP/isps.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["requirements"] if x["id"] == "B/18.5"][0]["live"]
assert "3 drills and 0 exercises run in seawall drill" in r["reason"] and r["data"]["drills_92d"] >= 3, r
assert any("seawall drill 1, scenario s7-stop-download on playbook crane-plc-compromise, score 10.0 of 10" in i for i in r["items"]), r["items"]
PY
done_testing
