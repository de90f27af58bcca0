#!/usr/bin/env bash
# baseline_intel.sh - the learned OT baseline and threat-intel matching end
# to end: learn on one simulator run, a second benign run raises no
# SW-BASE alert, the scenarios' new talkers and functions do (on the ground
# truth's assets); indicators from a STIX bundle and a plain list match the
# DNS names and addresses in the traffic (counted against tshark), and not
# before they are imported.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/db
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }
rules() { python3 -c 'import json,sys,collections
c = collections.Counter(json.loads(l)["rule"]["id"] for l in open(sys.argv[1]))
print(sum(v for k, v in c.items() if k.startswith(sys.argv[2])))' "$1" "$2"; }

check "init the Aurora model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "simulate benign traffic (seed 1, 20m: the learning window must hold every cycle, the DNP3 breaker operation included)" quiet "$SEAWALL" sim --model "$MODEL" --seed 1 --duration 20m --no-scenarios --out "$TMP/s1"
check "simulate benign traffic (seed 2, 10m)" quiet "$SEAWALL" sim --model "$MODEL" --seed 2 --duration 10m --no-scenarios --out "$TMP/s2"
check "simulate with scenarios (seed 3, 10m)" quiet "$SEAWALL" sim --model "$MODEL" --seed 3 --duration 10m --out "$TMP/s3"

# --- baseline -------------------------------------------------------------------
"$SEAWALL" sense --db "$DB" --model "$MODEL" --pcap "$TMP/s2/traffic.pcap" --baseline --no-progress >/dev/null 2>"$TMP/nob.err"
grep -q "none learned yet" "$TMP/nob.err" && ok "no baseline yet: sense says the rules are off" || not_ok "no 'none learned' note"
if "$SEAWALL" sense --db "$DB" --model "$MODEL" --learn --pcap "$TMP/s1/traffic.pcap" --no-progress >/dev/null 2>"$TMP/learn.err"
then ok "sense --learn"; else not_ok "sense --learn"; diagnose <"$TMP/learn.err"; fi
grep -q "^learned into" "$TMP/learn.err" && ok "learn reports what it stored" || not_ok "no 'learned into' line"
"$SEAWALL" baseline --db "$DB" --json >"$TMP/b1.json"
read -r talkers functions assets < <(python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))
print(len(b["talkers"]), len(b["functions"]), len({x["asset"] for x in b["talkers"] + b["functions"]}))' "$TMP/b1.json")
if [ "$talkers" -gt 50 ] && [ "$functions" -gt 10 ]; then ok "baseline holds $talkers talkers, $functions functions on $assets assets"
else not_ok "baseline too small ($talkers talkers, $functions functions)"; fi
# Oracle: every declared OT PLC that tshark sees answering S7 to a peer has that peer in the baseline.
if command -v tshark >/dev/null; then
  tshark -r "$TMP/s1/traffic.pcap" -Y 's7comm.header.rosctr == 1' -T fields -e ip.src -e ip.dst 2>/dev/null | sort -u >"$TMP/s7pairs"
  missing=$(python3 - "$TMP/b1.json" "$TMP/s7pairs" "$MODEL" <<'PY'
import json, sys, re
b = json.load(open(sys.argv[1]))
ips = {}
for line in open(sys.argv[3]):
    m = re.search(r"id: ([\w-]+),.* ip: ([\d.]+)", line)
    if m: ips[m.group(2)] = m.group(1)
have = {(t["asset"], t["peer"]) for t in b["talkers"] if t["role"] == "server" and t["service"] == "s7comm"}
miss = [p for p in (l.split() for l in open(sys.argv[2])) if len(p) == 2 and p[1] in ips and (ips[p[1]], p[0]) not in have]
print(len(miss))
PY
)
  [ "$missing" = 0 ] && ok "every S7 job pair tshark sees is a learned talker" || not_ok "$missing S7 pairs tshark sees are not learned"
else ok "# SKIP tshark not installed"; fi
"$SEAWALL" sense --db "$DB" --model "$MODEL" --learn --pcap "$TMP/s1/traffic.pcap" --no-progress >/dev/null 2>&1
"$SEAWALL" baseline --db "$DB" --json >"$TMP/b2.json"
if python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:3]); sys.exit(len(a["talkers"])!=len(b["talkers"]) or len(a["functions"])!=len(b["functions"]))' "$TMP/b1.json" "$TMP/b2.json"
then ok "learning the same capture again adds nothing"; else not_ok "re-learning duplicated rows"; fi

"$SEAWALL" sense --db "$DB" --model "$MODEL" --baseline --pcap "$TMP/s2/traffic.pcap" --eve "$TMP/benign.jsonl" --no-progress >/dev/null 2>&1
n=$(rules "$TMP/benign.jsonl" SW-BASE)
[ "$n" = 0 ] && ok "benign traffic of another seed raises no SW-BASE alert" || { not_ok "benign run raised $n SW-BASE alerts"; grep SW-BASE "$TMP/benign.jsonl" | head -3 | diagnose; }

"$SEAWALL" sense --db "$DB" --model "$MODEL" --baseline --pcap "$TMP/s3/traffic.pcap" --eve "$TMP/scen.jsonl" --no-progress >/dev/null 2>&1
export TAP_START=$TAP_N COUNTS="$TMP/py.count"
python3 - "$TMP/s3/ground-truth.json" "$TMP/scen.jsonl" <<'PY'
import json, os, sys
from datetime import datetime
ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
truth = json.load(open(sys.argv[1]))
alerts = [json.loads(l) for l in open(sys.argv[2])]
base = [a for a in alerts if a["rule"]["id"].startswith("SW-BASE")]
n, failed = int(os.environ["TAP_START"]), 0
def tap(good, msg):
    global n, failed
    n += 1
    print(("ok %d - %s" if good else "not ok %d - %s") % (n, msg))
    failed += not good
sc = {s["id"]: s for s in truth["scenarios"]}
def actors(s):
    return {h["role"]: h for h in s["hosts"]}
def hits(s, rule):
    ips = {h["ip"] for h in s["hosts"]}
    return [a for a in base if a["rule"]["id"] == rule and ts(s["start"]) <= ts(a["@timestamp"]) <= ts(s["end"])
            and a["source"]["ip"] in ips and a["destination"]["ip"] in ips]
# The scenarios whose master never talked to its target during learning.
for sid in ("vendor-plc-write", "s7-stop-download", "rogue-device"):
    s = sc.get(sid)
    if not s: tap(False, "scenario %s in the ground truth" % sid); continue
    got = hits(s, "SW-BASE-NEW-TALKER")
    want = {h["asset"] for h in s["hosts"] if h["asset"] and h["asset"].endswith("-plc")}
    dst = {a["seawall"]["asset"]["dst"] for a in got}
    tap(bool(got) and want <= dst and all("T0886" in a["threat"]["technique"]["id"] for a in got),
        "%s: SW-BASE-NEW-TALKER to %s (got %s)" % (sid, ",".join(sorted(want)), ",".join(sorted(filter(None, dst))) or "none"))
for sid, fn, tech in (("vendor-plc-write", "write_var", "T0855"), ("s7-stop-download", "plc_stop", "T0855")):
    s = sc.get(sid)
    got = [a for a in hits(s, "SW-BASE-NEW-FUNCTION") if fn in a["message"]] if s else []
    tap(bool(got) and all(tech in a["threat"]["technique"]["id"] for a in got),
        "%s: SW-BASE-NEW-FUNCTION %s with %s" % (sid, fn, tech))
inside = lambda a: any(ts(s["start"]) <= ts(a["@timestamp"]) <= ts(s["end"]) and
                       ({a["source"]["ip"], a["destination"]["ip"]} & {h["ip"] for h in s["hosts"]})
                       for s in truth["scenarios"])
fp = [a for a in base if not inside(a)]
tap(not fp, "every SW-BASE alert is a scenario's (%d outside)" % len(fp))
for a in fp[:5]: print("# FP", a["@timestamp"], a["message"])
open(os.environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "scenario comparison ran"

# A crafted capture: a crane PLC opens TLS to an internet host it never spoke to.
python3 - "$TMP/out.pcap" <<'PY'
import struct, sys
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
def ip4(a): return bytes(int(x) for x in a.split("."))
def frame(src, dst, sport, dport, flags, seq, ack, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
    ph = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, ip4(src), ip4(dst))
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    return b"\x00\x0e\x8c\x00\x00\x01" + b"\x00\x1b\x1b\x12\x34\x56" + b"\x08\x00" + iph + tcp
plc, bad = "10.31.0.21", "203.0.113.66"
pkts = [frame(plc, bad, 40000, 443, 0x02, 1000, 0), frame(bad, plc, 443, 40000, 0x12, 5000, 1001),
        frame(plc, bad, 40000, 443, 0x10, 1001, 5001), frame(plc, bad, 40000, 443, 0x18, 1001, 5001, b"\x17\x03\x03\x00\x05hello"),
        frame(bad, plc, 443, 40000, 0x10, 5001, 1016)]
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(pkts):
        f.write(struct.pack("<IIII", 1767225700, i * 1000, len(p), len(p)) + p)
PY
"$SEAWALL" sense --db "$DB" --model "$MODEL" --baseline --pcap "$TMP/out.pcap" --eve "$TMP/out.jsonl" --no-progress >/dev/null 2>&1
if python3 -c 'import json,sys
a = [json.loads(l) for l in open(sys.argv[1])]
t = [x for x in a if x["rule"]["id"] == "SW-BASE-NEW-TALKER"]
sys.exit(not (len(t) == 1 and t[0]["seawall"]["asset"]["src"] == "sts-t1-01-plc" and "T0869" in t[0]["threat"]["technique"]["id"]
              and t[0]["seawall"]["evidence"]["frames"] == [1]))' "$TMP/out.jsonl"
then ok "crafted capture: the PLC's new outbound peer is one SW-BASE-NEW-TALKER (T0869, frame 1)"
else not_ok "crafted capture: no or wrong SW-BASE-NEW-TALKER"; diagnose <"$TMP/out.jsonl"; fi

# --- threat intel -----------------------------------------------------------------
"$SEAWALL" sense --db "$DB" --model "$MODEL" --intel --pcap "$TMP/s1/traffic.pcap" --eve "$TMP/i0.jsonl" --no-progress >/dev/null 2>&1
[ "$(rules "$TMP/i0.jsonl" SW-INTEL)" = 0 ] && ok "no SW-INTEL alert before any import" || not_ok "SW-INTEL alerts before import"
cat >"$TMP/bundle.json" <<'JSON'
{"type": "bundle", "id": "bundle--5d0c1b6e-1d2e-4f7a-9c3b-000000000001", "objects": [
 {"type": "identity", "spec_version": "2.1", "id": "identity--00000000-0000-4000-8000-000000000001", "name": "Maritime ISAC"},
 {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000002",
  "name": "Crane vendor update domain hijacked", "pattern_type": "stix", "valid_from": "2025-06-01T00:00:00Z",
  "pattern": "[domain-name:value = 'vendor-crane.com' OR ipv4-addr:value = '203.0.113.21']"},
 {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000003",
  "name": "Expired", "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z", "valid_until": "2025-01-01T00:00:00Z",
  "pattern": "[domain-name:value = 'office365.com']"},
 {"type": "indicator", "spec_version": "2.1", "id": "indicator--00000000-0000-4000-8000-000000000004",
  "pattern_type": "stix", "valid_from": "2025-06-01T00:00:00Z", "pattern": "[domain-name:value = 'broken..example']"}
]}
JSON
expect_exit 1 "intel import of a bundle with one bad object exits 1" "$SEAWALL" intel import --db "$DB" "$TMP/bundle.json" --source isac
grep -q "objects\[3\].*error" "$TMP/last.err" && ok "the bad object is reported with its position" || not_ok "bad object not reported"
grep -q "3 indicators (3 new" "$TMP/last.out" && ok "the good indicators are imported" || { not_ok "import summary wrong"; diagnose <"$TMP/last.out"; }
"$SEAWALL" sense --db "$DB" --model "$MODEL" --intel --pcap "$TMP/s1/traffic.pcap" --eve "$TMP/i1.jsonl" --no-progress >/dev/null 2>&1
dom=$(python3 -c 'import json,sys
print(len({(a["source"]["ip"], a["destination"]["ip"]) for a in map(json.loads, open(sys.argv[1]))
          if a["rule"]["id"] == "SW-INTEL-DOMAIN" and "vendor-crane.com (source isac" in a["message"]}))' "$TMP/i1.jsonl")
if [ "$dom" -gt 0 ]; then ok "SW-INTEL-DOMAIN on subdomains of vendor-crane.com ($dom client/resolver pairs)"; else not_ok "no SW-INTEL-DOMAIN"; fi
if command -v tshark >/dev/null; then
  want=$(tshark -r "$TMP/s1/traffic.pcap" -Y 'dns.flags.response == 0 && dns.qry.name matches "(^|\\.)vendor-crane\\.com$"' -T fields -e ip.src -e ip.dst 2>/dev/null | sort -u | wc -l)
  [ "$dom" = "$want" ] && ok "one alert per pair tshark sees querying it ($want)" || not_ok "alerts name $dom pairs, tshark sees $want"
else ok "# SKIP tshark not installed"; fi
[ "$(rules "$TMP/i1.jsonl" SW-INTEL-ADDRESS)" -gt 0 ] && ok "SW-INTEL-ADDRESS on DNS answers of 203.0.113.21" || not_ok "no SW-INTEL-ADDRESS"
grep -q 'office365' "$TMP/i1.jsonl" && not_ok "an expired indicator matched" || ok "an indicator expired before the capture does not match"
python3 -c 'import json,sys
for a in map(json.loads, open(sys.argv[1])):
    if a["rule"]["id"].startswith("SW-INTEL"):
        assert a["threat"]["framework"] == "MITRE ATT&CK" and "T1071" in a["threat"]["technique"]["id"], a
        assert a["seawall"]["evidence"]["frames"], a' "$TMP/i1.jsonl" && ok "IT matches carry ATT&CK Enterprise T1071 and evidence frames" || not_ok "framework, technique or evidence wrong"

printf '# blocklist\n203.0.113.64/26\nnot an indicator\n' >"$TMP/list.txt"
expect_exit 1 "plain list with a bad line exits 1" "$SEAWALL" intel import --db "$DB" "$TMP/list.txt"
grep -q "line 3" "$TMP/last.err" && ok "the bad line is reported by number" || not_ok "bad line not reported"
"$SEAWALL" sense --db "$DB" --model "$MODEL" --intel --pcap "$TMP/out.pcap" --eve "$TMP/i2.jsonl" --no-progress >/dev/null 2>&1
if python3 -c 'import json,sys
a = [x for x in map(json.loads, open(sys.argv[1])) if x["rule"]["id"] == "SW-INTEL-ADDRESS"]
sys.exit(not (len(a) == 1 and a[0]["seawall"]["asset"]["src"] == "sts-t1-01-plc" and a[0]["threat"]["framework"] == "MITRE ATT&CK for ICS"
              and "T0869" in a[0]["threat"]["technique"]["id"] and "list.txt" in a[0]["message"]))' "$TMP/i2.jsonl"
then ok "a PLC reaching a listed /26: one SW-INTEL-ADDRESS, ATT&CK for ICS T0869"; else not_ok "CIDR match on the crafted flow"; diagnose <"$TMP/i2.jsonl"; fi
[ "$("$SEAWALL" intel list --db "$DB" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 4 ] && ok "intel list shows 4 indicators" || not_ok "intel list count"
check "intel clear --source list.txt" quiet "$SEAWALL" intel clear --db "$DB" --source list.txt
[ "$("$SEAWALL" intel list --db "$DB" --source isac --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 3 ] && ok "the other source stays" || not_ok "clear removed another source"

# --store uses the baseline and the indicators
"$SEAWALL" sense --db "$DB" --model "$MODEL" --store --pcap "$TMP/s3/traffic.pcap" --no-progress >/dev/null 2>&1
[ "$(sqlite3 "$DB" "SELECT count(*) FROM alerts WHERE rule_id LIKE 'SW-BASE-%'")" -gt 0 ] && ok "--store stores SW-BASE alerts" || not_ok "--store did not use the baseline"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM alerts WHERE rule_id LIKE 'SW-INTEL-%'")" -gt 0 ] && ok "--store stores SW-INTEL alerts" || not_ok "--store did not use the indicators"

# clearing, capacities and exit codes
check "baseline clear --asset" quiet "$SEAWALL" baseline clear --db "$DB" --asset sts-t1-01-plc
[ -z "$("$SEAWALL" baseline --db "$DB" --asset sts-t1-01-plc 2>/dev/null)" ] && ok "that asset's baseline is gone" || not_ok "asset baseline still listed"
expect_exit 2 "a baseline larger than --baseline-capacity is a usage error" "$SEAWALL" sense --db "$DB" --model "$MODEL" --baseline --baseline-capacity 16 --pcap "$TMP/out.pcap"
grep -q "raise --baseline-capacity" "$TMP/last.err" && ok "it says which option to raise" || not_ok "no capacity hint"
check "baseline clear" quiet "$SEAWALL" baseline clear --db "$DB"
"$SEAWALL" sense --db "$DB" --model "$MODEL" --baseline --pcap "$TMP/s3/traffic.pcap" --eve "$TMP/none.jsonl" --no-progress >/dev/null 2>&1
[ "$(rules "$TMP/none.jsonl" SW-BASE)" = 0 ] && ok "no baseline: no SW-BASE alert" || not_ok "SW-BASE alerts without a baseline"
printf '{"type": "bundle", "objects": [' >"$TMP/broken.json"
expect_exit 3 "a JSON syntax error imports nothing and exits 3" "$SEAWALL" intel import --db "$DB" "$TMP/broken.json"
grep -q "line 1" "$TMP/last.err" && ok "the JSON error names its position" || not_ok "no position for the JSON error"
expect_exit 3 "intel import of a missing file exits 3" "$SEAWALL" intel import --db "$DB" "$TMP/missing.json"
expect_exit 2 "--learn without --model exits 2" "$SEAWALL" sense --db "$DB" --learn --pcap "$TMP/out.pcap"
expect_exit 2 "intel without a subcommand exits 2" "$SEAWALL" intel --db "$DB"
expect_exit 2 "baseline with a stray argument exits 2" "$SEAWALL" baseline --db "$DB" purge
done_testing
