#!/usr/bin/env python3
"""nx_peer.py - the exposure questions answered by networkx on the graph
`seawall exposure --graph-out FILE` wrote: the K most likely loopless paths
(networkx's shortest_simple_paths, Yen's algorithm, on cost = -log p) and
the minimum vertex and edge cuts (networkx max flow, preflow-push by
default, on the same node-split network docs/exposure.md describes). It is the peer in bench/exposure/run.sh
and the oracle in tests/integration/exposure_oracle.sh.

Usage: nx_peer.py GRAPH.tsv ENTRY[,ENTRY...] TARGET [K] [--remove-assets A,B]
Prints one JSON object: timings, path likelihoods, cut sizes (null when no
cut of the allowed units exists), and with --remove-assets whether the
target is still reachable once those assets are taken out."""
import itertools, json, math, os, sys, time

import networkx as nx
from networkx.algorithms import flow as nxflow

# networkx's default max flow (preflow-push), a different algorithm from
# Seawall's Dinic, and on these graphs among networkx's fastest: on 10,000
# assets (internet -> a9999) the vertex cut took 44 s with dinitz, 7.2 s with
# edmonds_karp, 1.7 s with preflow_push and 1.4 s with boykov_kolmogorov.
# NX_FLOW=dinitz, edmonds_karp, boykov_kolmogorov, ... to choose another.
FLOW = getattr(nxflow, os.environ.get("NX_FLOW", "preflow_push"))


def load(path):
    g = nx.DiGraph()
    ids = {}                # (kind, id) -> node index
    flags = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            t = line.rstrip("\n").split("\t")
            if t[0] == "node":
                u = int(t[1])
                ids[(t[2], t[3])] = u
                flags[u] = t[4]
                g.add_node(u)
            elif t[0] == "edge":
                g.add_edge(int(t[1]), int(t[2]), p=float(t[3]), cost=float(t[4]), cut=t[5] == "1")
            else:
                raise SystemExit("nx_peer: bad line: %r" % line)
    return g, ids, flags


def min_cut(g, flags, sources, target, mode):
    """Size of the minimum cut, or None when some path has no cuttable unit."""
    f = nx.DiGraph()
    unit = "v" if mode == "vertex" else "u"
    for u in g.nodes:
        if u in sources or u == target or unit not in flags[u]:
            f.add_edge(("in", u), ("out", u))               # no capacity = infinite
        else:
            f.add_edge(("in", u), ("out", u), capacity=1)
    for u, v, d in g.edges(data=True):
        if mode == "edge" and d["cut"]:
            f.add_edge(("out", u), ("in", v), capacity=1)
        else:
            f.add_edge(("out", u), ("in", v))
    for s in sources:
        f.add_edge("S", ("in", s))
    if not nx.has_path(f, "S", ("in", target)):
        return 0
    try:
        return int(nx.maximum_flow_value(f, "S", ("in", target), flow_func=FLOW))
    except nx.NetworkXUnbounded:
        return None


def main(argv):
    remove = []
    if "--remove-assets" in argv:
        i = argv.index("--remove-assets")
        remove = argv[i + 1].split(",") if argv[i + 1] else []
        argv = argv[:i] + argv[i + 2:]
    path, entries, target = argv[1], argv[2].split(","), argv[3]
    k = int(argv[4]) if len(argv) > 4 else 9
    t0 = time.process_time()
    g, ids, flags = load(path)
    t1 = time.process_time()
    src = [ids[("entry", e)] for e in entries]
    dst = ids[("asset", target)]
    out = {"flow": FLOW.__name__, "entry": entries, "target": target, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
           "load_s": round(t1 - t0, 3)}
    # Yen per entry point, as Seawall runs it; the likelihoods merged and ranked.
    lik = []
    for s in src:
        try:
            for p in itertools.islice(nx.shortest_simple_paths(g, s, dst, weight="cost"), k):
                lik.append(math.exp(-sum(g[a][b]["cost"] for a, b in zip(p, p[1:]))))
        except nx.NetworkXNoPath:
            pass
    t2 = time.process_time()
    out["paths_s"] = round(t2 - t1, 3)
    out["likelihoods"] = sorted(lik, reverse=True)
    out["vertex_cut"] = min_cut(g, flags, set(src), dst, "vertex")
    t3 = time.process_time()
    out["edge_cut"] = min_cut(g, flags, set(src), dst, "edge")
    t4 = time.process_time()
    out["vertex_cut_s"], out["edge_cut_s"] = round(t3 - t2, 3), round(t4 - t3, 3)
    out["analysis_s"] = round(t4 - t1, 3)
    if remove:
        h = g.copy()
        h.remove_nodes_from(ids[("asset", a)] for a in remove)
        out["reachable_after_removal"] = any(nx.has_path(h, s, dst) for s in src if s in h)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
