#!/usr/bin/env bash
# run.sh - network sensor throughput against its peers on one capture, in
# one run: a no-op libpcap loop (the physical limit), `seawall sense` with the
# full pipeline (every parser, segmentation and detection against the Aurora
# model, host inventory and flow summaries into a fresh database, alerts to
# an EVE file), ndpiReader (nDPI) and tshark with every dissector.
# Medians from hyperfine; packets/s, Mbit/s and ratios go to stdout and,
# with --write, into the "Network sensor" section of bench/RESULTS.md.
#
#   bench/net/run.sh [--write] [CAPTURE.pcap]
#
# Without a capture it makes one with `seawall sim` (SIM_DURATION, default
# 8m, and SIM_SCALE, default 20: about 1.1 GB), or, when sim is missing, by
# concatenating the shared captures SHARED_COPIES times.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SEAWALL=${SEAWALL:-$ROOT/build/seawall}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
RUNS=${RUNS:-5}               # fast tools
SLOW_RUNS=${SLOW_RUNS:-1}     # tshark takes minutes per run on 1 GB
TSHARK=${TSHARK:-1}           # 0: leave tshark out of this run (its row is then missing)
MODEL=${MODEL:-$ROOT/examples/aurora/port.yaml}
WORK=${BENCH_DIR:-/tmp/seawall-bench-net}
WRITE=0
[ "${1:-}" = "--write" ] && { WRITE=1; shift; }
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need ndpiReader; then
  echo "installing libndpi-bin (ndpiReader)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq libndpi-bin >/dev/null; else sudo apt-get install -y -qq libndpi-bin >/dev/null; fi
fi
for t in hyperfine tshark ndpiReader capinfos sqlite3 jq; do need "$t" || { echo "missing $t" >&2; exit 1; }; done
[ -x "$SEAWALL" ] || make -s -C "$ROOT" build/seawall

cc -O2 -o "$WORK/noop" bench/net/noop.c -lpcap

CAP=${1:-}
if [ -z "$CAP" ]; then
  CAP=$WORK/capture.pcap
  if [ ! -s "$CAP" ]; then
    if "$SEAWALL" sim --help >/dev/null 2>&1; then
      "$SEAWALL" sim --model examples/aurora/port.yaml --duration "${SIM_DURATION:-8m}" --scale "${SIM_SCALE:-20}" \
        --out "$WORK/sim" >/dev/null
      mv "$WORK/sim/traffic.pcap" "$CAP"
    else
      files=()
      for i in $(seq "${SHARED_COPIES:-200}"); do files+=("$SHARED"/pcaps/*.pcap); done
      mergecap -a -F pcap -w "$CAP" "${files[@]}"
    fi
  fi
fi

packets=$(capinfos -M -c -T "$CAP" | awk -F'\t' 'NR==2 {print $2}')
bytes=$(capinfos -M -d -T "$CAP" | awk -F'\t' 'NR==2 {print $2}')
size=$(stat -c %s "$CAP")
echo "capture: $CAP ($size bytes on disk, $packets packets, $bytes bytes of frames)" >&2

# Every Seawall run starts from the same freshly initialised database, so
# each one writes all its rows (a re-run would only add to counters).
"$SEAWALL" init --db "$WORK/db0" "$MODEL" >/dev/null
prep_db="cp $WORK/db0 $WORK/db"
cmd_noop="$WORK/noop $CAP"
cmd_seawall="$SEAWALL sense --model $MODEL --store --db $WORK/db --eve $WORK/eve.jsonl --no-progress --pcap $CAP"
cmd_ndpi="ndpiReader -q -i $CAP"
cmd_tshark="tshark -n -r $CAP -q -z io,phs"

cat "$CAP" >/dev/null   # page cache: every tool reads from memory
rm -f "$WORK/db-wal" "$WORK/db-shm"
hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/fast.json" \
  --prepare "$prep_db" -n noop "$cmd_noop" -n seawall "$cmd_seawall" -n ndpiReader "$cmd_ndpi" >&2
if [ "$TSHARK" = 1 ]; then
  hyperfine -N --style basic --runs "$SLOW_RUNS" --export-json "$WORK/slow.json" -n tshark "$cmd_tshark" >&2
else
  echo '{"results": []}' >"$WORK/slow.json"
fi

$prep_db
peak_kb=$(/usr/bin/time -f %M $cmd_seawall 2>&1 >/dev/null | tail -1)
alerts=$(wc -l <"$WORK/eve.jsonl")
stored=$(sqlite3 "$WORK/db" "SELECT (SELECT count(*) FROM observed_flows) || ' flow rows, ' || (SELECT count(*) FROM observed_hosts) || ' host rows, ' || (SELECT count(*) FROM ics_operations) || ' ICS operation rows'")

# Instruction counts (callgrind) on a 50,000-packet slice from the middle of
# the capture: steady where CPU time on a shared machine is not.
cg=""
if need valgrind && need callgrind_annotate && need editcap; then
  editcap -r "$CAP" "$WORK/slice.pcap" 1000001-1050000 >/dev/null 2>&1 || editcap -r "$CAP" "$WORK/slice.pcap" 1-50000
  slice_n=$(capinfos -M -c -T "$WORK/slice.pcap" | awk -F'\t' 'NR==2 {print $2}')
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.noop" "$WORK/noop" "$WORK/slice.pcap" >/dev/null 2>&1
  $prep_db
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.seawall" $SEAWALL sense --model "$MODEL" --store \
    --db "$WORK/db" --eve "$WORK/eve-slice.jsonl" --no-progress --pcap "$WORK/slice.pcap" >/dev/null 2>&1
  # (awk reads to the end: an early exit would SIGPIPE the annotator under pipefail)
  ir() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !n++ {gsub(",", "", $1); print $1}'; }
  ir_fn() { callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v f="$2" '$0 ~ f && !n++ {gsub(",", "", $1); print $1}'; }
  ir_noop=$(ir "$WORK/cg.noop"); ir_sw=$(ir "$WORK/cg.seawall")
  ir_loop=$(ir_fn "$WORK/cg.seawall" "pipeline.c:sense_run ")
  ir_finish=$(ir_fn "$WORK/cg.seawall" "store_out.c:sense_store_finish ")
  top=$(callgrind_annotate "$WORK/cg.seawall" 2>/dev/null | awk '/file:function/ {p = 1; getline; next} p && NF && n++ < 15' |
        sed -E 's/^ *([0-9,]+) \( *([0-9.]+)%\) +(.*)$/| \2% | \3 |/; s#/[^ |]*/(src/)#\1#; s#\./[^ |]*/##; s/ \[[^]]*\/([^/.]+)[^]]*\]/ (\1)/')
  cg=$(cat <<EOT

Instructions (callgrind) on a $slice_n-packet slice from the middle of the capture (\`editcap -r CAP slice.pcap 1000001-1050000\`):

| | instructions | per packet |
|---|---|---|
| no-op libpcap loop | $ir_noop | $((ir_noop / slice_n)) |
| seawall, whole run | $ir_sw | $((ir_sw / slice_n)) |
| seawall, packet loop (\`sense_run\`: decode to detection, flows ended by the slice's end included) | $ir_loop | $((ir_loop / slice_n)) |
| seawall, final store flush (\`sense_store_finish\`: the flows still open at the end of the slice) | $ir_finish | |

Ratio in instructions, packet loop over no-op: $(awk -v a="$ir_loop" -v b="$ir_noop" 'BEGIN {printf "%.2f", a / b}')x.
The most expensive functions of the Seawall run (self cost):

| share | function |
|---|---|
$top
EOT
)
fi

table=$(jq -r -s --argjson pk "$packets" --argjson by "$bytes" '
  (.[0].results + .[1].results) as $r
  | ($r[] | select(.command == "noop") | .median) as $base
  | ($r[] | select(.command == "noop") | (.user + .system)) as $cbase
  | $r[] | "| \(.command) | \(.median * 1000 | round / 1000) s | \($pk / .median / 1000 | round) k | \($by * 8 / .median / 1e6 | round) | \(.median / $base * 100 | round / 100)x | \((.user + .system) * 1000 | round / 1000) s | \($pk / (.user + .system) / 1000 | round) k | \((.user + .system) / $cbase * 100 | round / 100)x |"' \
  "$WORK/fast.json" "$WORK/slow.json")

report=$(cat <<EOT
## Network sensor

\`bench/net/run.sh\`, $(date -u +%Y-%m-%d), $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), one core per tool.
Capture: \`seawall sim --model examples/aurora/port.yaml --duration ${SIM_DURATION:-8m} --scale ${SIM_SCALE:-20}\`
(unless a file was given): $size bytes, $packets packets, $bytes bytes of frames, read from the page cache.
Medians of hyperfine runs ($RUNS for the fast tools, $SLOW_RUNS for tshark). Load average at the start:
$(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; CPU time is the steadier figure when it is loaded).

| tool | median wall | packets/s | Mbit/s | wall vs no-op | CPU (user+sys, mean) | packets/CPU-s | CPU vs no-op |
|---|---|---|---|---|---|---|---|
$table

Commands:

- no-op libpcap loop: \`$cmd_noop\` (bench/net/noop.c, the physical limit)
- Seawall: \`$cmd_seawall\` after \`$prep_db\` (a database from \`seawall init\`): decode, flows, TCP reassembly, every parser, segmentation and every detector against the model, host inventory, flow and ICS summaries and alerts stored, alerts written as ECS lines ($alerts alerts; $stored)
- nDPI $(ndpiReader -h 2>&1 | sed -n 's/.*nDPI \([0-9.]*\).*/\1/p' | head -1): \`$cmd_ndpi\`
- tshark $(tshark -v | head -1 | awk '{print $3}'): \`$cmd_tshark\` (every dissector, Modbus/S7/DNP3/IEC 104/CIP/BACnet included)

Seawall at commit $(git rev-parse --short HEAD).
Seawall peak RSS on this run: ${peak_kb} kB (default flow table of 262144 flows, 64 MB stream pool, 256 MB parser-state region; pages are committed as used).
$cg
EOT
)
echo "$report"
if [ "$WRITE" = 1 ]; then
  f=bench/RESULTS.md
  [ -f "$f" ] || printf '# Benchmark results\n\n' >"$f"
  # replace our section (up to the next "## ", or the flow-table subsection
  # that flows.sh writes) or append it
  awk -v new="$report" '
    /^## Network sensor/ { skip = 1; if (!done) { print new; print ""; done = 1 }; next }
    (/^## / || /^### Flow table memory bound/) && skip { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; print new } }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
fi
