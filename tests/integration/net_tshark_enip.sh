#!/usr/bin/env bash
# net_tshark_enip.sh - EtherNet/IP and CIP in `seawall sense` against tshark
# and Zeek (ICSNPP) as oracles, on every capture in $SHARED/pcaps carrying
# them (attribution: $SHARED/pcaps/README.txt and MANIFEST.tsv) and on the
# simulator's output: encapsulation commands and CIP services, requests and
# responses, must be equal; the ListIdentity identity must equal Zeek's.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }

# counts FIELD FILTER: "decimal-code count" lines from tshark, one per PDU
# occurrence (several CIP services share a frame: Multiple Service Packet,
# Unconnected Send).
counts() {
  ts "$F" -Y "$2" -T fields -E occurrence=a -e "$1" | tr ',' '\n' | grep -E '^0x[0-9a-fA-F]+$' |
    while read -r h; do echo $((h)); done | sort -n | uniq -c | awk '{print $2, $1}'
}

# ours PROTO KIND: the same from seawall's JSON (KIND requests or responses).
ours() {
  jq -r --arg p "$1" --arg k "$2" '(.ics[$p].functions // {}) | to_entries[] | select(.value[$k] > 0) | "\(.key) \(.value[$k])"' \
    "$TMP/s.json" | sort -n
}

same() {   # same LABEL: compares $TMP/ours with $TMP/theirs
  local total
  total=$(awk '{s += $2} END {print s + 0}' "$TMP/theirs")
  if cmp -s "$TMP/ours" "$TMP/theirs"; then ok "$N: $1 equal tshark ($total)"
  else not_ok "$N: $1 differ from tshark"; diff "$TMP/ours" "$TMP/theirs" | diagnose; fi
}

REQ='(tcp.dstport == 44818 || udp.dstport == 44818)'
RSP='(tcp.srcport == 44818 || udp.srcport == 44818)'

compare() {
  F=$1 N=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$F" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$N: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  counts enip.command "enip && $REQ" >"$TMP/theirs"; ours enip requests >"$TMP/ours"; same "enip requests by command"
  counts enip.command "enip && $RSP" >"$TMP/theirs"; ours enip responses >"$TMP/ours"; same "enip responses by command"
  counts cip.sc "cip && $REQ" >"$TMP/theirs"; ours cip requests >"$TMP/ours"; same "CIP requests by service"
  counts cip.sc "cip && $RSP" >"$TMP/theirs"; ours cip responses >"$TMP/ours"; same "CIP responses by service"
  local io_theirs io_ours
  io_theirs=$(ts "$F" -Y cipio -T fields -e ip.src -e udp.srcport -e ip.dst -e udp.dstport |
    awk '{a = $1 ":" $2; b = $3 ":" $4; print (a < b) ? a " " b : b " " a}' | sort -u | wc -l)
  io_ours=$(jq '.flows.by_app["cip-io"] // 0' "$TMP/s.json")
  if [ "$io_ours" = "$io_theirs" ]; then ok "$N: CIP I/O flows $io_ours equal tshark"
  else not_ok "$N: CIP I/O flows seawall $io_ours, tshark $io_theirs"; fi
  check "$N: nothing malformed" test "$(jq '[.ics.enip.malformed // 0, .ics.cip.malformed // 0] | add' "$TMP/s.json")" = 0
}

FOUND=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  [ -n "$(ts "$f" -Y 'enip || cipio' -T fields -e frame.number | head -1)" ] || continue
  FOUND=$((FOUND + 1))
  compare "$f"
done
check "captures carrying EtherNet/IP found" test "$FOUND" -ge 3

# The program download is seen as control: the controller stopped (0x07)
# and started (0x06), program structure created and filled.
if [ -f "$PCAPS/EIP-SoftwareDownload.pcap" ]; then
  "$SEAWALL" sense --json --no-progress --pcap "$PCAPS/EIP-SoftwareDownload.pcap" >"$TMP/s.json" 2>/dev/null
  check "EIP-SoftwareDownload.pcap: program download requests classed as control" \
    test "$(jq '.ics.cip.controls // 0' "$TMP/s.json")" -ge 50
  check "EIP-SoftwareDownload.pcap: one stop and one start" \
    test "$(jq '[.ics.cip.functions["6"].requests, .ics.cip.functions["7"].requests] | @csv' "$TMP/s.json")" = '"1,1"'
fi

# Zeek (ICSNPP-ENIP) on enip_cip_example.pcap: CIP services per direction,
# and the ListIdentity identity field by field.
F="$PCAPS/enip_cip_example.pcap" N=enip_cip_example.pcap
ZCIP="$PCAPS/oracles/enip_cip_example.cip.log" ZID="$PCAPS/oracles/enip_cip_example.cip_identity.log"
if [ -f "$F" ] && [ -f "$ZCIP" ] && [ -f "$ZID" ]; then
  "$SEAWALL" sense --json --no-progress --pcap "$F" >"$TMP/s.json" 2>/dev/null
  for dir in request response; do
    grep -v '^#' "$ZCIP" | awk -F'\t' -v d=$dir '$13 == d {print $14}' | while read -r h; do echo $((h)); done |
      sort -n | uniq -c | awk '{print $2, $1}' >"$TMP/theirs"
    ours cip "${dir}s" >"$TMP/ours"
    if cmp -s "$TMP/ours" "$TMP/theirs"; then ok "$N: CIP ${dir}s by service equal Zeek ($(awk '{s += $2} END {print s}' "$TMP/theirs"))"
    else not_ok "$N: CIP ${dir}s by service differ from Zeek"; diff "$TMP/ours" "$TMP/theirs" | diagnose; fi
  done
  IFS=$'\t' read -r -a z < <(grep -v '^#' "$ZID" | head -1)
  # fields: 13 device ip, 16 vendor name, 18 device type name, 19 product code,
  # 20 revision, 22 serial, 23 product name (0-based: one less)
  id=$(jq -c --arg ip "${z[12]}" '[.identities[] | select(.protocol == "enip" and .device == $ip)][0] // {}' "$TMP/s.json")
  want() {
    local label=$1 field=$2 expect=$3 got
    got=$(jq -r ".$field // \"(none)\"" <<<"$id")
    if [ "$got" = "$expect" ]; then ok "$N: identity $label \"$got\" equals Zeek"
    else not_ok "$N: identity $label seawall \"$got\", Zeek \"$expect\""; fi
  }
  want vendor vendor "${z[15]}"
  want "device type" device_type "${z[17]}"
  want "product code" product_code "${z[18]}"
  want revision firmware "${z[19]}"
  want serial serial "${z[21]}"
  want "product name" product "${z[22]}"
else
  not_ok "Zeek oracle logs for enip_cip_example.pcap are present"
fi

# The simulator's EtherNet/IP traffic, compared the same way.
if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
    # an equal count of zero would prove nothing: the simulator must carry the protocol
    check "simulator capture carries CIP (tshark: cip)" test -n "$(ts "$TMP/sim/traffic.pcap" -Y cip -T fields -e frame.number | head -1)"
    check "simulator: ListIdentity identities seen" \
      test "$(jq '[.identities[] | select(.protocol == "enip")] | length' "$TMP/s.json")" -gt 0
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

done_testing
