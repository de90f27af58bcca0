#!/usr/bin/env bash
# flows.sh - memory is bounded by the flow-table capacity, not by traffic:
# a capture of FLOWS distinct TCP connections (two packets each, default
# 2 million) is run with --flows 1M and with --flows 100k; peak RSS and the
# flow counters show the table filled to capacity and evicted the rest.
#
#   bench/net/flows.sh [--write]
set -euo pipefail
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
WORK=${BENCH_DIR:-/tmp/seawall-bench-net}
FLOWS=${FLOWS:-2000000}
mkdir -p "$WORK"
CAP=$WORK/flows-$FLOWS.pcap
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
        for k, (flags, a, b, pa, pb) in enumerate(((0x02, src, 0xc0a80001, sport, 502),
                                                   (0x12, 0xc0a80001, src, 502, sport))):
            ip = struct.pack('>BBHHHBBHII', 0x45, 0, 40, 0, 0, 64, 6, 0, a, b)
            tcp = struct.pack('>HHIIBBHHH', pa, pb, 1000, 0, 0x50, flags, 8192, 0, 0)
            frame = eth + ip + tcp
            ts = 1700000000 * 1000000 + i * 10 + k
            f.write(struct.pack('<IIII', ts // 1000000, ts % 1000000, len(frame), len(frame)))
            f.write(frame)
PY
fi
out=""
for cap in 1M 100k; do
  /usr/bin/time -f '%M' -o "$WORK/rss" "$SEAWALL" sense --no-progress --json --flows "$cap" --pcap "$CAP" >"$WORK/flows.json"
  line="| --flows $cap | $(jq .packets "$WORK/flows.json") | $(jq .flows.total "$WORK/flows.json") | $(jq .flows.peak_active "$WORK/flows.json") | $(jq .flows.ended.evicted "$WORK/flows.json") | $(( $(cat "$WORK/rss") / 1024 )) MiB | $(( $(jq .engine_memory_bytes "$WORK/flows.json") / 1048576 )) MiB |"
  echo "$line"
  out="$out$line"$'\n'
done
report="### Flow table memory bound

\`bench/net/flows.sh\`, $(date -u +%Y-%m-%d): $FLOWS distinct TCP connections (SYN and SYN-ACK each), so the table
must evict; peak RSS from \`/usr/bin/time -f %M\`. Engine memory is what the tables reserve at start (pages are
committed as they are used), so RSS stays under it whatever the traffic.

| run | packets | flows | peak active | evicted | peak RSS | engine reservation |
|---|---|---|---|---|---|---|
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
