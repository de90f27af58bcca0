#!/usr/bin/env bash
# net_tshark_iec104.sh - IEC 60870-5-104 in `seawall sense` against tshark on
# every capture in $SHARED/pcaps that carries it (attribution: README.txt and
# MANIFEST.tsv there) and on simulator output: APDUs by format, U-frames by
# function, ASDUs by type id toward and from port 2404, negative and
# unknown-cause ASDUs. Several APDUs in one frame are counted one by one.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }
tally() { grep -E '^[0-9]+$' | sort -n | uniq -c | awk '{print $2, $1}' | sort -n; }

same() {
  local total
  total=$(awk '{s += $2} END {print s + 0}' "$3")
  if cmp -s "$2" "$3"; then ok "$1 equal tshark ($total)"; else not_ok "$1 differ from tshark"; diff "$2" "$3" | diagnose; fi
}

# ours LO HI EXPR: "function-LO count" for functions in [LO, HI) where EXPR (jq, on .value) > 0
ours() {
  jq -r --argjson lo "$1" --argjson hi "$2" "(.ics.iec104.functions // {}) | to_entries[]
    | select((.key | tonumber) >= \$lo and (.key | tonumber) < \$hi) | [(.key | tonumber) - \$lo, (.value | $3)]
    | select(.[1] > 0) | \"\\(.[0]) \\(.[1])\"" "$TMP/s.json" | sort -n
}

compare() {
  local f=$1 n=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err"; then
    not_ok "$n: seawall sense ran"; diagnose <"$TMP/s.err"; return
  fi
  ok "$n: seawall sense ran"
  # one row per frame: destination port, then per-APDU and per-ASDU lists
  ts "$f" -Y iec60870_104 -T fields -E occurrence=a -e tcp.dstport -e iec60870_104.type -e iec60870_104.utype \
    -e iec60870_asdu.typeid -e iec60870_asdu.causetx -e iec60870_asdu.nega >"$TMP/ts"

  # APDUs by format: I 0, S 1, U 3
  awk -F'\t' '{ n = split($2, a, ","); for (i = 1; i <= n; i++) printf "%d\n", a[i] }' "$TMP/ts" | tally >"$TMP/t"
  {
    jq -r '[(.ics.iec104.functions // {}) | to_entries[] | select((.key | tonumber) < 256 or (.key | tonumber) == 321)
      | .value.requests + .value.responses] | add // 0 | "0 \(.)"' "$TMP/s.json"
    jq -r '[(.ics.iec104.functions // {}) | to_entries[] | select((.key | tonumber) == 320)
      | .value.requests + .value.responses] | add // 0 | "1 \(.)"' "$TMP/s.json"
    jq -r '[(.ics.iec104.functions // {}) | to_entries[] | select((.key | tonumber) >= 256 and (.key | tonumber) < 320)
      | .value.requests + .value.responses] | add // 0 | "3 \(.)"' "$TMP/s.json"
  } | awk '$2 > 0' >"$TMP/o"
  same "$n: APDUs by format (I, S, U)" "$TMP/o" "$TMP/t"

  awk -F'\t' '{ n = split($3, a, ","); for (i = 1; i <= n; i++) if (a[i] != "") printf "%d\n", a[i] }' "$TMP/ts" | tally >"$TMP/t"
  ours 256 320 '.requests + .responses' >"$TMP/o"
  same "$n: U-frames by function (1 STARTDT act .. 32 TESTFR con)" "$TMP/o" "$TMP/t"

  awk -F'\t' '{ n = split($4, a, ","); for (i = 1; i <= n; i++) print a[i] }' "$TMP/ts" | tally >"$TMP/t"
  ours 0 256 '.requests + .responses' >"$TMP/o"
  same "$n: ASDUs by type id" "$TMP/o" "$TMP/t"

  awk -F'\t' '$1 == 2404 { n = split($4, a, ","); for (i = 1; i <= n; i++) print a[i] }' "$TMP/ts" | tally >"$TMP/t"
  ours 0 256 '.requests' >"$TMP/o"
  same "$n: ASDUs toward port 2404 by type id (our requests: activations)" "$TMP/o" "$TMP/t"

  awk -F'\t' '$1 != 2404 { n = split($4, a, ","); for (i = 1; i <= n; i++) print a[i] }' "$TMP/ts" | tally >"$TMP/t"
  ours 0 256 '.responses' >"$TMP/o"
  same "$n: ASDUs from port 2404 by type id (our responses: monitoring and confirmations)" "$TMP/o" "$TMP/t"

  # negative confirmations and causes 44-47 (unknown type, cause, address)
  awk -F'\t' '{ n = split($4, t, ","); split($5, c, ","); split($6, g, ",");
                for (i = 1; i <= n; i++) if (g[i] == 1 || (c[i] >= 44 && c[i] <= 47)) print t[i] }' "$TMP/ts" | tally >"$TMP/t"
  ours 0 256 '.exceptions' >"$TMP/o"
  same "$n: negative or unknown-cause ASDUs by type id" "$TMP/o" "$TMP/t"
}

n_files=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  [ -n "$(ts "$f" -Y iec60870_104 -T fields -e frame.number | head -1)" ] || continue
  compare "$f"; n_files=$((n_files + 1))
done
check "IEC 104 captures found" test "$n_files" -ge 2

# The simulator's IEC 104 (STARTDT, interrogation, spontaneous measurements).
if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
    # an equal count of zero would prove nothing: the simulator must carry the protocol
    check "simulator capture carries IEC-104 (tshark: iec60870_asdu)" test -n "$(ts "$TMP/sim/traffic.pcap" -Y iec60870_asdu -T fields -e frame.number | head -1)"
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

done_testing
