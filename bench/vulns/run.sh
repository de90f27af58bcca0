#!/usr/bin/env bash
# run.sh - vulnerability matching at scale: 250,000 synthetic NVD records
# (bench/vulns/synth.py: realistic CPE and range mix) imported, then matched
# against a synthetic port of 100,000 assets with `seawall vulns -v`; wall
# time and peak RSS from /usr/bin/time, the load/match split from -v. Then,
# in the same run, the peer: bench/vulns/py_peer.py, a straightforward Python
# matcher with the same index and rules over the same files, which must find
# exactly the same (asset, CVE, certainty) set. Prints Markdown tables for
# bench/RESULTS.md.
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
/usr/bin/time -f "%e %M" -o "$WORK/peer.t" python3 bench/vulns/py_peer.py "$WORK" "$WORK/findings.json" >"$WORK/peer.json"
read -r pw pr < <(tail -1 "$WORK/peer.t")
python3 - "$WORK/peer.json" "$match" "$pw" "$((pr / 1024))" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
match, wall, rss = float(sys.argv[2]), sys.argv[3], sys.argv[4]
if not p["same_as_seawall"]:
    sys.exit("py_peer and seawall differ: %d only in seawall, %d only in the peer, %d certainty" % (
        p["only_seawall"], p["only_peer"], p["certainty_differs"]))
print()
print("| peer | load JSON + model | index | match | findings (certain) | same set as Seawall | peer / Seawall match | wall | peak RSS |")
print("|---|---|---|---|---|---|---|---|---|")
print("| py_peer.py (Python %s) | %.1f s | %.1f s | %.1f s | %d (%d) | yes | %.0fx | %s s | %s MB |" % (
    sys.version.split()[0], p["load_s"], p["index_s"], p["match_s"], p["findings"], p["certain"],
    (p["index_s"] + p["match_s"]) / max(match, 1e-3), wall, rss))
PY
