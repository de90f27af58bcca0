#!/usr/bin/env bash
# sim.sh - `seawall sim` end to end: determinism across runs, tshark finds
# no malformed frames or bad checksums, the ICS/IT protocols are there, and
# the ground truth's scenario windows hold their hosts' packets.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
[ -f "$MODEL" ] || MODEL="$SEAWALL_SRC/tests/sim/mini.yaml"
A="$TMP/a" B="$TMP/b" C="$TMP/c"

check "sim runs (seed 7, 2m)" "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 2m --out "$A"
check "sim runs again with the same seed" "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 2m --out "$B"
check "same seed: identical traffic.pcap" cmp -s "$A/traffic.pcap" "$B/traffic.pcap"
check "same seed: identical ground-truth.json" cmp -s "$A/ground-truth.json" "$B/ground-truth.json"
check "sim runs with another seed" "$SEAWALL" sim --model "$MODEL" --seed 8 --duration 2m --out "$C"
if cmp -s "$A/traffic.pcap" "$C/traffic.pcap"; then not_ok "another seed: different pcap"; else ok "another seed: different pcap"; fi
check "ground-truth.json is JSON" python3 -m json.tool "$A/ground-truth.json" /dev/null

if ! command -v tshark >/dev/null; then
  ok "# SKIP tshark not installed"
else
  TS=(tshark -n -r "$A/traffic.pcap" -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE)
  bad=$("${TS[@]}" -Y '_ws.malformed || _ws.expert.severity >= error' 2>&1 | grep -v '^Running as user' | head -5)
  if [ -z "$bad" ]; then ok "tshark: no malformed frames, no checksum errors"; else not_ok "tshark: no malformed frames, no checksum errors"; echo "$bad" | diagnose; fi

  phs=$(tshark -n -r "$A/traffic.pcap" -q -z io,phs 2>/dev/null)
  for p in arp modbus s7comm enip cip iec60870_104 bacnet dns ldap ntp syslog tls rtsp tns kerberos http; do
    if echo "$phs" | grep -qE "^ *$p +frames"; then ok "protocol hierarchy has $p"; else not_ok "protocol hierarchy has $p"; fi
  done

  # Who serves and who asks follows the model's facts (kind, vendor, product):
  # ICS servers are field controllers speaking their own protocol, RTUs are
  # never sent S7, HMIs never answer Modbus, recording servers pull RTSP.
  "$SEAWALL" init --db "$TMP/model.db" "$MODEL" >/dev/null 2>&1
  "$SEAWALL" assets --db "$TMP/model.db" --json >"$TMP/assets.json" 2>/dev/null
  tshark -n -r "$A/traffic.pcap" -Y 'modbus || s7comm || enip || iec60870_104 || rtsp.request' \
    -T fields -E separator=/t -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e frame.protocols -e s7comm.param.func \
    2>/dev/null >"$TMP/ics.tsv"
  python3 - "$TMP/assets.json" "$TMP/ics.tsv" "$A/ground-truth.json" "$(basename "$MODEL")" >"$TMP/roles" <<'PY'
import json, re, sys
assets = json.load(open(sys.argv[1]))
truth = json.load(open(sys.argv[3]))
by_ip = {ip: a for a in assets for ip in (a.get("ips") or [])}
def low(a, k): return (a.get(k) or "").lower()
def kind_ips(*kinds): return {ip for ip, a in by_ip.items() if a["kind"] in kinds}
def controller(a):
    if a["kind"] == "crane-controller":      # a PC-based crane controller is a supervisor, not a server of ICS protocols
        return not re.search(r"windows|server", low(a, "product"))
    return a["kind"] in ("plc", "safety-plc", "rtu", "substation-controller", "gate-controller")
port_proto = {"502": "modbus", "102": "s7comm", "44818": "enip", "2404": "iec60870_104"}
servers = {p: set() for p in port_proto.values()}
clients = {p: set() for p in port_proto.values()}
rtsp_clients, s7_to_rtu, modbus_srv_hmi, writes = set(), 0, 0, []
rtu, hmi = kind_ips("rtu", "substation-controller"), kind_ips("hmi")
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if len(f) < 5: continue
    src, dst, sport, dport, layers = f[0], f[1], f[2], f[3], f[4].split(":")
    if "rtsp" in layers: rtsp_clients.add(src); continue
    for port, proto in port_proto.items():
        if proto not in layers: continue
        if sport == port: servers[proto].add(src); clients[proto].add(dst)
        elif dport == port: servers[proto].add(dst); clients[proto].add(src)
    if "s7comm" in layers and (src in rtu or dst in rtu): s7_to_rtu += 1
    if "modbus" in layers and ((src in hmi and sport == "502") or (dst in hmi and dport == "502")): modbus_srv_hmi += 1
    if "s7comm" in layers and len(f) > 5 and "0x05" in f[5].split(","): writes.append((src, dst))
def out(cond, what): print(("PASS " if cond else "FAIL ") + what)
out(s7_to_rtu == 0, "no s7comm packet to or from an RTU (%d seen)" % s7_to_rtu)
out(modbus_srv_hmi == 0, "no HMI answers Modbus (%d packets)" % modbus_srv_hmi)
for proto, ips in servers.items():
    bad = sorted(by_ip[ip]["id"] if ip in by_ip else ip for ip in ips if ip not in by_ip or not controller(by_ip[ip]))
    out(not bad, "%s servers are field controllers%s" % (proto, " (not: %s)" % ", ".join(bad) if bad else ""))
def vendor_ok(proto, a):
    if proto == "s7comm": return "siemens" in low(a, "vendor") and a["kind"] not in ("rtu", "substation-controller")
    if proto == "enip": return re.search(r"rockwell|allen", low(a, "vendor")) is not None
    if proto == "iec60870_104": return a["kind"] in ("rtu", "substation-controller")
    return True
for proto in ("s7comm", "enip", "iec60870_104"):
    bad = sorted(by_ip[ip]["id"] for ip in servers[proto] if ip in by_ip and not vendor_ok(proto, by_ip[ip]))
    out(not bad, "%s servers speak it by vendor/kind%s" % (proto, " (not: %s)" % ", ".join(bad) if bad else ""))
if rtu:
    out(servers["iec60870_104"] & rtu, "RTUs answer IEC 60870-5-104")
recorders = kind_ips("nvr") or kind_ips("vms")
out(rtsp_clients and rtsp_clients <= recorders,
    "RTSP clients are recording servers (%s)" % ", ".join(sorted(by_ip.get(ip, {"id": ip})["id"] for ip in rtsp_clients)))
if sys.argv[4] == "port.yaml" and any(a["id"] == "liebherr-rsp-01" for a in assets):
    # The sample port's w2 path: vendor-vpn -> vendor-dmz -> liebherr-rsp-01 -> s7comm -> sts-t1-0x-plc.
    run = [s for s in truth["scenarios"] if s["id"] == "vendor-plc-write"]
    roles = {h["role"]: h for h in run[0]["hosts"]} if run else {}
    att, tgt = roles.get("attacker", {}), roles.get("target", {})
    out(att.get("asset") == "liebherr-rsp-01", "vendor-plc-write attacker is liebherr-rsp-01 (%s)" % att.get("asset"))
    out(re.fullmatch(r"sts-t1-0\d-plc", tgt.get("asset") or "") is not None,
        "vendor-plc-write target is an sts-t1-0x-plc (%s)" % tgt.get("asset"))
    out((att.get("ip"), tgt.get("ip")) in writes, "vendor-plc-write sends S7 write var from the vendor PC to the PLC")
PY
  if [ -s "$TMP/roles" ]; then
    while read -r verdict what; do
      if [ "$verdict" = PASS ]; then ok "$what"; else not_ok "$what"; fi
    done <"$TMP/roles"
  else
    not_ok "host roles checked from the model"
  fi

  # Every scenario: its window lies inside the capture and each host is on the wire in it.
  python3 - "$A/ground-truth.json" >"$TMP/windows" <<'PY'
import json, sys, datetime
t = json.load(open(sys.argv[1]))
def ep(s): return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
for s in t["scenarios"]:
    inside = ep(t["start"]) <= ep(s["start"]) <= ep(s["end"]) <= ep(t["end"])
    for h in s["hosts"]:
        print(s["id"], int(inside), "%.6f" % ep(s["start"]), "%.6f" % ep(s["end"]), h["ip"])
PY
  n=$(cut -d' ' -f1 "$TMP/windows" | sort -u | wc -l)
  if [ "$n" -ge 5 ]; then ok "ground truth lists $n scenarios"; else not_ok "ground truth lists $n scenarios (wanted >= 5)"; fi
  while read -r id inside s e ip; do
    [ "$inside" = 1 ] || { not_ok "$id: window inside the capture"; continue; }
    hits=$(tshark -n -r "$A/traffic.pcap" -Y "(ip.addr==$ip || arp.src.proto_ipv4==$ip || arp.dst.proto_ipv4==$ip) && frame.time_epoch >= $s && frame.time_epoch <= $e" 2>/dev/null | wc -l)
    if [ "$hits" -gt 0 ]; then ok "$id: $ip on the wire in its window ($hits frames)"; else not_ok "$id: $ip on the wire in its window"; fi
  done <"$TMP/windows"

  # The attacks carry their defining operations.
  ops=$(tshark -n -r "$A/traffic.pcap" -Y 's7comm.param.func == 0x29 || s7comm.param.func == 0x1a || dhcp.option.dhcp == 1 || rdp.neg_type == 1 || tcp.flags == 0x014' -T fields -e _ws.col.Protocol 2>/dev/null | sort | uniq -c)
  for w in S7COMM DHCP RDP TCP; do
    if echo "$ops" | grep -q " $w\$"; then ok "attack traffic includes $w"; else not_ok "attack traffic includes $w"; echo "$ops" | diagnose; fi
  done

  # The new scenarios as the dissector sees them: the SQL client's connect
  # descriptor, the laptop's DHCP hostname, and the beacon's cadence (30 s +- 5 %).
  desc=$(tshark -n -r "$A/traffic.pcap" -Y 'tns.type == 1' -T fields -e tns.connect_data 2>/dev/null | head -1)
  case "$desc" in *"SERVICE_NAME=N4"*"PORT=1521"*) ok "corp-tos-db: TNS Connect carries the descriptor" ;;
    *) not_ok "corp-tos-db: TNS Connect carries the descriptor ($desc)" ;; esac
  n=$(tshark -n -r "$A/traffic.pcap" -Y 'dhcp.option.hostname == "LAPTOP-7QK2M4RD"' 2>/dev/null | wc -l)
  if [ "$n" -eq 3 ]; then ok "rogue-device: 3 DHCP DISCOVERs with a laptop hostname"; else not_ok "rogue-device: 3 DHCP DISCOVERs with a laptop hostname ($n)"; fi
  gaps=$(tshark -n -r "$A/traffic.pcap" -Y 'tcp.flags == 0x002 && ip.dst == 198.51.100.77' -T fields -e frame.time_epoch 2>/dev/null |
    python3 -c 'import sys; t=[float(x) for x in sys.stdin]; g=[b-a for a,b in zip(t,t[1:])]
print(len(t), all(28.5 <= x <= 31.5 for x in g) and len(g) >= 2)')
  if [ "${gaps#* }" = True ]; then ok "ot-beacon: connections every 30 s +- 5 % (${gaps% *} SYNs)"; else not_ok "ot-beacon: connections every 30 s +- 5 % ($gaps)"; fi
fi

json=$("$SEAWALL" sim --model "$MODEL" --duration 30s --no-scenarios --json --out "$TMP/j" 2>/dev/null)
if echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["packets"] > 0 and d["scenarios"] == []'; then
  ok "--json summary parses, --no-scenarios injects none"; else not_ok "--json summary parses, --no-scenarios injects none"; fi
check "--scenarios picks one" sh -c "'$SEAWALL' sim --model '$MODEL' --duration 1m --scenarios camera-chain --json --out '$TMP/k' | grep -q '\"camera-chain\"'"
check "--help prints usage" sh -c "'$SEAWALL' sim --help | grep -q 'Usage: seawall sim'"

expect_exit 2 "no --model: usage error" "$SEAWALL" sim --out "$TMP/x"
expect_exit 2 "no --out: usage error" "$SEAWALL" sim --model "$MODEL"
expect_exit 2 "bad duration: usage error" "$SEAWALL" sim --model "$MODEL" --out "$TMP/x" --duration soon
expect_exit 2 "bad seed: usage error" "$SEAWALL" sim --model "$MODEL" --out "$TMP/x" --seed -3
expect_exit 2 "scale 0: usage error" "$SEAWALL" sim --model "$MODEL" --out "$TMP/x" --scale 0
expect_exit 2 "unknown scenario: usage error" "$SEAWALL" sim --model "$MODEL" --out "$TMP/x" --scenarios nope
expect_exit 2 "unknown option: usage error" "$SEAWALL" sim --model "$MODEL" --out "$TMP/x" --bogus
expect_exit 3 "missing model: input unreadable" "$SEAWALL" sim --model "$TMP/missing.yaml" --out "$TMP/x"
printf 'port: {name: Broken}\nzones:\n  - {id: z, domain: nowhere, networks: [10.0.0.0/8]}\nassets:\n  - {id: a, kind: plc, zone: nope, ip: 10.0.0.1}\n' >"$TMP/broken.yaml"
expect_exit 1 "model with validation errors: exit 1" "$SEAWALL" sim --model "$TMP/broken.yaml" --out "$TMP/x"

done_testing
