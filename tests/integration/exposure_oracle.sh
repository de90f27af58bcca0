#!/usr/bin/env bash
# exposure_oracle.sh - networkx (python3-networkx) as an independent oracle
# for `seawall exposure` on small random ports (bench/exposure/synth_port.py,
# random zones, conduits, services and may_write): on the very graph Seawall
# built (--graph-out), networkx's Dinitz max flow on the node-split network
# must give the same minimum vertex and edge cut sizes (or agree that none
# exists), Yen's algorithm (shortest_simple_paths) the same best likelihood,
# and taking Seawall's vertex cut out of the graph must leave no path.
. "$(dirname "$0")/lib.sh"
PEER=$SEAWALL_SRC/bench/exposure/nx_peer.py
SYNTH=$SEAWALL_SRC/bench/exposure/synth_port.py
if ! python3 -c "import networkx" 2>/dev/null; then not_ok "python3-networkx is missing (scripts/deps.sh test)"; done_testing; exit 1; fi
cd "$TMP" || exit 1
unset SEAWALL_DB
for seed in 1 2 3 4 5 6; do
  conduits=$((seed % 3 + 1))             # 1..3 outbound conduits a zone: sparse to well connected
  python3 "$SYNTH" 800 "$conduits" "$seed" >"p$seed.yaml"
  for entry in internet phishing vendor camera; do
    targets="a$((seed * 37 % 800)),a$((seed * 101 % 800 + 3)),a799"
    "$SEAWALL" exposure --model "p$seed.yaml" --from "$entry" --to "$targets" --k 3 --json --graph-out "g$seed.tsv" >"x$seed-$entry.json"
    python3 - "$PEER" "g$seed.tsv" "$entry" "x$seed-$entry.json" >"cmp$seed-$entry.txt" 2>&1 <<'PY'
import json, subprocess, sys
peer, graph, entry, sw = sys.argv[1:5]
d = json.load(open(sw))
bad = []
for t in d["targets"]:
    cp = t["choke_points"]
    vc = [i["id"] for i in cp["assets"]["items"]]
    r = json.loads(subprocess.check_output([sys.executable, peer, graph, entry, t["asset"], "1", "--remove-assets", ",".join(vc)]))
    sw_v = len(vc) if cp["assets"]["cut_exists"] else None
    sw_e = len(cp["edges"]["items"]) if cp["edges"]["cut_exists"] else None
    if not t["reachable"]:
        sw_v = sw_e = 0
    best = t["paths"][0]["likelihood"] if t["paths"] else None
    nxbest = r["likelihoods"][0] if r["likelihoods"] else None
    ok = sw_v == r["vertex_cut"] and sw_e == r["edge_cut"]
    ok &= (best is None) == (nxbest is None) and (best is None or abs(best - nxbest) <= 1e-6 * max(best, 1e-12))
    ok &= not (sw_v and r.get("reachable_after_removal"))
    print("%s %s: seawall vertex %s edge %s best %s | networkx vertex %s edge %s best %s%s" % (
        entry, t["asset"], sw_v, sw_e, best, r["vertex_cut"], r["edge_cut"], nxbest,
        "" if ok else "  MISMATCH"))
    if not ok:
        bad.append(t["asset"])
sys.exit(1 if bad else 0)
PY
    if [ $? -eq 0 ]; then ok "seed $seed ($conduits conduits/zone) from $entry: cuts and best path equal networkx's"
    else not_ok "seed $seed from $entry: differs from networkx"; diagnose <"cmp$seed-$entry.txt"; fi
  done
done
# The comparisons must cover the interesting cases, not only unreachable targets.
cat cmp*.txt >all.txt
check "some targets have a finite vertex cut" grep -qE "seawall vertex [1-9][0-9]* " all.txt
check "some targets have no vertex cut (the entry lands in the target's zone)" grep -q "seawall vertex None" all.txt
check "some targets are reachable with an edge cut of 2 or more" grep -qE "edge ([2-9]|[1-9][0-9]+) best 0" all.txt
done_testing
