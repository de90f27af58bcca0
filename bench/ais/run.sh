#!/usr/bin/env bash
# run.sh - AIS decode-to-JSON throughput: `seawall ais decode` against
# `gpsdecode -j` (Debian gpsd-clients) on the same file in the same run,
# pinned to one core, timed with hyperfine; then callgrind instruction
# counts per sentence for both. The input (>= 10 million lines) repeats
# every AIVDM/AIVDO sentence of ../shared/ais (gpsd corpus and AisLib
# stream) and is generated in a temporary folder, never committed.
#
#   bench/ais/run.sh                 # LINES=10000000 RUNS=3 CORE=0
#   SEAWALL=build/seawall LINES=20000000 bench/ais/run.sh
#
# Prints the "AIS decode" section for bench/RESULTS.md on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
LINES=${LINES:-10000000}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
CG_LINES=${CG_LINES:-20000}

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2" >&2; apt-get install -y "$2" >&2; }; }
need gpsdecode gpsd-clients
need hyperfine hyperfine
need valgrind valgrind
[ -x "$SEAWALL" ] || { echo "build $SEAWALL first (make)" >&2; exit 2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
{
  grep -h '^!' "$SHARED/ais/gpsd/test/sample.aivdm" "$SHARED"/ais/gpsd/test/daemon/*.log
  grep -h '^!' "$SHARED/ais/aislib/ais-lib-communication/src/test/resources/stream_example.txt"
} >"$TMP/unit.nmea"
unit=$(wc -l <"$TMP/unit.nmea")
reps=$(( (LINES + unit - 1) / unit ))
for _ in $(seq "$reps"); do cat "$TMP/unit.nmea"; done >"$TMP/feed.nmea"
lines=$(wc -l <"$TMP/feed.nmea")
echo "input: $lines lines ($reps x $unit sentences)" >&2

# Same output check first: both must decode the feed.
"$SEAWALL" ais decode "$TMP/unit.nmea" >"$TMP/sw.json"
gpsdecode -j <"$TMP/unit.nmea" >"$TMP/gd.json"
echo "one pass of the corpus: seawall $(wc -l <"$TMP/sw.json") messages, gpsdecode $(grep -c '"class":"AIS"' "$TMP/gd.json")" >&2

SW_CMD="taskset -c $CORE $SEAWALL ais decode $TMP/feed.nmea"
GD_CMD="taskset -c $CORE gpsdecode -j < $TMP/feed.nmea"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$TMP/h.json" \
  -n seawall "$SW_CMD" -n gpsdecode "$GD_CMD" >&2

head -n "$CG_LINES" "$TMP/feed.nmea" >"$TMP/cg.nmea"
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.sw" "$SEAWALL" ais decode "$TMP/cg.nmea" >/dev/null 2>"$TMP/cg.sw.err"
valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.gd" gpsdecode -j <"$TMP/cg.nmea" >/dev/null 2>"$TMP/cg.gd.err"
ir() { sed -n 's/.*I[[:space:]]*refs:[[:space:]]*//p' "$1" | tr -d ','; }

python3 - "$TMP/h.json" "$lines" "$(ir "$TMP/cg.sw.err")" "$(ir "$TMP/cg.gd.err")" "$CG_LINES" <<'PY'
import json, sys
h = json.load(open(sys.argv[1])); lines = int(sys.argv[2])
ir_sw, ir_gd, cg_lines = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
r = {x["command"]: x for x in h["results"]}
sw, gd = r["seawall"], r["gpsdecode"]
print("| tool | wall mean (s) | +/- | CPU user+sys (s) | sentences/s (wall) | sentences per CPU-second | instructions/sentence (callgrind) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, x, ir in (("seawall ais decode", sw, ir_sw), ("gpsdecode -j", gd, ir_gd)):
    cpu = x["user"] + x["system"]
    print("| %s | %.3f | %.3f | %.3f | %s | %s | %s |" % (name, x["mean"], x["stddev"], cpu,
          format(int(lines / x["mean"]), ","), format(int(lines / cpu), ","), format(ir // cg_lines, ",")))
print()
print("Speed-up over gpsdecode: %.1fx wall time, %.1fx CPU time, %.1fx instructions per sentence." % (
    gd["mean"] / sw["mean"], (gd["user"] + gd["system"]) / (sw["user"] + sw["system"]), ir_gd / ir_sw))
PY
