#!/usr/bin/env bash
# wire_accounts.sh - user names on the wire reach people: for each protocol
# whose parser reports user.name (FTP USER, Telnet login, HTTP Basic, the RDP
# mstshash cookie, the Kerberos AS-REQ cname), a login from the remote-access pool with the account of
# a person who has left raises SW-PHYS-ACCOUNT-INACTIVE, joins their badge
# at the gate in SW-PHYS-BADGE-AND-REMOTE, and correlation links both badge
# alerts and the login into one candidate by the person.
. "$(dirname "$0")/lib.sh"

if ! command -v text2pcap >/dev/null || ! command -v python3 >/dev/null; then
  ok "# SKIP text2pcap or python3 not installed"; done_testing; exit $?
fi
cat >"$TMP/port.yaml" <<'YAML'
port: {name: Wireport, timezone: UTC}
zones:
  - {id: vpn-pool, domain: it, security_level: 1, networks: [10.0.0.0/28]}
  - {id: servers, domain: it, security_level: 2, networks: [10.0.0.16/28]}
  - {id: phys, domain: phys, security_level: 2, networks: [10.51.0.0/24]}
conduits:
  - {from: vpn-pool, to: servers, services: [ftp, telnet, http, rdp, kerberos, tcp/21, tcp/23, tcp/80, tcp/3389, udp/88], justification: remote work}
entry_points:
  - {id: staff-vpn, kind: remote-access, reaches: [vpn-pool]}
areas:
  - {id: gate, kind: gate}
assets:
  - {id: srv-01, kind: server, zone: servers, ip: 10.0.0.18}
  - {id: rdr-gate, kind: badge-reader, zone: phys, ip: 10.51.0.31, area: gate}
people:
  - {id: leaver, name: Rui Leaver, badge: "31077", status: left, areas: [gate], accounts: [rleaver]}
  - {id: staff, name: Ana Staff, badge: "40001", accounts: [astaff]}
YAML
hexpkt() { printf '%b' "$1" | od -An -tx1 -v | tr -d '\n' | awk '{print "0000 " $0}'; }
mkpcap() {   # NAME PORT: the client (10.0.0.5, in the VPN pool) sends the I lines; Kerberos over UDP
  local l4=-T; [ "$1" = kerberos ] && l4=-u
  text2pcap -q -D -t "%Y-%m-%dT%H:%M:%SZ" -4 10.0.0.5,10.0.0.18 $l4 "40000,$2" "$TMP/$1.txt" "$TMP/$1.pcap" 2>/dev/null
}
T='2026-03-02T10:10:0'
{ echo "O ${T}0Z"; hexpkt '220 FTP ready\r\n'; echo "I ${T}1Z"; hexpkt 'USER RLEAVER\r\n'
  echo "O ${T}2Z"; hexpkt '331 Password required\r\n'; } >"$TMP/ftp.txt"
{ echo "O ${T}0Z"; hexpkt '\xff\xfd\x18\xff\xfb\x01'; echo "I ${T}1Z"; hexpkt '\xff\xfc\x18\xff\xfd\x01'
  echo "O ${T}2Z"; hexpkt '\r\nUsername: '; echo "I ${T}3Z"; hexpkt 'rleaver\r\n'
  echo "O ${T}4Z"; hexpkt 'Password: '; echo "I ${T}5Z"; hexpkt 'x\r\n'; echo "O ${T}6Z"; hexpkt '\r\n$ '; } >"$TMP/telnet.txt"
basic=$(printf 'AURORA\\rleaver:secret' | base64)
{ echo "I ${T}0Z"; hexpkt "GET /erp HTTP/1.1\r\nHost: srv-01\r\nAuthorization: Basic $basic\r\n\r\n"
  echo "O ${T}1Z"; hexpkt 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'; } >"$TMP/http.txt"
cookie='Cookie: mstshash=rleaver@aurora.local\r\n'
{ echo "I ${T}0Z"; hexpkt "\x03\x00\x00\x3a\x35\xe0\x00\x00\x00\x00\x00${cookie}\x01\x00\x08\x00\x0b\x00\x00\x00"
  echo "O ${T}1Z"; hexpkt '\x03\x00\x00\x13\x0e\xd0\x00\x00\x12\x34\x00\x02\x1f\x08\x00\x02\x00\x00\x00'; } >"$TMP/rdp.txt"
# Kerberos AS-REQ for rleaver@AURORA.LOCAL (hand-made DER, RFC 4120), over UDP.
asreq='6a81a230819fa103020105a20302010aa31530133011a10402020080a20904073005a0030101ffa47c307aa00703050040810010a1143012a003020101a10b30091b07726c6561766572a20e1b0c4155524f52412e4c4f43414ca321301fa003020102a11830161b066b72627467741b0c4155524f52412e4c4f43414ca511180f32303337303931333032343830355aa70602041234abcda80b3009020112020111020117'
{ echo "I ${T}0Z"; echo "$asreq" | sed 's/../& /g; s/^/0000 /'; } >"$TMP/kerberos.txt"
printf 'time,event,badge,person,door,reader,controller\n2026-03-02T10:00:00Z,granted,31077,,gate,rdr-gate,\n' >"$TMP/access.csv"

for p in ftp:21 telnet:23 http:80 rdp:3389 kerberos:88; do
  name=${p%%:*}; port=${p#*:}
  if ! mkpcap "$name" "$port"; then not_ok "$name: text2pcap"; continue; fi
  "$SEAWALL" sense --model "$TMP/port.yaml" --pcap "$TMP/$name.pcap" --access "$TMP/access.csv" \
      --eve "$TMP/$name.jsonl" --no-progress >/dev/null 2>"$TMP/$name.err"
  got=$(python3 - "$TMP/$name.jsonl" <<'PY'
import json, sys
al = [json.loads(l) for l in open(sys.argv[1])]
def has(rule): return [a for a in al if a["rule"]["id"] == rule]
acct, both, badge = has("SW-PHYS-ACCOUNT-INACTIVE"), has("SW-PHYS-BADGE-AND-REMOTE"), has("SW-PHYS-BADGE-INACTIVE")
ok = (len(acct) == 1 and acct[0]["event"]["dataset"] == "seawall.net" and "rleaver" in acct[0]["user"]["name"].lower()
      and len(both) == 1 and len(badge) == 1)
print("yes" if ok else "no: %s" % [(a["rule"]["id"], a.get("user")) for a in al])
PY
)
  if [ "$name" = kerberos ] && command -v tshark >/dev/null; then   # the oracle reads the same principal
    want=$(tshark -r "$TMP/kerberos.pcap" -T fields -e kerberos.CNameString -e kerberos.realm 2>/dev/null)
    mine=$("$SEAWALL" sense --pcap "$TMP/kerberos.pcap" --json 2>/dev/null | python3 -c 'import json,sys; k=json.load(sys.stdin)["meta"]["kerberos"]["keys"]; print(k["user.name"]["values"][0][0] + "\t" + k["krb.realm"]["values"][0][0])')
    if [ "$want" = "$mine" ]; then ok "kerberos: cname and realm as tshark reads them ($mine)"; else not_ok "kerberos: cname and realm as tshark reads them ($mine vs $want)"; fi
  fi
  if [ "$got" = yes ]; then ok "$name: the leaver's account reaches the person (ACCOUNT-INACTIVE, BADGE-AND-REMOTE)"
  else not_ok "$name: the leaver's account reaches the person ($got)"; diagnose <"$TMP/$name.err"; fi
  "$SEAWALL" correlate --eve "$TMP/$name.jsonl" --model "$TMP/port.yaml" --json >"$TMP/$name.cand" 2>/dev/null
  n=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["candidates"]; print(len(c), c[0]["alerts"] if c else 0)' "$TMP/$name.cand")
  if [ "$n" = "1 3" ]; then ok "$name: one candidate with the three alerts"; else not_ok "$name: one candidate with the three alerts ($n)"; fi
  # The wire name alone (no user.id, no addresses) resolves to the person
  # through the model's accounts and joins the badge alert.
  python3 - "$TMP/$name.jsonl" >"$TMP/$name.bare" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    if a["rule"]["id"] == "SW-PHYS-BADGE-INACTIVE": print(json.dumps(a))
    if a["rule"]["id"] == "SW-PHYS-ACCOUNT-INACTIVE":
        print(json.dumps({"@timestamp": a["@timestamp"], "event": a["event"], "rule": a["rule"], "user": {"name": a["user"]["name"]}}))
PY
  "$SEAWALL" correlate --eve "$TMP/$name.bare" --model "$TMP/port.yaml" --json >"$TMP/$name.cand2" 2>/dev/null
  n=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["candidates"]; print(len(c), any("person leaver" in e for e in c[0]["explanation"]) if c else False)' "$TMP/$name.cand2")
  if [ "$n" = "1 True" ]; then ok "$name: user.name alone links to the badge by the person"
  else not_ok "$name: user.name alone links to the badge by the person ($n)"; fi
done
done_testing
