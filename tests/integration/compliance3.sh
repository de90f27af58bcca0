#!/usr/bin/env bash
# compliance3.sh - the live checks that read more than traffic, on the
# sample port. KEV age: with the real KEV sample imported, CISA CPG 2.0 2.B is
# not met and its evidence names CVE-2016-8562, its KEV due date and the
# days past it (computed here from the catalog file); before the due date
# it is partial. MFA on remote OT access: the parties flagged are exactly
# those of third-parties.yaml with `mfa: none` or no mfa whose model vendor
# has a remote-access entry point, each with its attack path; with MFA
# recorded for all it is met. Phishing awareness: the latest simulation of
# each audience against the target of policies.yaml, rates recomputed from
# phishing.csv. Malformed people files are refused by line and the check
# they feed says unassessed instead of judging half a file.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
AURORA=$SEAWALL_SRC/examples/aurora
DB=$TMP/db
AT=2026-11-28T00:00:00Z
export SEAWALL_DATA=$SEAWALL_SRC/data
quiet() { "$@" >/dev/null 2>&1; }
# req FRAMEWORK ID [ARGS...]: one requirement's evaluation as JSON, in $TMP/req.json
req() {
  local fw=$1 id=$2; shift 2
  "$SEAWALL" compliance assess "$fw" --db "$DB" --at "$AT" --json "$@" 2>/dev/null |
    python3 -c "import json,sys; print(json.dumps({x['id']: x for x in json.load(sys.stdin)['requirements']}[sys.argv[1]]))" "$id" >"$TMP/req.json"
}

check "init the Aurora model" quiet "$SEAWALL" init --db "$DB" "$MODEL"

# --- KEV age
req cisa-cpg2 2.B
check "without vulnerability data the KEV check is unassessed" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); sys.exit(0 if r['live']['status']=='unassessed' and 'import both' in r['live']['reason'] else 1)"
check "import the CVE, NVD, CSAF and KEV samples" quiet "$SEAWALL" vulns import --db "$DB" "$SEAWALL_SRC"/tests/data/vulns/*.json
req cisa-cpg2 2.B
check "CPG 2.0 2.B is not met: CVE-2016-8562 on sts-t1-01-plc, days past the KEV due date as the catalog gives it" \
  python3 - "$TMP/req.json" "$SEAWALL_SRC/tests/data/vulns/kev-excerpt.json" "$AT" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
kev = {v["cveID"]: v for v in json.load(open(sys.argv[2]))["vulnerabilities"]}["CVE-2016-8562"]
at = datetime.date.fromisoformat(sys.argv[3][:10])
due = datetime.date.fromisoformat(kev["dueDate"]); added = datetime.date.fromisoformat(kev["dateAdded"])
assert r["status"] == "not-met" and r["basis"] == "live" and r["live"]["check"] == "kev-age", r
d = r["live"]["data"]
assert d["kev_open"] >= 1 and d["past_due"] >= 1 and d["oldest_days"] == (at - added).days, d
item = [i for i in r["live"]["items"] if i.startswith("CVE-2016-8562 on sts-t1-01-plc ")]
assert item, r["live"]["items"]
want = "in KEV for %d days, due %s, open %d days past its KEV due date" % ((at - added).days, kev["dueDate"], (at - due).days)
assert want in item[0], (want, item[0])
PY
cp "$TMP/req.json" "$TMP/cpg2-2b.json"
req cisa-cpg 1.E
check "the superseded CPG 1.0.1 1.E, named, is judged by the same check with the same verdict" python3 -c "
import json,sys; a=json.load(open('$TMP/cpg2-2b.json')); b=json.load(open('$TMP/req.json'))
sys.exit(0 if a['status']==b['status'] and a['live']==b['live'] else 1)"
AT_EARLY=2022-03-10T00:00:00Z
"$SEAWALL" compliance assess cisa-cpg2 --db "$DB" --at "$AT_EARLY" --json 2>/dev/null >"$TMP/early.json"
check "before its due date the same finding is only partial" python3 -c "
import json,sys; r={x['id']: x for x in json.load(open('$TMP/early.json'))['requirements']}['2.B']
sys.exit(0 if r['status']=='partial' and r['live']['data']['past_due']==0 and 'past its KEV due date' not in ' '.join(r['live']['items']) else 1)"

# --- MFA on remote access into OT
req uscg-101f "101.650(a)(4)"
check "101.650(a)(4) is not met from the register and the attack paths" python3 - "$TMP/req.json" "$AURORA/third-parties.yaml" "$MODEL" <<'PY'
import json, sys, yaml
r = json.load(open(sys.argv[1]))
reg = {p["id"]: p for p in yaml.safe_load(open(sys.argv[2]))["third_parties"]}
model = yaml.safe_load(open(sys.argv[3]))
kinds = {e["id"]: e["kind"] for e in model["entry_points"]}
remote = [v["id"] for v in model["vendors"] if kinds.get(v.get("remote_access")) == "remote-access"]
want = sorted(v for v in remote if reg.get(v, {}).get("mfa", "unrecorded") in ("none", "unrecorded"))
assert r["status"] == "not-met" and r["live"]["check"] == "remote-access-mfa", r
got = sorted(i.split(" ")[0] for i in r["live"]["items"])
assert got == want, (got, want)
d = r["live"]["data"]
assert d["without_mfa"] == sum(1 for v in want if reg.get(v, {}).get("mfa") == "none")
assert d["not_recorded"] == sum(1 for v in want if "mfa" not in reg.get(v, {}))
lh = [i for i in r["live"]["items"] if i.startswith("liebherr via vendor-vpn: no MFA; path vendor-vpn > ")]
assert lh, r["live"]["items"]
PY
mkdir -p "$TMP/mfa"; cp "$AURORA"/*.yaml "$AURORA"/*.csv "$TMP/mfa/"
python3 - "$TMP/mfa/third-parties.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for p in d["third_parties"]: p["mfa"] = "phishing-resistant"
yaml.safe_dump(d, open(sys.argv[1], "w"))
PY
req uscg-101f "101.650(a)(4)" --data "$TMP/mfa"
check "... and met once every party's MFA is recorded" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); sys.exit(0 if r['status']=='met' and r['live']['data']['with_mfa']==r['live']['data']['into_ot']>0 else 1)"
"$SEAWALL" thirdparty liebherr --model "$MODEL" --json >"$TMP/lh.json"
check "seawall thirdparty shows the MFA the register records" python3 -c "
import json,sys; [p]=json.load(open('$TMP/lh.json')); sys.exit(0 if p['mfa']=='none' else 1)"
sed -i 's/mfa: phishing-resistant/mfa: sometimes/' "$TMP/mfa/third-parties.yaml"
expect_exit 1 "an unknown mfa value is refused by line" "$SEAWALL" thirdparty --model "$MODEL" --data "$TMP/mfa"
check "... naming it" grep -q "third-parties.yaml:[0-9]*:[0-9]*: error: unknown mfa 'sometimes'" "$TMP/last.err"
req uscg-101f "101.650(a)(4)" --data "$TMP/mfa"
check "... and the MFA check says unassessed rather than judging half a register" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); sys.exit(0 if r['live']['status']=='unassessed' and 'third-parties.yaml' in r['live']['reason'] else 1)"

# --- phishing awareness
req nis2 "21(2)(g)"
check "NIS2 21(2)(g) is not met: each audience's latest simulation above the 10% target, rates as phishing.csv gives them" \
  python3 - "$TMP/req.json" "$AURORA/phishing.csv" <<'PY'
import csv, json, sys
r = json.load(open(sys.argv[1]))
rows = [x for x in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith("#")) if x["kind"] == "phishing-sim"]
latest = {}
for x in rows:
    if x["date"] <= "2026-11-28" and x["date"] > "2025-11-28" and (x["audience"] not in latest or x["date"] >= latest[x["audience"]]["date"]):
        latest[x["audience"]] = x
over = {a: x for a, x in latest.items() if 100 * int(x["clicked"]) / int(x["sent"]) > 10}
assert r["status"] == "not-met" and r["live"]["check"] == "phishing-awareness", r
d = r["live"]["data"]
assert d["audiences"] == len(latest) and d["over_target"] == len(over) and d["target_percent"] == 10, d
for a, x in over.items():
    rate = "%.1f%% clicked" % (100 * int(x["clicked"]) / int(x["sent"]))
    assert any(i.startswith(x["campaign"] + " " + a) and rate in i for i in r["live"]["items"]), (x, r["live"]["items"])
PY
mkdir -p "$TMP/aw"; cp "$AURORA"/*.yaml "$AURORA"/*.csv "$TMP/aw/"
sed -i 's/click_rate_max: 10/click_rate_max: 25/' "$TMP/aw/policies.yaml"
req nis2 "21(2)(g)" --data "$TMP/aw"
check "with a 25% target it is met" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); sys.exit(0 if r['status']=='met' and r['live']['data']['target_percent']==25 else 1)"
sed -i 's/click_rate_max: 25/click_rate_max: 12/; ' "$TMP/aw/policies.yaml"
grep -v '^PH-2026-3-OT,' "$AURORA/phishing.csv" >"$TMP/aw/phishing.csv"
echo 'PH-2026-4,2026-11-12,phishing-sim,all staff,420,52,140,9,"Berth schedule change"' >>"$TMP/aw/phishing.csv"
req nis2 "21(2)(g)" --data "$TMP/aw"
check "above a 12% target but falling from the one before: partial" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); i=r['live']['items']
sys.exit(0 if r['status']=='partial' and len(i)==1 and i[0].startswith('PH-2026-4 all staff') and '12.4% clicked' in i[0] and 'against PH-2026-3 (13.8%)' in i[0] else 1)"

# --- malformed people files: refused by line, no verdict from half a file
mkdir -p "$TMP/bad"; cp "$AURORA"/*.yaml "$AURORA"/*.csv "$TMP/bad/"
sed -i 's/^PH-2026-2,2026-06-16,phishing-sim,all staff,418,44,131,11,/PH-2026-2,2026-06-16,phishing-sim,all staff,418,440,131,11,/' "$TMP/bad/phishing.csv"
line=$(grep -n '^PH-2026-2,' "$TMP/bad/phishing.csv" | cut -d: -f1)
expect_exit 1 "a phishing.csv with more clicks than mails sent is refused" "$SEAWALL" training --model "$MODEL" --data "$TMP/bad" --at 2026-11-28
check "... at its line ($line)" grep -q "phishing.csv:$line:.*cannot exceed sent" "$TMP/last.err"
req nis2 "21(2)(g)" --data "$TMP/bad"
check "... and the awareness check is unassessed, naming the file" python3 -c "
import json,sys; r=json.load(open('$TMP/req.json')); sys.exit(0 if r['live']['status']=='unassessed' and 'phishing.csv' in r['live']['reason'] else 1)"
cp "$AURORA/phishing.csv" "$TMP/bad/phishing.csv"
printf '2026-13-01,drill,Bad date,SOC,\n' >>"$TMP/bad/drills.csv"
line=$(wc -l <"$TMP/bad/drills.csv")
expect_exit 1 "a drills.csv with a bad date is refused" "$SEAWALL" training --model "$MODEL" --data "$TMP/bad" --at 2026-11-28
check "... at its line ($line)" grep -q "drills.csv:$line:.*date" "$TMP/last.err"
cp "$AURORA/drills.csv" "$TMP/bad/drills.csv"
sed -i 's/click_rate_max: 10/click_rate_max: 110/' "$TMP/bad/policies.yaml"
line=$(grep -n 'click_rate_max' "$TMP/bad/policies.yaml" | cut -d: -f1)
expect_exit 1 "a policies.yaml with a click-rate target over 100% is refused" "$SEAWALL" training --model "$MODEL" --data "$TMP/bad" --at 2026-11-28
check "... at its line ($line)" grep -q "policies.yaml:$line:[0-9]*: error: 'click_rate_max' must be a whole number 0..100" "$TMP/last.err"
done_testing
