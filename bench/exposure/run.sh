#!/usr/bin/env bash
# run.sh - exposure analysis at scale: synthetic ports of 10,000 and 100,000
# assets (about 0.1 and 1 million graph edges), timing the model load
# (`seawall check`) and `seawall exposure` for one entry point and one crown
# jewel (k paths plus vertex and edge minimum cuts), with peak RSS from
# /usr/bin/time; then, in the same run, the peer: networkx (python3-networkx)
# answering the same questions on the same graph (--graph-out), K = 3k paths
# (what Seawall's Yen computes before dropping look-alikes) and both cuts by
# networkx's default max flow (preflow-push; NX_FLOW to choose another). Each result is compared (cut sizes, best likelihood) and the run
# stops on a difference. Prints Markdown tables for bench/RESULTS.md.
set -eu
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
WORK=${WORK:-/tmp/seawall-bench-exposure}
PY=${PY:-/usr/bin/python3}             # Debian's python3 with python3-networkx
K=${K:-3}
SIZES=${SIZES:-10000 100000}
mkdir -p "$WORK"
rows=$WORK/peer.md; : >"$rows"
echo "| assets | graph nodes | graph edges | load (check) | build | paths + cuts, per entry and target | total wall | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  y=$WORK/synth$n.yaml
  [ -s "$y" ] || python3 bench/exposure/synth_port.py "$n" 8 >"$y"
  /usr/bin/time -f "%e" -o "$WORK/check.t" "$SEAWALL" check "$y" >/dev/null 2>&1 || true
  for pair in "internet a$((n - 1))" "vendor a$((n / 2 + 999 - (n / 2) % 1000))" "camera a999"; do
    set -- $pair
    /usr/bin/time -f "%e %M" -o "$WORK/exp.t" "$SEAWALL" exposure -v --k "$K" --model "$y" --from "$1" --to "$2" --json \
      --graph-out "$WORK/g$n.tsv" >"$WORK/exp.json" 2>"$WORK/exp.err" || true
    line=$(grep 'graph' "$WORK/exp.err")
    nodes=$(sed -E 's/.*graph ([0-9]+) nodes.*/\1/' <<<"$line")
    edges=$(sed -E 's/.* ([0-9]+) edges.*/\1/' <<<"$line")
    build=$(sed -E 's/.*built in ([0-9.]+) s.*/\1/' <<<"$line")
    ana=$(sed -E 's/.*analysed .* in ([0-9.]+) s/\1/' <<<"$line")
    read -r wall rss < <(tail -1 "$WORK/exp.t")
    echo "| $n | $nodes | $edges | $(cat "$WORK/check.t") s | $build s | $ana s ($1 -> $2) | $wall s | $((rss / 1024)) MB |"
    /usr/bin/time -f "%e %M" -o "$WORK/nx.t" "$PY" bench/exposure/nx_peer.py "$WORK/g$n.tsv" "$1" "$2" $((3 * K)) >"$WORK/nx.json"
    read -r nxwall nxrss < <(tail -1 "$WORK/nx.t")
    "$PY" - "$WORK/exp.json" "$WORK/nx.json" "$n" "$1 -> $2" "$ana" "$nxwall" "$((nxrss / 1024))" "$((rss / 1024))" >>"$rows" <<'PY'
import json, sys
sw, nx = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
n, pair, ana, nxwall, nxrss, swrss = sys.argv[3:9]
t = sw["targets"][0]
cp = t["choke_points"]
v = len(cp["assets"]["items"]) if cp["assets"]["cut_exists"] else None
e = len(cp["edges"]["items"]) if cp["edges"]["cut_exists"] else None
best = t["paths"][0]["likelihood"] if t["paths"] else None
nb = nx["likelihoods"][0] if nx["likelihoods"] else None
same = v == nx["vertex_cut"] and e == nx["edge_cut"] and (best is None) == (nb is None) and (best is None or abs(best - nb) <= 1e-6 * best)
if not same:
    sys.exit("seawall and networkx differ on %s %s: %s %s %s vs %s %s %s" % (n, pair, v, e, best, nx["vertex_cut"], nx["edge_cut"], nb))
a = float(ana)
print("| %s | %s | %.3f s | %.3f s (paths %.3f, vertex cut %.3f, edge cut %.3f) | %.0fx | %s s | %s MB | %s MB | vertex %s, edge %s, best %.4g: equal |" % (
    n, pair, a, nx["analysis_s"], nx["paths_s"], nx["vertex_cut_s"], nx["edge_cut_s"], nx["analysis_s"] / max(a, 1e-3),
    nxwall, nxrss, swrss, v, e, best or 0))
PY
  done
done
echo
echo "Peer in the same run: networkx $("$PY" -c 'import networkx; print(networkx.__version__)') ($PY, max flow ${NX_FLOW:-preflow_push}), CPU seconds of the analysis only (graph loaded from --graph-out; load not counted)."
echo
echo "| assets | entry -> target | Seawall paths + cuts | networkx paths (K=$((3 * K))) + cuts | networkx / Seawall | networkx wall (incl. load) | networkx peak RSS | Seawall peak RSS | results |"
echo "|---|---|---|---|---|---|---|---|---|"
cat "$rows"
