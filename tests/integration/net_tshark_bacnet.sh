#!/usr/bin/env bash
# net_tshark_bacnet.sh - BACnet/IP in `seawall sense` against tshark on every
# capture in $SHARED/pcaps that carries it (attribution: README.txt and
# MANIFEST.tsv there) and on simulator output: confirmed requests, answers and
# errors by service, unconfirmed services, APDU types without a service, BVLC
# functions and network messages; I-Am identities against the Zeek oracle.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }
# "key count" lines, sorted, from one value (or a comma-separated list) per line
tally() { tr ',' '\n' | grep -E '^[0-9a-fx]+$' | sort | uniq -c | awk '{print $2, $1}' | sort -n; }

# same NAME OURS THEIRS: one TAP line comparing two tallies
same() {
  local total
  total=$(awk '{s += $2} END {print s + 0}' "$3")
  if cmp -s "$2" "$3"; then ok "$1 equal tshark ($total)"; else not_ok "$1 differ from tshark"; diff "$2" "$3" | diagnose; fi
}

# ours JQ-SELECT FIELD OFFSET: "function-OFFSET count" lines from the summary
ours() {
  jq -r --argjson lo "$1" --argjson hi "$2" --arg f "$3" '(.ics.bacnet.functions // {}) | to_entries[]
    | select((.key | tonumber) >= $lo and (.key | tonumber) < $hi and .value[$f] > 0)
    | "\((.key | tonumber) - $lo) \(.value[$f])"' "$TMP/s.json" | sort -n
}

# field COL [AWK-CONDITION]: that column of tshark's table, as a tally
field() { awk -F'\t' "${2:-1}"' { print $'"$1"' }' "$TMP/ts" | tally; }

compare() {
  local f=$1 n=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err"; then
    not_ok "$n: seawall sense ran"; diagnose <"$TMP/s.err"; return
  fi
  ok "$n: seawall sense ran"
  # one pass: 1 BVLC function (decimal), 2 APDU type, 3 confirmed service,
  # 4 unconfirmed service, 5 network message type, 6 sender, 7 first instance
  ts "$f" -Y bvlc -T fields -E occurrence=f -e bvlc.function -e bacapp.type -e bacapp.confirmed_service \
    -e bacapp.unconfirmed_service -e bacnet.mesgtyp -e ip.src -e bacapp.instance_number |
    while IFS=$'\t' read -r fn rest; do printf '%d\t%s\n' "$fn" "$rest"; done >"$TMP/ts"

  field 3 '$2 == 0' >"$TMP/t"; ours 0 256 requests >"$TMP/o"
  same "$n: confirmed requests by service" "$TMP/o" "$TMP/t"
  field 3 '$2 == 2 || $2 == 3 || $2 == 5' >"$TMP/t"; ours 0 256 responses >"$TMP/o"
  same "$n: simple/complex acks and errors by service" "$TMP/o" "$TMP/t"
  field 3 '$2 == 5' >"$TMP/t"; ours 0 256 exceptions >"$TMP/o"
  same "$n: errors by service" "$TMP/o" "$TMP/t"
  field 4 '$2 == 1' >"$TMP/t"; ours 256 512 requests >"$TMP/o"
  same "$n: unconfirmed requests by service" "$TMP/o" "$TMP/t"

  # segment-ack, reject, abort: counted by APDU type (tshark names no service)
  field 2 '$2 == 4 || $2 == 6 || $2 == 7' >"$TMP/t"
  jq -r '(.ics.bacnet.functions // {}) | to_entries[] | select((.key | tonumber) >= 1024 and (.key | tonumber) < 1032)
    | "\((.key | tonumber) - 1024) \(.value.requests + .value.responses)"' "$TMP/s.json" | sort -n >"$TMP/o"
  same "$n: segment-ack/reject/abort APDUs" "$TMP/o" "$TMP/t"

  field 5 '$5 != ""' | while read -r k v; do echo "$((k)) $v"; done | sort -n >"$TMP/t"
  jq -r '(.ics.bacnet.functions // {}) | to_entries[] | select((.key | tonumber) >= 512 and (.key | tonumber) < 768)
    | "\((.key | tonumber) - 512) \(.value.requests + .value.responses)"' "$TMP/s.json" | sort -n >"$TMP/o"
  same "$n: network layer messages by type" "$TMP/o" "$TMP/t"

  # BVLC functions without an NPDU one by one; NPDU carriers (0x04, 0x09,
  # 0x0a, 0x0b) as one total against every NPDU operation
  field 1 '$1 != 4 && $1 != 9 && $1 != 10 && $1 != 11' >"$TMP/t"
  jq -r '(.ics.bacnet.functions // {}) | to_entries[] | select((.key | tonumber) >= 768 and (.key | tonumber) < 1024)
    | "\((.key | tonumber) - 768) \(.value.requests + .value.responses)"' "$TMP/s.json" | sort -n >"$TMP/o"
  same "$n: BVLC functions without an NPDU" "$TMP/o" "$TMP/t"
  local theirs oursn
  theirs=$(awk -F'\t' '$1 == 4 || $1 == 9 || $1 == 10 || $1 == 11' "$TMP/ts" | wc -l)
  oursn=$(jq '[(.ics.bacnet.functions // {}) | to_entries[] | select((.key | tonumber) < 768 or (.key | tonumber) >= 1024)
    | .value.requests + .value.responses] | add // 0' "$TMP/s.json")
  if [ "$oursn" = "$theirs" ]; then ok "$n: NPDUs $oursn"; else not_ok "$n: NPDUs seawall $oursn, tshark $theirs"; fi

  # I-Am identities (sender, device instance) against tshark's decode
  awk -F'\t' '$2 == 1 && $4 == 0 { print $6 "\t" $7 }' "$TMP/ts" | sort -u >"$TMP/t"
  jq -r '.identities[] | select(.protocol == "bacnet" and .model == null) | "\(.device)\t\(.unit_id)"' "$TMP/s.json" |
    sort -u >"$TMP/o"
  if cmp -s "$TMP/o" "$TMP/t"; then ok "$n: I-Am devices equal tshark ($(wc -l <"$TMP/t"))"
  else not_ok "$n: I-Am devices differ from tshark"; diff "$TMP/o" "$TMP/t" | diagnose; fi
}

n_files=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  [ -n "$(ts "$f" -Y bvlc -T fields -e frame.number | head -1)" ] || continue
  compare "$f"; n_files=$((n_files + 1))
done
check "BACnet captures found" test "$n_files" -ge 2

# Zeek's bacnet_discovery.log (ICSNPP): every I-Am's sender, device instance
# and vendor name equal ours; the Who-Is and I-Am counts equal.
ORACLE="$PCAPS/oracles/bacnet_example.bacnet_discovery.log"
if [ -f "$ORACLE" ]; then
  "$SEAWALL" sense --json --no-progress --pcap "$PCAPS/bacnet_example.pcap" >"$TMP/s.json"
  awk -F'\t' '!/^#/ && $12 == "i-am" { print $8 "\t" $16 "\t" $17 }' "$ORACLE" | sort -u >"$TMP/z"
  jq -r '.identities[] | select(.protocol == "bacnet" and .vendor != null) | "\(.device)\t\(.unit_id)\t\(.vendor)"' \
    "$TMP/s.json" | sort -u >"$TMP/o"
  if cmp -s "$TMP/o" "$TMP/z"; then ok "I-Am identities (device, instance, vendor) equal Zeek ($(wc -l <"$TMP/z"))"
  else not_ok "I-Am identities differ from Zeek"; diff "$TMP/o" "$TMP/z" | diagnose; fi
  for svc in who-is:264 i-am:256; do
    z=$(awk -F'\t' -v s="${svc%%:*}" '!/^#/ && $12 == s' "$ORACLE" | wc -l)
    o=$(jq ".ics.bacnet.functions[\"${svc##*:}\"].requests // 0" "$TMP/s.json")
    if [ "$o" = "$z" ]; then ok "${svc%%:*} count equals Zeek ($z)"; else not_ok "${svc%%:*}: seawall $o, Zeek $z"; fi
  done
  # ReadProperty answers about the device object: the identity the test
  # capture's device gives of itself (vendor-name, model-name, firmware)
  "$SEAWALL" sense --json --no-progress --pcap "$PCAPS/bacnet_test.pcap" >"$TMP/s.json"
  want=$(ts "$PCAPS/bacnet_test.pcap" -Y 'bacapp.type == 3 && bacapp.property_identifier == 70' -V |
    sed -n "s/^ *model-name: .*'\(.*\)'\$/\1/p" | head -1)
  got=$(jq -r '.identities[] | select(.protocol == "bacnet") | .model' "$TMP/s.json" | head -1)
  if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "model-name from ReadProperty equals tshark ($want)"
  else not_ok "model-name from ReadProperty: seawall '$got', tshark '$want'"; fi
else
  not_ok "Zeek oracle $ORACLE present"
fi

# The simulator's BACnet (ReadProperty polling), compared the same way.
if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
    # an equal count of zero would prove nothing: the simulator must carry the protocol
    check "simulator capture carries BACnet (tshark: bacapp)" test -n "$(ts "$TMP/sim/traffic.pcap" -Y bacapp -T fields -e frame.number | head -1)"
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

done_testing
