#!/usr/bin/env bash
# compliance.sh - control catalogues and assessments end to end. On a
# simulator run of the sample port stored by sense: the segmentation
# requirements are not met and cite exactly the SW-SEG-* flows that
# `seawall alerts` holds; inventory coverage numbers equal `seawall assets`
# counts; IEC 62443-3-3 is judged per zone by target SL; manual statuses
# round-trip through CSV and JSON byte for byte; a malformed import names
# its lines and changes nothing; recorded assessments give a history.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/db
export SEAWALL_DATA=$SEAWALL_SRC/data
C() { "$SEAWALL" compliance "$@"; }
quiet() { "$@" >/dev/null 2>&1; }

# --- catalogues
C frameworks --json >"$TMP/fw.json"
check "seven catalogues load" python3 -c "import json,sys; f=json.load(open('$TMP/fw.json')); sys.exit(0 if sorted(x['id'] for x in f)==['cisa-cpg','cisa-cpg2','iec62443-3-3','imo-cyber','isps-pf','nis2','uscg-101f'] else 1)"
check "CPG 1.0.1 is marked superseded by CPG 2.0, and nothing else is" python3 -c "import json,sys; f=json.load(open('$TMP/fw.json')); s={x['id']:x['superseded_by'] for x in f}; sys.exit(0 if s.pop('cisa-cpg')=='cisa-cpg2' and set(s.values())=={None} else 1)"
C show cisa-cpg2 --json >"$TMP/cpg2.json"
check "CPG 2.0 has 34 goals under its six functions: Govern 5, Identify 5, Protect 19, Detect 2, Respond 2, Recover 1" python3 -c "
import json,sys,collections; r=json.load(open('$TMP/cpg2.json'))
goals=[x for x in r if x.get('parent')]
n=collections.Counter(x['parent'] for x in goals)
ids=[x['id'] for x in goals]
want=[f'{f}.{chr(65+i)}' for f,k in ((1,5),(2,5),(3,19),(4,2),(5,2),(6,1)) for i in range(k)]
sys.exit(0 if ids==want and [n[str(f)] for f in range(1,7)]==[5,5,19,2,2,1] and all(x['citation']=='CPG 2.0 '+x['id'] for x in goals) else 1)"
check "every CPG 1.0.1 goal has a CPG 2.0 goal mapping back to it" python3 -c "
import json,sys,subprocess; r=json.load(open('$TMP/cpg2.json'))
old=json.loads(subprocess.run(['$SEAWALL','compliance','show','cisa-cpg','--json'],capture_output=True,text=True).stdout)
back={m.split(':',1)[1] for x in r for m in x.get('mappings',[]) if m.startswith('cisa-cpg:')}
sys.exit(0 if {x['id'] for x in old if x.get('parent')}==back else 1)"
mkdir -p "$TMP/supcat"; cp "$SEAWALL_SRC"/data/frameworks/*.yaml "$TMP/supcat/"
sed -i 's/superseded_by: cisa-cpg2/superseded_by: cisa-cpg3/' "$TMP/supcat/cisa-cpg.yaml"
expect_exit 1 "superseded_by naming no catalogue fails the load" C frameworks --catalog "$TMP/supcat"
check "... at its file:line:col" grep -q "cisa-cpg.yaml:[0-9]*:[0-9]*: error: 'superseded_by' names no loaded framework: cisa-cpg3" "$TMP/last.err"
C show iec62443-3-3 --json >"$TMP/62443.json"
check "62443-3-3 shows 7 FRs and 51 SRs" python3 -c "
import json,sys; r=json.load(open('$TMP/62443.json'))
fr=[x for x in r if x['id'].startswith('FR ')]; sr=[x for x in r if x['id'].startswith('SR ') and ' RE ' not in x['id']]
sys.exit(0 if len(fr)==7 and len(sr)==51 else 1)"
mkdir -p "$TMP/badcat"; cp "$SEAWALL_SRC"/data/frameworks/*.yaml "$TMP/badcat/"
sed -i 's/"cisa-cpg2:3.I"/"cisa-cpg2:3.II"/' "$TMP/badcat/imo-cyber.yaml"
expect_exit 1 "a dangling mapping fails the load" C frameworks --catalog "$TMP/badcat"
check "... at its file:line:col" grep -q 'imo-cyber.yaml:[0-9]*:[0-9]*: error: mapping "cisa-cpg2:3.II"' "$TMP/last.err"

# --- a simulated port, sensed and stored
check "init the Aurora model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "simulate 2 minutes" quiet "$SEAWALL" sim --model "$MODEL" --seed 3 --duration 2m --out "$TMP/s"
check "sense --store" quiet "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress
"$SEAWALL" alerts --db "$DB" --json >"$TMP/alerts.json"
"$SEAWALL" assets --db "$DB" --json >"$TMP/assets.json"
"$SEAWALL" assets --db "$DB" --state shadow --json >"$TMP/shadow.json"

expect_exit 1 "assess uscg-101f finds gaps (exit 1)" C assess uscg-101f --db "$DB" --at latest --json
cp "$TMP/last.out" "$TMP/uscg.json"
check "segmentation 101.650(h) is not-met from live evidence, citing every SW-SEG flow" python3 - "$TMP/uscg.json" "$TMP/alerts.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); alerts = json.load(open(sys.argv[2]))
r = {x["id"]: x for x in a["requirements"]}["101.650(h)"]
assert r["status"] == "not-met" and r["basis"] == "live", r
seg = {(x["rule"]["id"], x["source"]["ip"], x["destination"]["ip"]) for x in alerts if x["rule"]["id"].startswith("SW-SEG-")}
assert seg, "the simulator run should carry conduit violations"
items = r["live"]["items"]
cited = {(i.split()[1], i.split()[2], i.split()[4].rsplit(":", 1)[0]) for i in items}
assert cited == seg, (cited, seg)
assert r["live"]["data"]["alerts"] == sum(1 for x in alerts if x["rule"]["id"].startswith("SW-SEG-"))
PY
"$SEAWALL" comply uscg-101f --db "$DB" --at latest --json >"$TMP/comply.json" 2>/dev/null
check "comply --at latest reports the time it judged (the newest stored hour), as assess does" python3 -c "
import json,sys; sys.exit(0 if json.load(open('$TMP/comply.json'))['as_of']==json.load(open('$TMP/uscg.json'))['as_of'] else 1)"
check "inventory coverage numbers equal seawall assets" python3 - "$TMP/uscg.json" "$TMP/assets.json" "$TMP/shadow.json" <<'PY'
import json, sys, collections
a = json.load(open(sys.argv[1])); assets = json.load(open(sys.argv[2])); shadow = json.load(open(sys.argv[3]))
d = {x["id"]: x for x in a["requirements"]}["101.650(b)(3)"]["live"]["data"]
c = collections.Counter(x["state"] for x in assets)
want = {"declared": len(assets), "matched": c["matched"], "mismatch": c["mismatch"], "never_seen": c["never-seen"], "shadow": len(shadow)}
assert d == want, (d, want)
PY
check "the same checks feed CPG 2.0 3.I, CPG 1.0.1 2.F (named) and NIS2 21(2)(i)" python3 - <<PY
import json, subprocess
def req(fw, rid):
    out = subprocess.run(["$SEAWALL", "compliance", "assess", fw, "--db", "$DB", "--at", "latest", "--json"], capture_output=True, text=True).stdout
    return {x["id"]: x for x in json.loads(out)["requirements"]}[rid]
assert req("cisa-cpg2", "3.I")["status"] == "not-met" and req("cisa-cpg2", "3.I")["live"]["check"] == "segmentation"
assert req("cisa-cpg", "2.F")["status"] == "not-met"
assert req("nis2", "21(2)(i)")["live"]["check"] == "inventory-coverage"
PY
check "without traffic in the window the live checks say unassessed" python3 - <<PY
import json, subprocess
out = subprocess.run(["$SEAWALL", "compliance", "assess", "uscg-101f", "--db", "$DB", "--at", "2030-01-01T00:00:00Z", "--json"], capture_output=True, text=True).stdout
r = {x["id"]: x for x in json.loads(out)["requirements"]}["101.650(h)"]
assert r["status"] == "unassessed" and "no traffic stored" in r["live"]["reason"], r
PY

# --- IEC 62443-3-3 per zone
expect_exit 1 "62443 crane-t1 (SL 3) fails SR 5.1" C assess iec62443-3-3 --zone crane-t1 --db "$DB" --at latest --json
check "... with SL 4-only enhancements not applicable and SL 3 ones applicable" python3 - "$TMP/last.out" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); r = {x["id"]: x for x in a["requirements"]}
assert a["target_sl"] == 3
assert r["SR 5.1"]["status"] == "not-met", r["SR 5.1"]
assert r["SR 5.1 RE 3"]["status"] == "not-applicable" and r["SR 5.1 RE 3"]["basis"] == "sl"
assert r["SR 2.7"]["status"] != "not-applicable"
PY
check "... applicable count equals the SRs and REs whose SL vector holds 3" python3 - "$TMP/last.out" "$TMP/62443.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); cat = json.load(open(sys.argv[2]))
want = sum(1 for r in cat if r["id"].startswith("SR ") and 3 in r["sl"])
na = sum(1 for r in cat if r["id"].startswith("SR ") and 3 not in r["sl"])
c = a["counts"]
assert c["applicable"] == want and c["not-applicable"] == na, (c, want, na)
PY
expect_exit 1 "62443 without --zone summarises every zone with a target SL" C assess iec62443-3-3 --db "$DB" --at latest --json
check "... 22 zones (internet, SL 0, left out)" python3 -c "import json,sys; z=json.load(open('$TMP/last.out')); sys.exit(0 if len(z)==22 and 'internet' not in [x['zone'] for x in z] else 1)"
expect_exit 2 "a zone-scoped set needs --zone" C set iec62443-3-3 "SR 1.1" --status met --db "$DB"
expect_exit 2 "an unknown zone is refused" C set iec62443-3-3 "SR 1.1" --status met --zone nowhere --db "$DB"

# --- manual statuses, export/import round trip
expect_exit 0 "set a manual status" C set uscg-101f 101.625 --status met --owner cso --due 2026-03-01 --evidence "CySO letter, https://intranet/cyso.pdf" --db "$DB"
expect_exit 0 "set a zoned status" C set iec62443-3-3 "SR 1.1" --status partial --zone crane-t1 --owner ot-lead --evidence 'quote "x", line
two' --db "$DB"
expect_exit 0 "set another" C set nis2 "21(2)(g)" --status not-met --owner hr --due 2026-06-30 --db "$DB"
expect_exit 2 "a bad status is a usage error" C set nis2 "21(2)(g)" --status done --db "$DB"
expect_exit 2 "an unknown requirement is a usage error" C set nis2 "21(2)(k)" --status met --db "$DB"
expect_exit 2 "a bad date is a usage error" C set nis2 "21(2)(g)" --status met --due 2026-02-30 --db "$DB"
expect_exit 1 "assess shows the manual status" C assess uscg-101f --db "$DB" --at latest --json
check "... 101.625 met, manual, with owner" python3 -c "
import json,sys; r={x['id']:x for x in json.load(open('$TMP/last.out'))['requirements']}['101.625']
sys.exit(0 if r['status']=='met' and r['basis']=='manual' and r['manual']['owner']=='cso' else 1)"
for fmt in csv json; do
  check "export $fmt" quiet C export "$TMP/a.$fmt" --db "$DB"
  rm -f "$TMP/db2"; quiet "$SEAWALL" init --db "$TMP/db2" "$MODEL"
  check "import $fmt into a fresh store" quiet C import "$TMP/a.$fmt" --db "$TMP/db2"
  check "export $fmt again" quiet C export "$TMP/b.$fmt" --db "$TMP/db2"
  check "$fmt round trip is byte-identical" cmp "$TMP/a.$fmt" "$TMP/b.$fmt"
done
check "the CSV holds the three statuses" test "$(python3 -c "import csv; print(len(list(csv.DictReader(open('$TMP/a.csv')))))")" = 3

# --- a malformed import: every bad row named by line, nothing written
cat >"$TMP/bad.csv" <<'CSV'
framework,requirement,zone,status,owner,due,evidence
nis2,21(2)(a),,met,ciso,2026-01-31,policy v3
nis2,21(2)(b),,finished,ciso,,
uscg-101f,101.650(d),,partial,hr,,"multi
line evidence"
uscg-101f,101.999,,met,,,
iec62443-3-3,SR 1.1,,met,,,
nis2,21(2)(c),,met,,2026-13-01,
CSV
C export "$TMP/before.csv" --db "$DB" 2>/dev/null
expect_exit 1 "a malformed CSV import is refused" C import "$TMP/bad.csv" --db "$DB"
check "... line 3: bad status" grep -q "bad.csv:3: unknown status 'finished'" "$TMP/last.err"
check "... line 6 (after a 2-line record): unknown requirement" grep -q "bad.csv:6: '101.999' is not a requirement" "$TMP/last.err"
check "... line 7: zone missing for 62443" grep -q "bad.csv:7: iec62443-3-3 is assessed per zone" "$TMP/last.err"
check "... line 8: bad date" grep -q "bad.csv:8: due '2026-13-01'" "$TMP/last.err"
check "... and says nothing was imported" grep -q "4 errors; nothing imported" "$TMP/last.err"
C export "$TMP/after.csv" --db "$DB" 2>/dev/null
check "... and the store is unchanged (good row 2 not half-imported)" cmp "$TMP/before.csv" "$TMP/after.csv"
: >"$TMP/empty.csv"
expect_exit 1 "an empty import file is refused (its missing header named), not a crash" C import "$TMP/empty.csv" --db "$DB"
check "... empty.csv:1: the header must be" grep -q "empty.csv:1: the header must be" "$TMP/last.err"
printf 'framework,requirement,zone,status,owner,due,evidence\nnis2,"21(2)(a),,met\n' >"$TMP/quote.csv"
expect_exit 1 "an unterminated quote is refused with its line" C import "$TMP/quote.csv" --db "$DB"
check "... line 2" grep -q "quote.csv:2: unterminated quoted field" "$TMP/last.err"
printf '[{"framework": "nis2", "requirement": "21(2)(a)", "status": "met"}, {"framework": "nis2", "requirement": "21(2)(a)", "status": "met"}]' >"$TMP/dup.json"
expect_exit 1 "a duplicate in a JSON import is refused" C import "$TMP/dup.json" --db "$DB"
check "... naming the element and its line" grep -q "dup.json:1: element 1: the same requirement again (first at element 0, line 1)" "$TMP/last.err"
printf '[\n  {"framework": "nis2", "requirement": "21(2)(a)", "status": "met"},\n  {"framework": "nis2",\n   "requirement": "21(2)(z)", "status": "met"},\n  {"framework": "nis2", "requirement": "21(2)(b)", "status": "done", "owner": 7}\n]\n' >"$TMP/bad.json"
C export "$TMP/before.json" --db "$DB" 2>/dev/null
expect_exit 1 "a malformed JSON import is refused" C import "$TMP/bad.json" --db "$DB"
check "... the element on line 3: unknown requirement" grep -q "bad.json:3: element 1: '21(2)(z)' is not a requirement of nis2" "$TMP/last.err"
check "... the element on line 5: a number where a string goes, and a bad status" bash -c "grep -q \"bad.json:5: element 2: 'owner' must be a string\" '$TMP/last.err' && grep -q \"bad.json:5: element 2: unknown status 'done'\" '$TMP/last.err'"
printf '[{"framework": "nis2",\n  "requirement": "21(2)(a)" "status": "met"}]' >"$TMP/syntax.json"
expect_exit 1 "a JSON syntax error is refused with line:col" C import "$TMP/syntax.json" --db "$DB"
check "... line 2" grep -qE "syntax.json:2:[0-9]+: " "$TMP/last.err"
C export "$TMP/after.json" --db "$DB" 2>/dev/null
check "... and the store is unchanged (JSON)" cmp "$TMP/before.json" "$TMP/after.json"

# --- the sample port's assessment state
expect_exit 0 "the Aurora assessment (examples/aurora/compliance.csv) imports" C import "$SEAWALL_SRC/examples/aurora/compliance.csv" --db "$DB"
expect_exit 1 "... and shows its real gaps" C assess uscg-101f --db "$DB" --at latest --json
check "... shared HMI login not met, CySO met, live evidence still wins for segmentation" python3 -c "
import json,sys; r={x['id']:x for x in json.load(open('$TMP/last.out'))['requirements']}
sys.exit(0 if r['101.650(a)(6)']['status']=='not-met' and r['101.625']['status']=='met' and r['101.650(h)']['basis']=='live' else 1)"
check "... and the default-password exception (w4) stays partial over stored traffic: no default credential seen proves none unused" python3 -c "
import json,sys,subprocess; r={x['id']:x for x in json.load(open('$TMP/last.out'))['requirements']}
c={x['id']:x for x in json.loads(subprocess.run(['$SEAWALL','compliance','assess','cisa-cpg2','--db','$DB','--at','latest','--json'],capture_output=True,text=True).stdout)['requirements']}
d=r['101.650(a)(2)']; a=c['3.A']
for x in (d, a):
    l=x['live']; n=l['data']['stored_flow_summaries']
    assert x['status']=='partial' and x['basis']=='manual' and 'w4' in x['manual']['evidence'], x
    assert l['check']=='default-credentials' and l['status']=='unassessed' and n>0 and l['data']['alerts']==0, l
    assert l['reason'].startswith('no default credential seen on %d stored flow summaries in the last 30 days; ' % n) and 'assessment by hand stands' in l['reason'], l
assert c['3.K']['live']['check']=='cleartext-credentials'"
"$SEAWALL" comply cisa-cpg2 --db "$DB" --at latest --json >"$TMP/comply-cpg2.json" 2>/dev/null
check "... comply --json shows the manual 3.A with the live reason under live" python3 -c "
import json,sys; f=json.load(open('$TMP/comply-cpg2.json'))['frameworks'][0]
a=[x for x in f['plan'] if x['id']=='3.A'][0]
sys.exit(0 if a['status']=='partial' and a['basis']=='manual' and a['live_check'] is None and a['live']['check']=='default-credentials' and a['live']['status']=='unassessed' and a['live']['reason'].startswith('no default credential seen on ') else 1)"

# --- a vendor default password seen on the wire (SW-CRED-DEFAULT), stored as
# sense stores alerts: the BMS server logs in to the T2 controller (w4) over
# HTTP Basic with its factory password. The sensing end to end is the
# detector's own test; here the store is what the checks read.
if command -v sqlite3 >/dev/null; then
  CDB=$TMP/cred.db
  sqlite3 "$DB" ".backup '$CDB'"
  sqlite3 "$CDB" "INSERT INTO alerts (ts, rule_id, rule_name, severity, dataset, src_ip, src_port, dst_ip, dst_port, protocol,
      src_zone_id, dst_zone_id, src_asset_id, dst_asset_id, technique_ids, evidence, ecs, dedup_key)
    SELECT max(ts), 'SW-CRED-DEFAULT', 'Vendor default credentials used on the wire', 'high', 'seawall.net',
      '10.42.0.10', 51514, '10.42.0.41', 80, 'http', 'bms', 'bms', 'bms-srv-01', 'bms-ctl-t2-01', '[\"T0812\"]', '{}',
      json_object('rule', json_object('id', 'SW-CRED-DEFAULT', 'name', 'Vendor default credentials used on the wire'),
        'message', 'vendor default admin-admin (account admin) accepted by 10.42.0.41:80 over HTTP Basic',
        'threat', json_object('technique', json_object('id', json('[\"T0812\"]')))), 'test-cred-default-1'
    FROM alerts"
  CA() { "$SEAWALL" compliance assess "$@" --db "$CDB" --at latest; }
  cited() { python3 - "$@" <<'PY'
import json, sys
doc, ids = json.load(open(sys.argv[1])), sys.argv[2:]
r = {x["id"]: x for x in doc["requirements"]}
for i in ids:
    x = r[i]; l = x["live"]
    assert x["status"] == "not-met" and x["basis"] == "live" and l["check"] == "default-credentials", (i, x)
    assert l["data"]["alerts"] == 1 and l["data"]["flows"] == 1 and l["items"] == [l["items"][0]], (i, l)
    assert " SW-CRED-DEFAULT 10.42.0.10 -> 10.42.0.41:80 http (bms -> bms)" in l["items"][0], l["items"]
    assert l["reason"].startswith("1 vendor default credential (SW-CRED-DEFAULT) alert on 1 distinct flow"), l
PY
  }
  CA uscg-101f --json >"$TMP/cred-uscg.json" 2>/dev/null
  check "a stored SW-CRED-DEFAULT alert makes 101.650(a)(2) not-met from live evidence, citing the flow" cited "$TMP/cred-uscg.json" "101.650(a)(2)"
  CA cisa-cpg2 --json >"$TMP/cred-cpg2.json" 2>/dev/null
  check "... and CPG 2.0 3.A" cited "$TMP/cred-cpg2.json" 3.A
  CA cisa-cpg --json >"$TMP/cred-cpg1.json" 2>/dev/null
  check "... and CPG 1.0.1 2.A" cited "$TMP/cred-cpg1.json" 2.A
  CA iec62443-3-3 --zone bms --json >"$TMP/cred-bms.json" 2>/dev/null
  check "... and SR 1.5 in zone bms" cited "$TMP/cred-bms.json" "SR 1.5"
  CA iec62443-3-3 --zone crane-t1 --json >"$TMP/cred-crane.json" 2>/dev/null
  check "... but not in zone crane-t1, which the flow does not touch" python3 -c "
import json,sys; x={x['id']:x for x in json.load(open('$TMP/cred-crane.json'))['requirements']}['SR 1.5']
sys.exit(0 if x['basis']!='live' and x['live']['status']=='unassessed' and x['live']['data']['alerts']==0 and '(zone crane-t1)' in x['live']['reason'] else 1)"
  CA uscg-101f >"$TMP/cred-uscg.txt" 2>/dev/null
  check "... the table names the check, its verdict and the flow" bash -c "grep -q '^live check default-credentials: not-met - 1 vendor default credential (SW-CRED-DEFAULT) alert on 1 distinct flow' '$TMP/cred-uscg.txt' && grep -q ' SW-CRED-DEFAULT 10.42.0.10 -> 10.42.0.41:80 http (bms -> bms)' '$TMP/cred-uscg.txt'"
  "$SEAWALL" comply cisa-cpg2 --db "$CDB" --at latest --json --html "$TMP/cred.html" >"$TMP/cred-comply.json" 2>/dev/null
  check "comply --json: 3.A is a live gap citing the flow" python3 -c "
import json,sys; f=json.load(open('$TMP/cred-comply.json'))['frameworks'][0]
a=[x for x in f['plan'] if x['id']=='3.A'][0]
sys.exit(0 if a['status']=='not-met' and a['basis']=='live' and a['live_check']=='default-credentials' and any('SW-CRED-DEFAULT 10.42.0.10 -> 10.42.0.41:80' in i for i in a['items']) else 1)"
  check "... and the HTML report shows the check and the flow, with no null or undefined" bash -c "grep -q 'default-credentials' '$TMP/cred.html' && grep -q 'SW-CRED-DEFAULT 10.42.0.10 -&gt; 10.42.0.41:80' '$TMP/cred.html' && ! grep -qiw 'null\|undefined' '$TMP/cred.html'"
else
  ok "# SKIP sqlite3 not installed: the SW-CRED-DEFAULT store checks"
fi

expect_exit 1 "plan lists the gaps (exit 1)" C plan --db "$DB" --at 2026-01-20T00:00:00Z --json
check "... by due date, with owners, overdue against --at, live gaps included" python3 - "$TMP/last.out" <<'PY'
import json, sys
g = json.load(open(sys.argv[1])); by = {(x["framework"], x["zone"], x["requirement"]): x for x in g}
dues = [x["due"] for x in g if x["due"]]
assert dues == sorted(dues) and all(x["due"] for x in g[:len(dues)]), "dated gaps first, earliest first"
t = by[("uscg-101f", None, "101.650(d)")]; assert t["overdue"] and t["owner"] == "cso", t
b = by[("nis2", None, "20(2)")]; assert not b["overdue"] and b["status"] == "not-met", b
assert by[("uscg-101f", None, "101.650(h)")]["basis"] == "live"
assert by[("iec62443-3-3", "crane-t1", "SR 1.1 RE 2")]["owner"] == "it-admin"
assert not any(x["status"] not in ("not-met", "partial") for x in g)
PY

# --- history and trend
quiet C assess uscg-101f --db "$DB" --at latest --record
quiet C set uscg-101f 101.645 --status met --db "$DB"
quiet C assess uscg-101f --db "$DB" --at latest --record
C history uscg-101f --db "$DB" --json >"$TMP/hist.json"
check "two recorded assessments with a +1 met trend" python3 -c "
import json,sys; h=json.load(open('$TMP/hist.json'))
sys.exit(0 if len(h)==2 and h[1]['met']==h[0]['met']+1 and h[1]['trend']=='+1 met' else 1)"
done_testing
