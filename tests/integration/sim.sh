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
  for p in arp modbus s7comm enip cip iec60870_104 bacnet dns ldap ntp syslog tls rtsp; do
    if echo "$phs" | grep -qE "^ *$p +frames"; then ok "protocol hierarchy has $p"; else not_ok "protocol hierarchy has $p"; fi
  done

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
fi

json=$("$SEAWALL" sim --model "$MODEL" --duration 30s --no-scenarios --json --out "$TMP/j" 2>/dev/null)
if echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["packets"] > 0 and d["scenarios"] == []'; then
  ok "--json summary parses, --no-scenarios injects none"; else not_ok "--json summary parses, --no-scenarios injects none"; fi
check "--scenarios picks one" sh -c "'$SEAWALL' sim --model '$MODEL' --duration 1m --scenarios camera-scan --json --out '$TMP/k' | grep -q '\"camera-scan\"'"
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
