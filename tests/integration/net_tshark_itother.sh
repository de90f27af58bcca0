#!/usr/bin/env bash
# net_tshark_itother.sh - the SMB, NetBIOS (name and datagram services),
# NTP, SNMP, RTSP and ONVIF parsers against tshark as the oracle, on the
# simulator's output and on every capture in $SHARED/pcaps that carries
# them (attribution: $SHARED/pcaps/README.txt and MANIFEST.tsv): message
# counts per type and the key fields, compared as multisets (value and
# count). ONVIF and SNMP identities are checked against the declared model.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null; then
  echo "1..0 # SKIP needs tshark and jq"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }
# "count<TAB>value" lines, sorted, from values on stdin (one per line).
tally() { grep -v '^$' | sort | uniq -c | awk '{n = $1; sub(/^ *[0-9]+ /, ""); print n "\t" $0}' | sort -t$'\t' -k2; }
# ours JSON PROTOCOL KEY: the meta key's values as tally lines.
ours() { jq -r --arg p "$2" --arg k "$3" '(.meta[$p].keys[$k].values // [])[] | "\(.[1])\t\(.[0])"' "$1" | sort -t$'\t' -k2; }
# our_events JSON PROTOCOL: the protocol's event counts as tally lines.
our_events() { jq -r --arg p "$2" '(.meta[$p].events // {}) | to_entries[] | "\(.value)\t\(.key)"' "$1" | sort -t$'\t' -k2; }
# same NAME WHAT OURS THEIRS: one TAP line.
same() {
  local total
  total=$(awk -F'\t' '{s += $1} END {print s + 0}' "$4")
  if cmp -s "$3" "$4"; then ok "$1: $2 equal tshark ($total)"
  else not_ok "$1: $2 differ from tshark"; diff "$3" "$4" | head -20 | diagnose; fi
}
has() { [ "$(ts "$1" -Y "$2" -T fields -e frame.number | wc -l)" -gt 0 ]; }

smb2_names='0 negotiate 1 session_setup 2 logoff 3 tree_connect 4 tree_disconnect 5 create 6 close 7 flush 8 read
9 write 10 lock 11 ioctl 12 cancel 13 echo 14 query_directory 15 change_notify 16 query_info 17 set_info 18 oplock_break'
dialect_names='0x0202 2.0.2 0x0210 2.1 0x0300 3.0 0x0302 3.0.2 0x0311 3.1.1'
snmp_names='0 get_request 1 get_next_request 2 response 3 set_request 4 trap 5 get_bulk_request 6 inform_request
7 trap_v2 8 report'
ntp_modes='1 symmetric_active 2 symmetric_passive 3 client 4 server 5 broadcast 6 control 7 private'
nbns_ops='0 query 5 registration 6 release 7 wack 8 refresh 9 refresh 15 registration'
# name_by TABLE: maps the first word of each line through "key name" pairs.
name_by() { awk -v t="$1" 'BEGIN {n = split(t, a, /[ \n]+/); for (i = 1; i < n; i += 2) m[a[i]] = a[i + 1]} {print ($1 in m) ? m[$1] : "unknown"}'; }

compare() {
  local f=$1 n=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$n: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  local j=$TMP/s.json
  if has "$f" smb2; then
    # requests by command; replies are only reported for negotiate, session setup and tree connect
    our_events "$j" smb | grep -v -e '_response$' -e 'encrypted$' >"$TMP/o"
    ts "$f" -Y 'smb2.flags.response == 0' -T fields -E occurrence=a -e smb2.cmd | tr ',' '\n' | name_by "$smb2_names" | tally >"$TMP/t"
    same "$n" "SMB2 requests by command" "$TMP/o" "$TMP/t"
    ours "$j" smb smb.dialect >"$TMP/o"
    ts "$f" -Y 'smb2.cmd == 0 && smb2.flags.response == 1 && smb2.nt_status == 0' -T fields -e smb2.dialect | name_by "$dialect_names" | tally >"$TMP/t"
    same "$n" "SMB2 negotiated dialects" "$TMP/o" "$TMP/t"
    ours "$j" smb user.name >"$TMP/o"
    ts "$f" -Y 'ntlmssp.auth.username' -T fields -e ntlmssp.auth.username | tally >"$TMP/t"
    same "$n" "NTLMSSP user names" "$TMP/o" "$TMP/t"
    ours "$j" smb smb.domain >"$TMP/o"
    { ts "$f" -Y 'ntlmssp.auth.domain' -T fields -e ntlmssp.auth.domain
      ts "$f" -Y 'ntlmssp.challenge.target_info.nb_domain_name' -T fields -e ntlmssp.challenge.target_info.nb_domain_name; } | tally >"$TMP/t"
    same "$n" "NTLMSSP domains (authenticate and challenge)" "$TMP/o" "$TMP/t"
    ours "$j" smb netbios.name >"$TMP/o"
    { ts "$f" -Y 'ntlmssp.auth.hostname' -T fields -e ntlmssp.auth.hostname
      ts "$f" -Y 'ntlmssp.challenge.target_info.nb_computer_name' -T fields -e ntlmssp.challenge.target_info.nb_computer_name; } | tally >"$TMP/t"
    same "$n" "NTLMSSP workstation and server names" "$TMP/o" "$TMP/t"
    ours "$j" smb smb.share >"$TMP/o"
    ts "$f" -Y 'smb2.cmd == 3 && smb2.flags.response == 0' -T fields -e smb2.tree | tally >"$TMP/t"
    same "$n" "SMB2 tree connect shares" "$TMP/o" "$TMP/t"
    ours "$j" smb smb.file >"$TMP/o"
    ts "$f" -Y 'smb2.cmd == 5 && smb2.flags.response == 0' -T fields -e smb2.filename | tally >"$TMP/t"
    same "$n" "SMB2 create file names" "$TMP/o" "$TMP/t"
  fi
  if has "$f" nbns; then
    our_events "$j" nbns | grep -E $'\t(query|registration|release|refresh)$' >"$TMP/o"
    ts "$f" -Y 'nbns.flags.response == 0 && nbns.count.queries > 0 && !(nbns.type == 33)' -T fields -e nbns.flags.opcode | name_by "$nbns_ops" | tally >"$TMP/t"
    same "$n" "NBNS requests by opcode" "$TMP/o" "$TMP/t"
    # a name once per message (a registration repeats its question in the record)
    ours "$j" nbns netbios.name >"$TMP/o"
    ts "$f" -Y nbns -T fields -E occurrence=a -e nbns.name |
      awk -F, '{delete seen; for (i = 1; i <= NF; i++) {v = $i; sub(/ \(.*\)$/, "", v); if (!(v in seen)) {seen[v]; print v}}}' | tally >"$TMP/t"
    same "$n" "NBNS names" "$TMP/o" "$TMP/t"
  fi
  if has "$f" nbdgm; then
    ours "$j" nbdgm netbios.name >"$TMP/o"
    ts "$f" -Y 'nbdgm.source_name' -T fields -e nbdgm.source_name | tally >"$TMP/t"
    same "$n" "NBDGM source names" "$TMP/o" "$TMP/t"
    ours "$j" nbdgm nbdgm.destination >"$TMP/o"
    ts "$f" -Y 'nbdgm.destination_name' -T fields -e nbdgm.destination_name | tally >"$TMP/t"
    same "$n" "NBDGM destination names" "$TMP/o" "$TMP/t"
  fi
  if has "$f" ntp; then
    our_events "$j" ntp >"$TMP/o"
    ts "$f" -Y ntp -T fields -e ntp.flags.mode | name_by "$ntp_modes" | tally >"$TMP/t"
    same "$n" "NTP messages by mode" "$TMP/o" "$TMP/t"
    ours "$j" ntp ntp.version >"$TMP/o"
    ts "$f" -Y ntp -T fields -e ntp.flags.vn | tally >"$TMP/t"
    same "$n" "NTP versions" "$TMP/o" "$TMP/t"
    ours "$j" ntp ntp.stratum >"$TMP/o"
    ts "$f" -Y 'ntp.flags.mode != 3 && ntp.flags.mode < 6' -T fields -e ntp.stratum | tally >"$TMP/t"
    same "$n" "NTP strata (servers and peers)" "$TMP/o" "$TMP/t"
    # tshark prints the reference id as hex: text for stratum 0-1, an IPv4 address above
    ours "$j" ntp ntp.refid >"$TMP/o"
    ts "$f" -Y 'ntp.flags.mode != 3 && ntp.flags.mode < 6' -T fields -e ntp.stratum -e ntp.refid |
      awk -F'\t' 'function x(s) {return index("0123456789abcdef", substr(s, 1, 1)) * 16 + index("0123456789abcdef", substr(s, 2, 1)) - 17}
                   {h = tolower($2); if ($1 <= 1) {s = ""; for (i = 1; i < 8; i += 2) {c = x(substr(h, i, 2)); if (c == 0) break; s = s sprintf("%c", c)} print s}
                    else printf "%d.%d.%d.%d\n", x(substr(h, 1, 2)), x(substr(h, 3, 2)), x(substr(h, 5, 2)), x(substr(h, 7, 2))}' | tally >"$TMP/t"
    same "$n" "NTP reference ids" "$TMP/o" "$TMP/t"
  fi
  if has "$f" snmp; then
    our_events "$j" snmp >"$TMP/o"
    ts "$f" -Y snmp -T fields -e snmp.data | name_by "$snmp_names" | tally >"$TMP/t"
    same "$n" "SNMP PDUs by type" "$TMP/o" "$TMP/t"
    ours "$j" snmp snmp.community >"$TMP/o"
    ts "$f" -Y snmp.community -T fields -e snmp.community | tally >"$TMP/t"
    same "$n" "SNMP communities" "$TMP/o" "$TMP/t"
    check "$n: every SNMP community counted as a cleartext credential" \
      test "$(jq '.meta.snmp.cleartext_credentials' "$j")" = "$(ts "$f" -Y snmp.community -T fields -e frame.number | wc -l)"
    # requests only: a reply's OIDs are reported up to the meta bound
    ts "$f" -Y 'snmp.data != 2' -w "$TMP/req.pcap" -F pcap
    "$SEAWALL" sense --json --no-progress --pcap "$TMP/req.pcap" >"$TMP/req.json" 2>/dev/null
    ours "$TMP/req.json" snmp snmp.oid >"$TMP/o"
    ts "$f" -Y 'snmp.data != 2' -T fields -E occurrence=a -e snmp.name | tr ',' '\n' | tally >"$TMP/t"
    same "$n" "SNMP OIDs requested" "$TMP/o" "$TMP/t"
  fi
  if has "$f" 'rtsp.request || rtsp.response'; then
    ours "$j" rtsp rtsp.method >"$TMP/o"
    ts "$f" -Y rtsp.request -T fields -e rtsp.method | tally >"$TMP/t"
    same "$n" "RTSP requests by method" "$TMP/o" "$TMP/t"
    ours "$j" rtsp rtsp.uri >"$TMP/o"
    ts "$f" -Y rtsp.request -T fields -e rtsp.url | tally >"$TMP/t"
    same "$n" "RTSP request URIs" "$TMP/o" "$TMP/t"
    ours "$j" rtsp rtsp.status >"$TMP/o"
    ts "$f" -Y rtsp.response -T fields -e rtsp.status | tally >"$TMP/t"
    same "$n" "RTSP status codes" "$TMP/o" "$TMP/t"
  fi
  if has "$f" 'http.request.uri contains "/onvif/"'; then
    our_events "$j" onvif >"$TMP/o"
    printf '%s\tdevice_information\n' "$(ts "$f" -Y 'xml.tag contains "GetDeviceInformationResponse"' -T fields -e frame.number | wc -l)" >"$TMP/t"
    same "$n" "ONVIF GetDeviceInformation replies" "$TMP/o" "$TMP/t"
  fi
}

for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] && compare "$f"
done

if ! "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
   || [ ! -s "$TMP/sim/traffic.pcap" ]; then
  not_ok "seawall sim wrote a capture"
  done_testing
  exit
fi
sim=$TMP/sim/traffic.pcap
compare "$sim"
for p in smb nbns nbdgm ntp snmp rtsp onvif; do
  check "traffic.pcap: the simulator carries $p" test "$(jq --arg p "$p" '[.meta[$p].events // {} | .[]] | add // 0' "$TMP/s.json")" -gt 0
done

# Identities against the declared model: what each camera says over ONVIF
# and each managed device over SNMP is what port.yaml declares for its address.
if "$SEAWALL" init --db "$TMP/m.db" "$SEAWALL_SRC/examples/aurora/port.yaml" >/dev/null 2>&1 &&
   "$SEAWALL" assets --db "$TMP/m.db" --json >"$TMP/assets.json" 2>/dev/null; then
  jq -r '.identities[] | select(.protocol == "onvif") | [.device, .vendor, .model, .firmware] | @tsv' "$TMP/s.json" | sort >"$TMP/o"
  jq -r --slurpfile ids <(jq '[.identities[] | select(.protocol == "onvif") | .device]' "$TMP/s.json") \
    '.[] | .ips[] as $ip | select($ids[0] | index($ip)) | [$ip, .vendor, .product, .version] | @tsv' "$TMP/assets.json" | sort >"$TMP/t"
  if [ -s "$TMP/o" ] && cmp -s "$TMP/o" "$TMP/t"; then ok "ONVIF identities equal the declared cameras ($(wc -l <"$TMP/o"))"
  else not_ok "ONVIF identities differ from the declared cameras"; diff "$TMP/o" "$TMP/t" | head | diagnose; fi
  jq -r '.identities[] | select(.protocol == "snmp") | [.device, .name] | @tsv' "$TMP/s.json" | sort >"$TMP/o"
  jq -r --slurpfile ids <(jq '[.identities[] | select(.protocol == "snmp") | .device]' "$TMP/s.json") \
    '.[] | .ips[] as $ip | select($ids[0] | index($ip)) | [$ip, .id] | @tsv' "$TMP/assets.json" | sort >"$TMP/t"
  if [ -s "$TMP/o" ] && cmp -s "$TMP/o" "$TMP/t"; then ok "SNMP sysName identities equal the declared asset ids ($(wc -l <"$TMP/o"))"
  else not_ok "SNMP sysName identities differ from the declared assets"; diff "$TMP/o" "$TMP/t" | head | diagnose; fi
else
  not_ok "seawall init and assets read the sample model"
fi
done_testing
