#!/usr/bin/env bash
# inventory.sh - the asset inventory from the wire against independent
# oracles. On a simulator run of the sample port: every declared asset
# tshark sees sending is matched, except w6 (firmware drift), a mismatch
# naming tshark's ListIdentity revision; the others are never-seen; the
# rogue device of ground-truth.json is shadow, with tshark's MAC and
# tshark's own OUI vendor (its manuf table) and DHCP hostname; DNS A
# answers and TCP SYN-ACK services equal tshark's; a second sense on the
# same store duplicates nothing. On the real captures in $SHARED/pcaps,
# the identities Zeek logged show on the hosts.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/db
if ! command -v tshark >/dev/null || ! command -v sqlite3 >/dev/null; then
  echo "1..0 # SKIP needs tshark and sqlite3"; exit 0
fi
ts() { tshark -r "$@" 2>/dev/null; }
q() { sqlite3 "$DB" "$1"; }

quiet() { "$@" >/dev/null 2>&1; }
check "init the Aurora model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "simulate 2 minutes" quiet "$SEAWALL" sim --model "$MODEL" --seed 3 --duration 2m --out "$TMP/s"
PCAP=$TMP/s/traffic.pcap
if "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$PCAP" --no-progress >/dev/null 2>"$TMP/sense.err"
then ok "sense --store"; else not_ok "sense --store"; diagnose <"$TMP/sense.err"; fi
"$SEAWALL" assets --db "$DB" --json >"$TMP/assets.json"
"$SEAWALL" hosts --db "$DB" --json >"$TMP/hosts.json"

# --- declared assets: matched / mismatch / never-seen against tshark's senders
{ ts "$PCAP" -T fields -e ip.src; ts "$PCAP" -Y arp -T fields -e arp.src.proto_ipv4; } | sort -u >"$TMP/senders"
python3 - "$TMP/assets.json" "$TMP/senders" >"$TMP/judged" <<'PY'
import json, sys
assets = json.load(open(sys.argv[1]))
senders = set(l.strip() for l in open(sys.argv[2]) if l.strip())
for a in assets:
    talked = any(ip in senders for ip in a["ips"])
    print(a["id"], "talked" if talked else "silent", a["state"],
          ";".join(f'{m["field"]}:{m["declared"]}->{m["observed"]}:{m["source"]}' for m in a["mismatches"]))
PY
n_assets=$(wc -l <"$TMP/judged")
test "$n_assets" -gt 150 && ok "assets --json lists every declared asset ($n_assets)" || not_ok "assets --json lists $n_assets assets"
bad=$(awk '$2 == "talked" && $3 != "matched" && $1 != "sts-t2-04-plc"' "$TMP/judged")
n_talk=$(awk '$2 == "talked"' "$TMP/judged" | wc -l)
if [ -z "$bad" ] && [ "$n_talk" -gt 100 ]; then ok "every asset tshark saw sending is matched ($n_talk, w6 aside)"
else not_ok "assets seen sending but not matched"; echo "$bad" | diagnose; fi
bad=$(awk '$2 == "silent" && $3 != "never-seen"' "$TMP/judged")
n_silent=$(awk '$2 == "silent"' "$TMP/judged" | wc -l)
if [ -z "$bad" ]; then ok "every asset tshark never saw sending is never-seen ($n_silent)"
else not_ok "silent assets not never-seen"; echo "$bad" | diagnose; fi
# tshark gives the revision as one number, major in the high byte
rev=$(ts "$PCAP" -Y 'enip.lir.revision && ip.src == 10.32.0.24' -T fields -e enip.lir.revision | head -1 |
      awk '{printf "%d.%d", int($1 / 256), $1 % 256}')
w6=$(awk '$1 == "sts-t2-04-plc" {print $3, $4}' "$TMP/judged")
if [ -n "$rev" ] && [ "$w6" = "mismatch firmware:32.012->$rev:enip" ]; then ok "w6 sts-t2-04-plc is a firmware mismatch, 32.012 -> $rev as tshark reads ListIdentity"
else not_ok "w6: got '$w6', tshark revision '$rev'"; fi
test "$(awk '$3 == "mismatch"' "$TMP/judged" | wc -l)" = 1 && ok "no other asset is a mismatch" || not_ok "other mismatches: $(awk '$3 == "mismatch" {print $1}' "$TMP/judged" | tr '\n' ' ')"

# --- the rogue device: shadow, its MAC, vendor and DHCP name as tshark says
rogue=$(python3 -c 'import json,sys
for s in json.load(open(sys.argv[1]))["scenarios"]:
    for h in s["hosts"]:
        if h["role"] == "rogue": print(h["ip"])' "$TMP/s/ground-truth.json" | head -1)
if [ -n "$rogue" ]; then
  IFS=$'\t' read -r t_mac t_vendor < <(ts "$PCAP" -Y "arp.src.proto_ipv4 == $rogue" -T fields -e eth.src -e eth.src.oui_resolved | head -1)
  t_host=$(ts "$PCAP" -Y "dhcp.hw.mac_addr == $t_mac && dhcp.option.hostname" -T fields -e dhcp.option.hostname | sort -u | head -1)
  got=$(python3 -c 'import json,sys
for h in json.load(open(sys.argv[1])):
    if h["ip"] == sys.argv[2]:
        print("\t".join([h["state"], h["mac"] or "-", h["mac_vendor"] or "-",
                         ",".join(n["name"] for n in h["names"] if n["source"] == "dhcp") or "-"]))' "$TMP/hosts.json" "$rogue")
  IFS=$'\t' read -r g_state g_mac g_vendor g_host <<<"$got"
  test "$g_state" = shadow && ok "rogue $rogue is shadow" || not_ok "rogue $rogue is '$g_state'"
  test "$g_mac" = "$t_mac" && ok "rogue MAC $g_mac equals tshark's ARP sender" || not_ok "rogue MAC $g_mac, tshark $t_mac"
  # tshark's manuf table keeps the registered name; ours drops the legal form: ours must begin theirs
  if [ -n "$t_vendor" ] && [ "${t_vendor#"$g_vendor"}" != "$t_vendor" ]; then ok "rogue vendor '$g_vendor' agrees with tshark's manuf '$t_vendor'"
  else not_ok "rogue vendor '$g_vendor', tshark '$t_vendor'"; fi
  test -n "$t_host" && test "$g_host" = "$(tr 'A-Z' 'a-z' <<<"$t_host")" && ok "rogue DHCP hostname '$g_host' equals tshark" || not_ok "rogue DHCP name '$g_host', tshark '$t_host'"
  "$SEAWALL" assets --db "$DB" --state shadow --json | grep -q "\"ip\":\"$rogue\"" && ok "assets --state shadow lists the rogue" || not_ok "assets --state shadow lacks the rogue"
else
  not_ok "ground-truth.json names no rogue host"
fi

# --- every MAC vendor against tshark's OUI resolution of the same MAC.
# Wireshark's manuf table is curated (a few names respelled: "Telemechanique"
# for the IEEE's "TELEMECANIQUE"), so agreement is counted per vendor prefix
# and must hold for all but 1 in 20; the disagreements are printed.
ts "$PCAP" -T fields -e eth.src -e eth.src.oui_resolved | sort -u >"$TMP/t_oui"
python3 - "$TMP/hosts.json" "$TMP/t_oui" <<'PY' >"$TMP/oui_cmp"
import json, sys
theirs = {}
for l in open(sys.argv[2]):
    p = l.rstrip("\n").split("\t")
    if len(p) == 2 and p[1]: theirs[p[0]] = p[1]
seen, bad = {}, set()
for h in json.load(open(sys.argv[1])):
    mac, v = h["mac"], h["mac_vendor"]
    if not mac or not v or v == "locally administered" or mac not in theirs: continue
    seen[mac[:8]] = (v, theirs[mac])
    if not theirs[mac].lower().startswith(v.lower()): bad.add(mac[:8])
for p in sorted(bad): print("# ", p, "ours:", seen[p][0], "tshark:", seen[p][1], file=sys.stderr)
print(len(seen), len(bad))
PY
read -r n_oui bad_oui <"$TMP/oui_cmp"
if [ "$n_oui" -gt 10 ] && [ $((bad_oui * 20)) -le "$n_oui" ]; then ok "MAC vendors agree with tshark's manuf on $((n_oui - bad_oui)) of $n_oui OUIs"
else not_ok "MAC vendors: $bad_oui of $n_oui OUIs differ from tshark"; fi

# --- names from DNS A answers and services from SYN-ACKs, against tshark
ts "$PCAP" -Y 'dns.flags.response == 1 && dns.flags.rcode == 0 && dns.qry.type == 1 && dns.a' -T fields -e dns.qry.name -e dns.a |
  awk -F'\t' '{n = split($2, a, ","); for (i = 1; i <= n; i++) print a[i] "|" tolower($1)}' | sort -u >"$TMP/t_dns"
q "SELECT ip || '|' || name FROM host_names WHERE source = 'dns'" | sort -u >"$TMP/o_dns"
if [ -s "$TMP/t_dns" ] && cmp -s "$TMP/t_dns" "$TMP/o_dns"; then ok "DNS names equal tshark's A answers ($(wc -l <"$TMP/t_dns"))"
else not_ok "DNS names differ from tshark"; diff "$TMP/o_dns" "$TMP/t_dns" | head | diagnose; fi
ts "$PCAP" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 1' -T fields -e ip.src -e tcp.srcport | awk '{print $1 "|" $2}' | sort -u >"$TMP/t_svc"
q "SELECT ip || '|' || port FROM host_services WHERE role = 'server' AND ip_proto = 6" | sort -u >"$TMP/o_svc"
if [ -s "$TMP/t_svc" ] && cmp -s "$TMP/t_svc" "$TMP/o_svc"; then ok "TCP services offered equal tshark's SYN-ACK senders ($(wc -l <"$TMP/t_svc"))"
else not_ok "TCP services offered differ from tshark's SYN-ACKs"; diff "$TMP/o_svc" "$TMP/t_svc" | head | diagnose; fi

# --- a second run accumulates and duplicates nothing
rows() { q "SELECT (SELECT count(*) FROM observed_hosts), (SELECT count(*) FROM host_names), (SELECT count(*) FROM host_services), (SELECT sum(count) FROM host_names), (SELECT sum(flows) FROM host_services)"; }
IFS='|' read -r h1 n1 s1 c1 f1 <<<"$(rows)"
"$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$PCAP" --no-progress >/dev/null 2>&1
IFS='|' read -r h2 n2 s2 c2 f2 <<<"$(rows)"
if [ "$h1|$n1|$s1" = "$h2|$n2|$s2" ]; then ok "re-sensing adds no host, name or service row ($h1, $n1, $s1)"; else not_ok "rows went $h1|$n1|$s1 -> $h2|$n2|$s2"; fi
if [ "$c2" = $((2 * c1)) ] && [ "$f2" = $((2 * f1)) ]; then ok "counts accumulate (names $c1 -> $c2, service flows $f1 -> $f2)"; else not_ok "counts $c1/$f1 -> $c2/$f2"; fi
"$SEAWALL" assets --db "$DB" --state mismatch --json | grep -q '"id":"sts-t2-04-plc"' && ok "w6 still a mismatch after the second run" || not_ok "w6 lost"

# --- filters and usage
test "$("$SEAWALL" hosts --db "$DB" --zone crane-t2 --json | python3 -c 'import json,sys; print(all(h["zone"] == "crane-t2" for h in json.load(sys.stdin)))')" = True && ok "hosts --zone keeps the zone" || not_ok "hosts --zone leaks"
"$SEAWALL" assets --db "$DB" --state never-seen --zone cctv >"$TMP/ns.txt" && ok "assets --state never-seen --zone cctv" || not_ok "assets --state never-seen --zone"
expect_exit 2 "assets --state bogus exits 2" "$SEAWALL" assets --db "$DB" --state bogus
expect_exit 2 "hosts --state never-seen exits 2 (hosts are seen)" "$SEAWALL" hosts --db "$DB" --state never-seen
expect_exit 2 "assets --state shadow --kind plc exits 2" "$SEAWALL" assets --db "$DB" --state shadow --kind plc

# --- the real captures: the identities Zeek logged show on the hosts
PCAPS=$SHARED/pcaps
if [ -d "$PCAPS/oracles" ]; then
  RDB=$TMP/real.db
  "$SEAWALL" init --db "$RDB" "$MODEL" >/dev/null
  for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
    [ -f "$f" ] || continue
    "$SEAWALL" sense --model "$MODEL" --store --db "$RDB" --pcap "$f" --no-progress >/dev/null 2>"$TMP/r.err" ||
      { not_ok "sense --store ${f##*/}"; diagnose <"$TMP/r.err"; }
  done
  "$SEAWALL" hosts --db "$RDB" --json >"$TMP/real.json"
  # want IP FIELD VALUE [NAME]: the host row's field equals the oracle's value
  want() {
    local got
    got=$(python3 -c 'import json,sys
for h in json.load(open(sys.argv[1])):
    if h["ip"] == sys.argv[2]:
        v = h[sys.argv[3]]
        print(",".join(n["name"] for n in v) if isinstance(v, list) else v)' "$TMP/real.json" "$1" "$2")
    if [ "$2" = names ]; then case ",$got," in *",$3,"*) got=$3 ;; esac; fi
    if [ "$got" = "$3" ]; then ok "$4: host $1 $2 '$3' as Zeek logged"; else not_ok "$4: host $1 $2 '$got', Zeek '$3'"; fi
  }
  Z=$PCAPS/oracles/enip_cip_example.cip_identity.log
  if [ -f "$Z" ]; then
    IFS=$'\t' read -r -a z < <(grep -v '^#' "$Z" | head -1)
    want "${z[12]}" vendor "${z[15]}" enip_cip_example; want "${z[12]}" product "${z[22]}" enip_cip_example
    want "${z[12]}" firmware "${z[19]}" enip_cip_example; want "${z[12]}" serial "${z[21]}" enip_cip_example
    want "${z[12]}" state shadow enip_cip_example
  fi
  Z=$PCAPS/oracles/s7ident.s7comm_known_devices.log
  if [ -f "$Z" ]; then
    # fields: 4 responder (the PLC), 11 automation system name, 12 module name, 14 module serial
    IFS=$'\t' read -r -a z < <(grep -v '^#' "$Z" | head -1)
    want "${z[4]}" product "${z[12]}" s7ident; want "${z[4]}" serial "${z[14]}" s7ident
    want "${z[4]}" names "${z[11]}" s7ident
  fi
  Z=$PCAPS/oracles/bacnet_example.bacnet_discovery.log
  if [ -f "$Z" ]; then
    # I-Am lines: 8 source address, 17 vendor (1-based)
    while IFS=$'\t' read -r ip vendor; do
      want "$ip" vendor "$vendor" bacnet_example
    done < <(grep -v '^#' "$Z" | awk -F'\t' '$12 == "i-am" {print $8 "\t" $17}' | sort -u)
  fi
fi
done_testing
