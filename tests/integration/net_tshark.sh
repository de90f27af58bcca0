#!/usr/bin/env bash
# net_tshark.sh - `seawall sense` against tshark as the oracle, on every
# capture in $SHARED/pcaps (attribution: $SHARED/pcaps/README.txt and
# MANIFEST.tsv): packet count, TCP and UDP conversations, and Modbus
# requests by function code, which must be equal. tshark calls a Modbus PDU a
# request when it goes to port 502; Seawall when it goes to the flow's server
# (the SYN's receiver, else the service port): on these captures they agree.
# The simulator's output is compared the same way when it is built.
# Also: damaged, empty and missing inputs exit cleanly.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }

# compare FILE: packets, TCP/UDP conversations and Modbus requests by FC.
compare() {
  local f=$1 n=${1##*/} ours theirs total proto
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$n: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  ours=$(jq .packets "$TMP/s.json"); theirs=$(ts "$f" -T fields -e frame.number | wc -l)
  if [ "$ours" = "$theirs" ]; then ok "$n: packets $ours"; else not_ok "$n: packets seawall $ours, tshark $theirs"; fi

  for proto in tcp udp; do
    ours=$(jq ".flows.$proto" "$TMP/s.json")
    # tshark's SNMP dissector opens a wildcard-port conversation for the
    # reply, which splits one UDP flow in two in conv tables: counted without it
    theirs=$(ts "$f" --disable-protocol snmp -q -z "conv,$proto" | grep -c '<->')
    if [ "$ours" = "$theirs" ]; then ok "$n: $proto flows $ours"; else not_ok "$n: $proto flows seawall $ours, tshark $theirs"; fi
  done

  # Modbus requests by function code ("fc count" lines, sorted); several PDUs
  # in one frame come as a comma-separated list from tshark.
  ts "$f" -Y 'mbtcp && tcp.dstport == 502' -T fields -e modbus.func_code |
    tr ',' '\n' | grep -E '^[0-9]+$' | sort -n | uniq -c | awk '{print $2, $1}' >"$TMP/theirs"
  jq -r '(.ics.modbus.functions // {}) | to_entries[] | select(.value.requests > 0) | "\(.key) \(.value.requests)"' \
    "$TMP/s.json" | sort -n >"$TMP/ours"
  total=$(awk '{s += $2} END {print s + 0}' "$TMP/theirs")
  if cmp -s "$TMP/ours" "$TMP/theirs"; then
    ok "$n: modbus requests by function code equal tshark ($total)"
  else
    not_ok "$n: modbus requests by function code differ from tshark"
    diff "$TMP/ours" "$TMP/theirs" | diagnose
  fi
}

for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] && compare "$f"
done

# The simulator's output, when `seawall sim` is built: a short run keeps
# tshark's share of the test time small.
if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 20s --scale 1 --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
    # an equal count of zero would prove nothing: the simulator must carry the protocol
    check "simulator capture carries Modbus (tshark: mbtcp)" test -n "$(ts "$TMP/sim/traffic.pcap" -Y mbtcp -T fields -e frame.number | head -1)"
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

# Bad inputs: a missing file and an empty one are unreadable (exit 3); a
# file cut mid-record is read up to the cut and still summarised.
expect_exit 3 "missing file exits 3" "$SEAWALL" sense --no-progress --pcap "$TMP/nope.pcap"
: >"$TMP/empty.pcap"
expect_exit 3 "empty file exits 3" "$SEAWALL" sense --no-progress --pcap "$TMP/empty.pcap"
head -c 700000 "$PCAPS/ModbusTCP.pcap" >"$TMP/cut.pcap"
expect_exit 0 "truncated capture is summarised" "$SEAWALL" sense --no-progress --json --pcap "$TMP/cut.pcap"
check "truncated capture: packets before the cut are counted" \
  test "$(jq .packets "$TMP/last.out")" -gt 7000
head -c 24 "$PCAPS/modbusSmall.pcap" >"$TMP/garbage.pcap"; head -c 5000 /dev/urandom >>"$TMP/garbage.pcap"
expect_exit 0 "random records after a valid header do not crash" "$SEAWALL" sense --no-progress --pcap "$TMP/garbage.pcap"
expect_exit 2 "no input is a usage error" "$SEAWALL" sense
expect_exit 2 "bad BPF filter is a usage error" "$SEAWALL" sense --no-progress --bpf 'tcp port' --pcap "$PCAPS/modbusSmall.pcap"
expect_exit 0 "BPF filter applies" "$SEAWALL" sense --no-progress --json --bpf 'udp' --pcap "$PCAPS/modbusSmall.pcap"
check "BPF filter: only UDP left" test "$(jq .flows.tcp "$TMP/last.out")" = 0

# Several files in one run: counts add up.
expect_exit 0 "several files in one run" "$SEAWALL" sense --no-progress --json --pcap "$PCAPS/modbusSmall.pcap" "$PCAPS/ModbusTCP.pcap"
check "several files: packets add up" test "$(jq .packets "$TMP/last.out")" = $((166 + 15387))

done_testing
