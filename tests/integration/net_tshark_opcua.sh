#!/usr/bin/env bash
# net_tshark_opcua.sh - OPC UA binary in `seawall sense` against tshark on
# every capture in $SHARED/pcaps that carries it (attribution: README.txt and
# MANIFEST.tsv there): messages by type, services by type id, bad service
# results, SecurityPolicy#None flags and the server's ApplicationDescription.
# One capture runs on TCP 12001: tshark is told (-d tcp.port==12001,opcua),
# Seawall finds it by content. Several messages in one frame count one by one.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -d tcp.port==12001,opcua -r "$@" 2>/dev/null; }
tally() { grep -E '^[0-9A-Z]+$' | sort | uniq -c | awk '{print $2, $1}' | sort; }

same() {
  local total
  total=$(awk '{s += $2} END {print s + 0}' "$3")
  if cmp -s "$2" "$3"; then ok "$1 equal tshark ($total)"; else not_ok "$1 differ from tshark"; diff "$2" "$3" | diagnose; fi
}

# the binary encoding ids of responses (Part 6), and ServiceFault
RESPONSES="397 425 431 440 449 455 464 470 476 482 491 497 503 509 530 536 557 563 569 618 624 634 667 676 703
715 754 766 772 778 784 790 796 802 829 835 844 850 12209 12212"

compare() {
  local f=$1 n=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err"; then
    not_ok "$n: seawall sense ran"; diagnose <"$TMP/s.err"; return
  fi
  ok "$n: seawall sense ran"
  check "$n: recognised as opcua by content" test "$(jq '.flows.by_app.opcua // 0' "$TMP/s.json")" -gt 0
  # one row per frame: message types, service type ids, policy URIs, service results
  ts "$f" -Y opcua -T fields -E occurrence=a -e opcua.transport.type -e opcua.servicenodeid.numeric \
    -e opcua.security.spu -e opcua.ServiceResult >"$TMP/ts"

  # messages by type: ours from the service ids (446/449 OPN, 452/455 CLO,
  # other services MSG) and the type-only functions 1-8
  awk -F'\t' '{ n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i] }' "$TMP/ts" | tally >"$TMP/t"
  jq -r '(.ics.opcua.functions // {}) | to_entries[] | (.key | tonumber) as $k | select($k != 9)
    | (if $k == 1 then "HEL" elif $k == 2 then "ACK" elif $k == 3 then "ERR" elif $k == 4 then "RHE"
       elif $k == 5 or $k == 446 or $k == 449 then "OPN" elif $k == 7 or $k == 452 or $k == 455 then "CLO"
       else "MSG" end) as $t | range(.value.requests + .value.responses) | $t' "$TMP/s.json" | tally >"$TMP/o"
  same "$n: messages by type" "$TMP/o" "$TMP/t"

  awk -F'\t' '{ n = split($2, a, ","); for (i = 1; i <= n; i++) print a[i] }' "$TMP/ts" | tally >"$TMP/t"
  jq -r '(.ics.opcua.functions // {}) | to_entries[] | select((.key | tonumber) >= 256)
    | "\(.key) \(.value.requests + .value.responses)"' "$TMP/s.json" | sort >"$TMP/o"
  same "$n: services by type id (requests and responses)" "$TMP/o" "$TMP/t"

  # bad service results (the status code's severity bits) by response type id
  awk -F'\t' -v resp="$RESPONSES" 'BEGIN { m = split(resp, x, " "); for (i = 1; i <= m; i++) isresp[x[i]] = 1 }
    { n = split($2, s, ","); split($4, r, ",");
      k = 0; for (i = 1; i <= n; i++) if (s[i] in isresp) { k++; if (r[k] ~ /^0x[89a-fA-F]/) print s[i] } }' \
    "$TMP/ts" | tally >"$TMP/t"
  jq -r '(.ics.opcua.functions // {}) | to_entries[] | select((.key | tonumber) >= 256 and .value.exceptions > 0)
    | "\(.key) \(.value.exceptions)"' "$TMP/s.json" | sort >"$TMP/o"
  same "$n: responses with a bad service result by type id" "$TMP/o" "$TMP/t"

  # SecurityPolicy#None: one flag per OpenSecureChannel message naming it
  theirs=$(awk -F'\t' '{ n = split($3, a, ","); for (i = 1; i <= n; i++) if (a[i] ~ /#None$/) print }' "$TMP/ts" | wc -l)
  ours=$(jq '.ics.opcua.functions["9"] | if . then .requests + .responses else 0 end' "$TMP/s.json")
  if [ "$ours" = "$theirs" ]; then ok "$n: SecurityPolicy#None flagged on $ours OpenSecureChannel messages"
  else not_ok "$n: SecurityPolicy#None flags: seawall $ours, tshark $theirs"; fi

  # the server's ApplicationDescription (first endpoint of GetEndpoints)
  ts "$f" -Y 'opcua.servicenodeid.numeric == 431' -T fields -E occurrence=f -e opcua.ProductUri | sort -u | grep . >"$TMP/t"
  jq -r '.identities[] | select(.protocol == "opcua") | .product // empty' "$TMP/s.json" | sort -u >"$TMP/o"
  if cmp -s "$TMP/o" "$TMP/t"; then ok "$n: server ProductUri equals tshark ($(paste -sd, "$TMP/t"))"
  else not_ok "$n: server ProductUri differs from tshark"; diff "$TMP/o" "$TMP/t" | diagnose; fi
}

n_files=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  [ -n "$(ts "$f" -Y opcua -T fields -e frame.number | head -1)" ] || continue
  compare "$f"; n_files=$((n_files + 1))
done
check "OPC UA captures found" test "$n_files" -ge 3

done_testing
