#!/usr/bin/env bash
# net_tshark_dnp3.sh - the DNP3 parser against tshark on every capture in
# $SHARED/pcaps that carries DNP3 (attribution: $SHARED/pcaps/README.txt and
# MANIFEST.tsv): application requests and responses by function code (one
# per reassembled fragment, as tshark counts them), responses with error IIN
# by function, CRC errors, and the write/control totals against an
# independent table. Then the same streams cut into small TCP segments, packed
# into few, and carried over UDP (rebuilt with text2pcap), and the simulator.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }

# Function codes that change data or configuration, and those that actuate
# outputs or change the run state (IEEE 1815-2012 table 4-1), written out
# here independently of the parser's table.
WRITE_FCS=" 2 3 4 5 6 7 8 9 10 11 12 15 19 20 21 22 27 31 "
CONTROL_FCS=" 3 4 5 6 13 14 15 16 17 18 31 "

# compare FILE [LABEL]
compare() {
  local f=$1 n=${2:-${1##*/}} total want_w want_c ours_w ours_c
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$n: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  # One dnp3.al.func per application fragment; several in one frame come
  # comma-separated. Responses (0x81-0x83) carry one IIN each, in order.
  ts "$f" -Y dnp3.al.func -T fields -E occurrence=a -e dnp3.al.func | tr ',' '\n' | grep -E '^[0-9]+$' >"$TMP/funcs"
  awk '$1 < 128' "$TMP/funcs" | sort -n | uniq -c | awk '{print $2, $1}' >"$TMP/theirs_req"
  awk '$1 >= 128' "$TMP/funcs" | sort -n | uniq -c | awk '{print $2, $1}' >"$TMP/theirs_rsp"
  jq -r '(.ics.dnp3.functions // {}) | to_entries[] | select(.key != "256" and .value.requests > 0) | "\(.key) \(.value.requests)"' \
    "$TMP/s.json" | sort -n >"$TMP/ours_req"
  jq -r '(.ics.dnp3.functions // {}) | to_entries[] | select(.key != "256" and .value.responses > 0) | "\(.key) \(.value.responses)"' \
    "$TMP/s.json" | sort -n >"$TMP/ours_rsp"
  local kind label
  for kind in req rsp; do
    label=requests; [ "$kind" = rsp ] && label=responses
    total=$(awk '{s += $2} END {print s + 0}' "$TMP/theirs_$kind")
    if cmp -s "$TMP/ours_$kind" "$TMP/theirs_$kind"; then
      ok "$n: dnp3 $label by function code equal tshark ($total)"
    else
      not_ok "$n: dnp3 $label by function code differ from tshark (< seawall, > tshark)"
      diff "$TMP/ours_$kind" "$TMP/theirs_$kind" | diagnose
    fi
  done
  [ -s "$TMP/funcs" ] || return 0

  # Error IIN: function not supported, object unknown, parameter error,
  # already executing (IIN2 bits 0, 1, 2, 4) make a response an exception.
  ts "$f" -Y 'dnp3.al.func >= 0x81' -T fields -E occurrence=a -e dnp3.al.func -e dnp3.al.iin |
    awk -F'\t' 'function hex(s,   i, v) { v = 0; s = tolower(s); sub(/^0x/, "", s)
                                     for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
                                     return v }
                 function bit(v, k) { return int(v / 2 ^ k) % 2 }
                 {nf = split($1, fc, ","); ni = split($2, iin, ",")
                  for (i = 1; i <= nf && i <= ni; i++) { v = hex(iin[i])
                    if (bit(v, 0) || bit(v, 1) || bit(v, 2) || bit(v, 4)) print fc[i] } }' |
    sort -n | uniq -c | awk '{print $2, $1}' >"$TMP/theirs_exc"
  jq -r '(.ics.dnp3.functions // {}) | to_entries[] | select(.value.exceptions > 0) | "\(.key) \(.value.exceptions)"' \
    "$TMP/s.json" | sort -n >"$TMP/ours_exc"
  total=$(awk '{s += $2} END {print s + 0}' "$TMP/theirs_exc")
  if cmp -s "$TMP/ours_exc" "$TMP/theirs_exc"; then ok "$n: dnp3 error-IIN responses by function equal tshark ($total)"
  else not_ok "$n: dnp3 error-IIN responses differ from tshark"; diff "$TMP/ours_exc" "$TMP/theirs_exc" | diagnose; fi

  # CRC errors: tshark marks each frame with a bad header or data CRC.
  local crc_t crc_o
  crc_t=$(ts "$f" -Y 'dnp3.hdr.CRC.incorrect || dnp3.data_chunk.CRC.incorrect' -T fields -e frame.number | wc -l)
  crc_o=$(jq '(.ics.dnp3.functions["256"] // {requests: 0, responses: 0}) | .requests + .responses' "$TMP/s.json")
  if [ "$crc_o" = "$crc_t" ]; then ok "$n: dnp3 CRC errors $crc_o, as tshark"; else not_ok "$n: dnp3 CRC errors seawall $crc_o, tshark $crc_t"; fi

  # write/control totals from tshark's function codes and the table above
  # (OPEN_FILE for writing is a write too: none in these captures).
  want_w=$(awk -v s="$WRITE_FCS" '$1 < 128 && index(s, " " $1 " ") {c++} END {print c + 0}' "$TMP/funcs")
  want_c=$(awk -v s="$CONTROL_FCS" '$1 < 128 && index(s, " " $1 " ") {c++} END {print c + 0}' "$TMP/funcs")
  ours_w=$(jq '.ics.dnp3.writes // 0' "$TMP/s.json"); ours_c=$(jq '.ics.dnp3.controls // 0' "$TMP/s.json")
  if [ "$ours_w" = "$want_w" ]; then ok "$n: dnp3 write requests $ours_w"; else not_ok "$n: dnp3 write requests seawall $ours_w, expected $want_w"; fi
  if [ "$ours_c" = "$want_c" ]; then ok "$n: dnp3 control requests $ours_c"; else not_ok "$n: dnp3 control requests seawall $ours_c, expected $want_c"; fi
}

# rebuild FILE OUT MODE: the capture's TCP payloads, in order, as one
# connection to port 20000 with text2pcap. MODE: cutN splits each payload
# after N bytes; pack joins consecutive payloads of one direction; udp sends
# each payload as one datagram.
rebuild() {
  local in=$1 out=$2 mode=$3 cut=0
  case $mode in cut*) cut=${mode#cut} ;; pack) cut=-1 ;; esac
  ts "$in" -Y 'tcp.len > 0' -T fields -e tcp.dstport -e tcp.payload |
  awk -v cut="$cut" '
    function emit(d, hex,   i, s) { s = d " 000000"; for (i = 1; i <= length(hex); i += 2) s = s " " substr(hex, i, 2); print s; print "" }
    { d = ($1 == 20000) ? "I" : "O"; p = $2
      if (cut < 0) { if (d == pd || pd == "") acc = acc p; else { emit(pd, acc); acc = p } pd = d; next }
      c = cut * 2
      if (c > 0 && length(p) > c) { emit(d, substr(p, 1, c)); emit(d, substr(p, c + 1)) } else emit(d, p) }
    END { if (cut < 0 && acc != "") emit(pd, acc) }' >"$TMP/rebuild.txt"
  local l4="-T 40000,20000"
  [ "$mode" = udp ] && l4="-u 40000,20000"
  # shellcheck disable=SC2086
  text2pcap -q -D -4 10.0.0.1,10.0.0.2 $l4 "$TMP/rebuild.txt" "$out" >/dev/null 2>&1
}

n_dnp3=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  if [ -z "$(ts "$f" -Y dnp3 -T fields -e frame.number | head -1)" ]; then
    # No DNP3 for tshark: Seawall must see none either.
    "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>/dev/null
    check "${f##*/}: no dnp3 operations, as tshark" test "$(jq '.ics.dnp3 // null' "$TMP/s.json")" = null
    continue
  fi
  n_dnp3=$((n_dnp3 + 1))
  compare "$f"
  if command -v text2pcap >/dev/null; then
    for mode in cut12 cut23 pack udp; do
      rebuild "$f" "$TMP/re.pcap" "$mode" && compare "$TMP/re.pcap" "${f##*/} ($mode)"
    done
  fi
done
check "captures with DNP3 were found" test "$n_dnp3" -ge 3

# Zeek's ICSNPP/DNP3 logs carry no device identity, and $SHARED/pcaps/oracles
# holds none for DNP3; identities (group 0 attributes) are unit-tested.
if ls "$PCAPS"/oracles/*dnp3* >/dev/null 2>&1; then
  not_ok "a Zeek DNP3 oracle exists: compare it here"
else
  ok "dnp3 identities against Zeek # SKIP no Zeek DNP3 reference log in $PCAPS/oracles"
fi

# The simulator: the sample port's power SCADA polls two SEL outstations
# (examples/aurora, src/sim/proto_dnp3.c). A short run is compared whole,
# so DNP3 must be found exactly where tshark finds it among all the port's
# traffic; a 20-minute run, cut by tshark to TCP port 20000, must also hold
# the rarer exchanges: unsolicited responses, and the SELECT/OPERATE pair
# the SCADA sends when the ferry connects or sails.
sim_has() {   # FILE FC: tshark sees function code FC at least once
  ts "$1" -Y "dnp3.al.func == $2" -T fields -e frame.number | head -1 | grep -q .
}
if ! "$SEAWALL" sim --help >/dev/null 2>&1; then
  ok "simulator dnp3 # SKIP seawall sim unavailable"
elif "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 20s --scale 1 --no-scenarios \
       --feeds pcap --out "$TMP/sim" >/dev/null 2>&1 && [ -s "$TMP/sim/traffic.pcap" ]; then
  if sim_has "$TMP/sim/traffic.pcap" 1; then
    ok "simulator (20 s): tshark finds DNP3 reads"
    compare "$TMP/sim/traffic.pcap" "simulator 20s"
  else
    not_ok "simulator (20 s): tshark finds no DNP3 READ in the sample port's traffic"
  fi
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 20m --no-scenarios --feeds pcap \
       --out "$TMP/sim20" >/dev/null 2>&1 &&
     tshark -r "$TMP/sim20/traffic.pcap" -Y 'tcp.port == 20000' -w "$TMP/sim20/dnp3.pcap" 2>/dev/null; then
    rm -f "$TMP/sim20/traffic.pcap"
    for fc in 0 1 2 3 4 20 21 24 129 130; do
      check "simulator (20 min): tshark sees dnp3 function $fc" sim_has "$TMP/sim20/dnp3.pcap" "$fc"
    done
    compare "$TMP/sim20/dnp3.pcap" "simulator 20m"
  else
    not_ok "simulator (20 min) ran and tshark cut its DNP3"
  fi
else
  not_ok "seawall sim wrote a capture of the sample port"
fi

done_testing
