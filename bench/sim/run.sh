#!/usr/bin/env bash
# bench/sim/run.sh - how fast `seawall sim` writes a big capture, against the
# physical limit: dd writing the same number of bytes to the same place, in
# the same run. Usage: bench/sim/run.sh [DURATION] [SCALE] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10m}
SCALE=${2:-50}
OUT=${3:-/dev/shm/seawall-bench-sim}
SEAWALL=${SEAWALL:-build/seawall}
command -v hyperfine >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq hyperfine >/dev/null; }
mkdir -p "$OUT"
"$SEAWALL" sim --model examples/aurora/port.yaml --seed 1 --duration "$DURATION" --scale "$SCALE" --out "$OUT/sim" >/dev/null
bytes=$(stat -c %s "$OUT/sim/traffic.pcap")
packets=$(capinfos -c -M "$OUT/sim/traffic.pcap" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
mb=$((bytes / 1048576))
echo "capture: $bytes bytes, ${packets:-?} packets; $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(date -u +%F)"
hyperfine --runs 5 --warmup 1 --export-json "$OUT/sim.json" \
  -n "seawall sim --duration $DURATION --scale $SCALE" \
  "$SEAWALL sim --model examples/aurora/port.yaml --seed 1 --duration $DURATION --scale $SCALE --out $OUT/sim" \
  -n "dd of the same $mb MiB (write limit)" \
  "dd if=/dev/zero of=$OUT/dd.bin bs=1M count=$mb status=none"
python3 - "$OUT/sim.json" "$bytes" "${packets:-0}" <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["results"]
size, packets = int(sys.argv[2]), int(sys.argv[3])
med = {r["command"]: statistics.median(r["times"]) for r in runs}
sim, dd = runs[0]["command"], runs[1]["command"]
print("| command | median wall | MB/s | packets/s |")
print("|---|---:|---:|---:|")
for c in (sim, dd):
    pps = f"{packets / med[c]:,.0f}" if c == sim and packets else "-"
    print(f"| `{c}` | {med[c]:.3f} s | {size / med[c] / 1e6:,.0f} | {pps} |")
print(f"\nratio sim / write limit: {med[sim] / med[dd]:.2f}x")
PY
rm -rf "$OUT"
