#!/usr/bin/env bash
# track.sh - the AIS integrity pipeline (decode + tracking + every check,
# with the world land layer) on a synthetic fleet of VESSELS distinct MMSIs
# (bench/ais/gen_fleet.py: a type 5 and REPORTS position reports each, in
# time order with tag-block times), against decode alone (`seawall ais
# decode`) and `gpsdecode -j` on the same file in the same run; peak RSS
# from /usr/bin/time. The feed is generated in a temporary folder.
#
#   bench/ais/track.sh              # VESSELS=100000 REPORTS=6 CORE=0
#
# Prints the "AIS integrity pipeline" rows for bench/RESULTS.md on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
VESSELS=${VESSELS:-100000}
REPORTS=${REPORTS:-6}
CORE=${CORE:-0}
[ -x "$SEAWALL" ] || { echo "build $SEAWALL first (make)" >&2; exit 2; }
command -v gpsdecode >/dev/null || { echo "needs gpsdecode (gpsd-clients)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 bench/ais/gen_fleet.py "$VESSELS" "$REPORTS" >"$TMP/fleet.nmea"
lines=$(wc -l <"$TMP/fleet.nmea")
measure() {  # name, command...: wall seconds, user+sys, max RSS KiB
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" taskset -c "$CORE" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null || true
  read -r wall user sys rss <"$TMP/time"
  echo "$name $wall $user $sys $rss"
}
{
  measure track "$SEAWALL" ais track "$TMP/fleet.nmea" --vessels "$VESSELS" --json
  measure decode "$SEAWALL" ais decode "$TMP/fleet.nmea"
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" taskset -c "$CORE" sh -c "gpsdecode -j < '$TMP/fleet.nmea' > '$TMP/gpsdecode.out'"
  read -r wall user sys rss <"$TMP/time"; echo "gpsdecode $wall $user $sys $rss"
} >"$TMP/results"
cat "$TMP/track.out" >&2
python3 - "$TMP/results" "$lines" "$TMP/track.out" "$VESSELS" <<'PY'
import json, sys
rows = {l.split()[0]: [float(x) for x in l.split()[1:]] for l in open(sys.argv[1])}
lines, vessels = int(sys.argv[2]), int(sys.argv[4])
s = json.load(open(sys.argv[3]))
print(f"input: {lines:,} lines, {s['messages']:,} messages, {vessels:,} vessels; alerts raised: {s['alerts']['total']}")
print("| command | wall (s) | CPU user+sys (s) | sentences per CPU-second | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|")
names = {"track": "seawall ais track (decode + tracking + checks)", "decode": "seawall ais decode (decode + JSON only)",
         "gpsdecode": "gpsdecode -j (decode + JSON only)"}
for k in ("track", "decode", "gpsdecode"):
    w, u, sy, rss = rows[k]
    print(f"| {names[k]} | {w:.2f} | {u + sy:.2f} | {lines / max(u + sy, 1e-9):,.0f} | {rss / 1024:.1f} |")
print(f"tracked {s['vessels']:,} of capacity {s['vessel_capacity']:,}; engine memory fixed at creation: {s['memory_bytes'] / 1048576:.1f} MiB")
PY
