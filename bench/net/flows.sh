#!/usr/bin/env bash
# flows.sh - memory is bounded by the flow-table capacity and the parser
# state region, not by traffic: a capture of FLOWS distinct Modbus/TCP
# connections (SYN, SYN-ACK and one request each, default 2 million, so every
# flow asks for parser state) is run with --flows 1M (default --app-memcap,
# then one big enough for every state) and --flows 100k; peak RSS and the
# counters show the table filled to capacity, evicted the rest, and the
# state pool refused (and counted) what did not fit.
#
#   bench/net/flows.sh [--write]
set -euo pipefail
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
WORK=${BENCH_DIR:-/tmp/seawall-bench-net}
FLOWS=${FLOWS:-2000000}
mkdir -p "$WORK"
CAP=$WORK/flows-modbus-$FLOWS.pcap
if [ ! -s "$CAP" ]; then
  python3 - "$CAP" "$FLOWS" <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
eth = bytes.fromhex('020000000002020000000001') + b'\x08\x00'
with open(path, 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(n):
        src = 0x0a000000 | (i >> 8 & 0xffff) << 8 | (i & 0xff)
        sport = 1024 + (i % 60000)
        adu = bytes.fromhex('000100000006010300000001')   # read holding register 0
        for k, (flags, a, b, pa, pb, seq, pl) in enumerate(((0x02, src, 0xc0a80001, sport, 502, 1000, b''),
                                                            (0x12, 0xc0a80001, src, 502, sport, 5000, b''),
                                                            (0x18, src, 0xc0a80001, sport, 502, 1001, adu))):
            ip = struct.pack('>BBHHHBBHII', 0x45, 0, 40 + len(pl), 0, 0, 64, 6, 0, a, b)
            tcp = struct.pack('>HHIIBBHHH', pa, pb, seq, 0, 0x50, flags, 8192, 0, 0)
            frame = eth + ip + tcp + pl
            ts = 1700000000 * 1000000 + i * 10 + k
            f.write(struct.pack('<IIII', ts // 1000000, ts % 1000000, len(frame), len(frame)))
            f.write(frame)
PY
fi
out=""
for run in "--flows 1M" "--flows 1M --app-memcap 1100" "--flows 100k"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f '%M' -o "$WORK/rss" "$SEAWALL" sense --no-progress --json $run --pcap "$CAP" >"$WORK/flows.json"
  j() { jq "$1" "$WORK/flows.json"; }
  line="| $run | $(j .packets) | $(j .flows.total) | $(j .flows.peak_active) | $(j .flows.ended.evicted) | $(j .app_state.peak_states) | $(j .app_state.exhausted) | $(( $(cat "$WORK/rss") / 1024 )) MiB | $(( $(j .engine_memory_bytes) / 1048576 )) MiB |"
  echo "$line"
  out="$out$line"$'\n'
done
report="### Flow table memory bound

\`bench/net/flows.sh\`, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD): $FLOWS distinct Modbus/TCP connections
(SYN, SYN-ACK and one read request each, so every flow is claimed by the Modbus parser and asks for 1 KiB of parser
state), so the table must evict; peak RSS from \`/usr/bin/time -f %M\`. Engine memory is what the tables and the
parser-state region reserve at start (pages are committed as they are used), so RSS stays under it whatever the
traffic. \"states\" is the most flows holding parser state at once; \"refused\" counts flows recognised when the
state region was used up (they go on unparsed).

| run | packets | flows | peak active | evicted | peak states | refused | peak RSS | engine reservation |
|---|---|---|---|---|---|---|---|---|
$out"
echo "$report"
if [ "${1:-}" = "--write" ]; then
  f=bench/RESULTS.md
  awk -v new="$report" '
    /^### Flow table memory bound/ { skip = 1; if (!done) { print new; done = 1 }; next }
    /^##/ && skip { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; print new } }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
fi
