#!/usr/bin/env bash
# run.sh - vulnerability matching at scale: 250,000 synthetic NVD records
# (bench/vulns/synth.py: realistic CPE and range mix) imported, then matched
# against a synthetic port of 100,000 assets with `seawall vulns -v`; wall
# time and peak RSS from /usr/bin/time, the load/match split from -v.
# Prints a Markdown table for bench/RESULTS.md.
set -eu
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
WORK=${WORK:-/tmp/seawall-bench-vulns}
ASSETS=${ASSETS:-100000}
RECORDS=${RECORDS:-250000}
mkdir -p "$WORK"
[ -s "$WORK/port.yaml" ] || python3 bench/vulns/synth.py "$WORK" "$ASSETS" "$RECORDS"
rm -f "$WORK/v.db"
/usr/bin/time -f "%e %M" -o "$WORK/init.t" "$SEAWALL" init --db "$WORK/v.db" "$WORK/port.yaml" >/dev/null
/usr/bin/time -f "%e %M" -o "$WORK/import.t" "$SEAWALL" vulns import --db "$WORK/v.db" "$WORK"/nvd-*.json >/dev/null
/usr/bin/time -f "%e %M" -o "$WORK/match.t" "$SEAWALL" vulns -v --json --db "$WORK/v.db" >"$WORK/findings.json" 2>"$WORK/match.err" || true
line=$(grep 'records and' "$WORK/match.err")
load=$(sed -E 's/.*loaded in ([0-9.]+) s.*/\1/' <<<"$line")
match=$(sed -E 's/.*matched in ([0-9.]+) s.*/\1/' <<<"$line")
findings=$(sed -E 's/.*\(([0-9]+) findings.*/\1/' <<<"$line")
unkeyed=$(sed -E 's/.*findings, ([0-9]+) records tried.*/\1/' <<<"$line")
read -r iw ir < <(tail -1 "$WORK/import.t")
read -r mw mr < <(tail -1 "$WORK/match.t")
echo "| assets | records | import (wall, peak RSS) | load records | match | findings | unkeyed records | vulns total wall | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| $ASSETS | $RECORDS | $iw s, $((ir / 1024)) MB | $load s | $match s | $findings | $unkeyed | $mw s | $((mr / 1024)) MB |"
