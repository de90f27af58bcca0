#!/usr/bin/env bash
# correlate_converged.sh - the converged scenarios against the simulator's
# ground truth, through the feeds a port runs: the pcap with the access and
# VMS feeds in one `seawall sense --store`, the AIS feed in a second one
# into the same database; each run re-correlates the stored alerts. Each
# converged scenario must yield exactly one incident candidate holding all
# of its alerts, every rule its expected_candidate lists and every domain
# its feeds make; nothing else is a candidate. The benign day is
# benign_day.sh.
. "$(dirname "$0")/lib.sh"

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi
quiet() { "$@" >"$TMP/quiet.out" 2>&1 || { sed 's/^/# /' "$TMP/quiet.out" | tail -5; return 1; }; }
CONVERGED=converged-cctv-chain,converged-door-rogue,converged-dismissed-vpn,converged-ais-vts-intrusion

SIM=(--model "$MODEL" --seed 11 --duration 4h --scenarios "$CONVERGED")

# sense_all DIR DB EVE: both sensor runs over a sim folder, into one
# database; the capture (~1.6 GB) streams from a second, identical sim run
# through a FIFO, so it never lands on disk.
sense_all() {
  quiet "$SEAWALL" init --db "$2" "$MODEL" || return 1
  mkdir -p "$1/stream" && mkfifo "$1/stream/traffic.pcap" || return 1
  "$SEAWALL" sense --model "$MODEL" --db "$2" --store --pcap "$1/stream/traffic.pcap" \
      --access "$1/access.csv" --vms "$1/vms.syslog" --eve "$3.net" --no-progress >"$TMP/sense.out" 2>&1 &
  local pid=$! sim_rc sense_rc
  "$SEAWALL" sim "${SIM[@]}" --out "$1/stream" >"$TMP/sim2.out" 2>&1; sim_rc=$?
  wait "$pid"; sense_rc=$?
  cat "$TMP/sense.out" >"$TMP/quiet.out"
  if [ "$sim_rc$sense_rc" != 00 ]; then sed 's/^/# /' "$TMP/sim2.out" "$TMP/sense.out" | tail -5; return 1; fi
  cmp -s "$1/access.csv" "$1/stream/access.csv" && cmp -s "$1/vms.syslog" "$1/stream/vms.syslog" || { echo "# the two sim runs differ"; return 1; }
  cp "$TMP/sense.out" "$TMP/sense.keep"
  quiet "$SEAWALL" sense --ais "$1/ais.nmea" --model "$MODEL" --db "$2" --store --eve "$3.ais" &&
  cat "$3.net" "$3.ais" >"$3"
}

# Four scenarios over 4 h: their windows are more than the 30 min correlation window apart.
# The first sim run writes the feeds and the ground truth; its capture goes to /dev/null.
S="$TMP/s"
mkdir -p "$S" && ln -s /dev/null "$S/traffic.pcap"
check "sim with the converged scenarios (seed 11, 4h, all feeds; capture to /dev/null)" quiet "$SEAWALL" sim "${SIM[@]}" --out "$S"
check "sense pcap (from a FIFO)+access+vms, then AIS, into one store" sense_all "$S" "$TMP/db" "$TMP/alerts.jsonl"
if grep -q "incident candidates" "$TMP/sense.keep" && grep -q "incident candidates" "$TMP/quiet.out"; then ok "both sense --store runs report the correlation"; else not_ok "both sense --store runs report the correlation"; diagnose <"$TMP/quiet.out"; fi
# The network run's alerts came in time order (the access and VMS alerts
# waiting for the capture's clock), so the live candidates stood at the end.
check "the network run kept its candidates live (no late alert)" grep -q "stored alerts as they came: 4 incident candidates" "$TMP/sense.keep"
"$SEAWALL" incidents --candidates --db "$TMP/db" --json >"$TMP/live.json"
check "seawall correlate --db" quiet sh -c "'$SEAWALL' correlate --db '$TMP/db' --json >'$TMP/cand.json'"

export TAP_START=$TAP_N COUNTS="$TMP/py.count" CONVERGED
python3 - "$S/ground-truth.json" "$TMP/alerts.jsonl" "$TMP/cand.json" "$TMP/live.json" <<'PY'
import json, os, sys
from datetime import datetime, timedelta
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
truth = json.load(open(sys.argv[1]))
alerts = [json.loads(l) for l in open(sys.argv[2])]
cands = json.load(open(sys.argv[3]))["candidates"]
live = json.load(open(sys.argv[4]))
n = int(os.environ["TAP_START"]); failed = 0
def tap(ok, msg):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, msg))
    if not ok: failed += 1
feed_domain = {"pcap": "net", "phys": "phys", "ais": "ais"}
# A scenario's window spans all its feeds (ground truth start..end), with a
# minute and a half of slack for detectors that wait (the scan window).
def inside(t, s): return ts(s["start"]) - timedelta(seconds=1) <= t <= ts(s["end"]) + timedelta(seconds=90)
scns = [s for s in truth["scenarios"] if "expected_candidate" in s]
tap(sorted(s["id"] for s in scns) == sorted(os.environ["CONVERGED"].split(",")),
    "ground truth holds the 4 converged scenarios with an expected candidate (%d)" % len(scns))
owned = 0
for s in scns:
    exp = s["expected_candidate"]
    got = [a for a in alerts if inside(ts(a["@timestamp"]), s)]
    owned += len(got)
    rules = sorted({a["rule"]["id"] for a in got})
    doms = sorted({a["event"]["dataset"].split(".")[-1] for a in got})
    mine = [c for c in cands if inside(ts(c["first"]), s) or inside(ts(c["last"]), s)]
    tap(set(exp["rules"]) <= set(rules), "%s: the sensors raised every expected rule (%s)" % (s["id"], ", ".join(exp["rules"])))
    if not set(exp["rules"]) <= set(rules): print("# missing %s" % sorted(set(exp["rules"]) - set(rules)))
    ok = len(mine) == 1 and sorted(r["id"] for r in mine[0]["rules"]) == rules and mine[0]["alerts"] == len(got)
    tap(ok, "%s: exactly one candidate with all %d alerts" % (s["id"], len(got)))
    if not ok: print("# got %s" % [(c["id"], [r["id"] for r in c["rules"]], c["alerts"]) for c in mine])
    if mine:
        want = sorted({feed_domain[f] for f in exp["feeds"]})
        tap(set(want) <= set(mine[0]["domains"]) and len(mine[0]["domains"]) >= 2,
            "%s: the candidate spans %s (%s)" % (s["id"], "+".join(want), "+".join(mine[0]["domains"])))
        tap(len(mine[0]["explanation"]) == len(got) - 1, "%s: one explanation per linked alert" % s["id"])
tap(owned == len(alerts), "every alert belongs to a converged scenario (%d of %d)" % (owned, len(alerts)))
tap(len(cands) == len(scns), "no candidate beyond the scenarios (%d of %d)" % (len(cands), len(scns)))
tap(sorted(c["id"] for c in live) == sorted(c["id"] for c in cands),
    "sense --store left the same candidates as correlate --db (%d)" % len(live))
open(os.environ["COUNTS"], "w").write("%d %d\n" % (n, failed))
PY
py_counts "$TMP/py.count" "ground-truth comparison ran"

# The benign bar (a day with every feed yields none) is tests/integration/benign_day.sh.
done_testing
