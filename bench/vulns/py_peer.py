#!/usr/bin/env python3
"""py_peer.py - the peer for bench/vulns: a straightforward Python matcher of
NVD CVE API 2.0 configurations against the assets' CPE 2.3 names, with the
same (vendor, product) index and the same rules as Seawall
(src/analysis/vuln_match.c, docs/vulns.md) for what the synthetic data uses:
CPE attributes ANY (*), NA (-), wildcard products and equality; numeric
dotted versions (missing trailing parts are zero); versionStart/End
Including/Excluding and exact versions; AND/OR configurations; a
`vulnerable: false` platform of a part the asset declares none of is
"possible"; a record counts only when a vulnerable criterion matched. It does
not implement what the synthetic data never needs (version words such as
rc/sp/update, escaped characters, negated nodes, names without CPE).

Usage: py_peer.py DIR [FINDINGS.json]   (DIR from synth.py: nvd-*.json, port.yaml)
Prints one JSON object with timings (CPU seconds) and counts; with Seawall's
`vulns --json` output it also compares every (asset, CVE, certainty)."""
import glob, json, os, re, sys, time

NO, POSSIBLE, YES = 0, 1, 2


def split(cpe):
    p = cpe.split(":")
    return p[2:13] if len(p) == 13 and p[0] == "cpe" and p[1] == "2.3" else None


def vkey(v):
    t = [int(x) for x in v.split(".")]
    while t and t[-1] == 0:
        t.pop()
    return tuple(t)


def glob_match(pat, s):
    return re.fullmatch(re.escape(pat).replace(r"\*", ".*").replace(r"\?", "."), s) is not None


def attr(src, tgt, is_version):
    if src == "*":
        return YES
    if tgt == "*":
        return POSSIBLE
    if src == "-":
        return YES if tgt == "-" else NO
    if tgt == "-":
        return NO
    if "*" in src or "?" in src:
        return YES if glob_match(src, tgt) else NO
    if is_version:
        return YES if vkey(src) == vkey(tgt) else NO
    return YES if src == tgt else NO


def in_range(m, ver):
    v = vkey(ver)
    if "versionStartIncluding" in m and v < vkey(m["versionStartIncluding"]): return NO
    if "versionStartExcluding" in m and v <= vkey(m["versionStartExcluding"]): return NO
    if "versionEndIncluding" in m and v > vkey(m["versionEndIncluding"]): return NO
    if "versionEndExcluding" in m and v >= vkey(m["versionEndExcluding"]): return NO
    return YES


RANGE_KEYS = ("versionStartIncluding", "versionStartExcluding", "versionEndIncluding", "versionEndExcluding")


def cpe_match(m, c, a):
    v = YES
    ranged = any(k in m for k in RANGE_KEYS)
    for i in range(11):
        if i == 3:
            if ranged:
                if c[3] not in ("*", "-"):
                    v = min(v, attr(c[3], a[3], True))
                v = min(v, in_range(m, a[3]) if a[3] not in ("*", "-") else POSSIBLE)
            else:
                v = min(v, attr(c[3], a[3], True))
        else:
            v = min(v, attr(c[i], a[i], False))
        if v == NO:
            break
    return v


def criterion(m, asset_cpes):
    c = split(m["criteria"])
    if not c:
        return NO
    best = max((cpe_match(m, c, a) for a in asset_cpes), default=NO)
    if best == NO and not m["vulnerable"] and not any(a[0] == c[0] for a in asset_cpes):
        return POSSIBLE
    return best


def node(n, asset_cpes, seen):
    and_op = n.get("operator") == "AND"
    v = YES if and_op else NO
    for m in n.get("cpeMatch", []):
        r = criterion(m, asset_cpes)
        if m["vulnerable"] and r != NO:
            seen[0] = True
        v = min(v, r) if and_op else max(v, r)
    if not n.get("cpeMatch"):
        v = NO
    return v


def record(configs, asset_cpes):
    best = NO
    for cfg in configs:
        seen = [False]
        nodes = cfg.get("nodes", [])
        and_op = cfg.get("operator") == "AND"
        v = YES if and_op else NO
        for n in nodes:
            r = node(n, asset_cpes, seen)
            v = min(v, r) if and_op else max(v, r)
        if not nodes:
            v = NO
        if seen[0]:
            best = max(best, v)
        if best == YES:
            break
    return best


def main():
    d = sys.argv[1]
    t0 = time.process_time()
    recs = []
    for f in sorted(glob.glob(os.path.join(d, "nvd-*.json"))):
        with open(f) as fh:
            for v in json.load(fh)["vulnerabilities"]:
                recs.append((v["cve"]["id"], v["cve"].get("configurations", [])))
    # The port model as synth.py writes it: one asset a line.
    assets = []
    pat = re.compile(r'id: (a\d+),.*cpe: "([^"]+)"(?:, cpes: \["([^"]+)"\])?')
    with open(os.path.join(d, "port.yaml")) as fh:
        for line in fh:
            m = pat.search(line)
            if m:
                assets.append((m.group(1), [split(m.group(2))] + ([split(m.group(3))] if m.group(3) else [])))
    t1 = time.process_time()
    index, by_vendor = {}, {}
    for i, (_, configs) in enumerate(recs):
        for cfg in configs:
            for n in cfg.get("nodes", []):
                for m in n.get("cpeMatch", []):
                    c = split(m["criteria"])
                    if not c:
                        continue
                    if "*" in c[2] or "?" in c[2]:
                        by_vendor.setdefault(c[1], set()).add(i)
                    else:
                        index.setdefault((c[1], c[2]), set()).add(i)
    t2 = time.process_time()
    found = {}
    for aid, cpes in assets:
        cand = set()
        for a in cpes:
            cand |= index.get((a[1], a[2]), set()) | by_vendor.get(a[1], set())
        for i in cand:
            v = record(recs[i][1], cpes)
            if v != NO:
                found[(aid, recs[i][0])] = "certain" if v == YES else "possible"
    t3 = time.process_time()
    out = {"records": len(recs), "assets": len(assets), "load_s": round(t1 - t0, 3), "index_s": round(t2 - t1, 3),
           "match_s": round(t3 - t2, 3), "findings": len(found),
           "certain": sum(1 for v in found.values() if v == "certain")}
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as fh:
            sw = {(f["asset"], f["cve"]): f["certainty"] for f in json.load(fh)}
        out["same_as_seawall"] = sw == found
        out["only_seawall"] = len(set(sw) - set(found))
        out["only_peer"] = len(set(found) - set(sw))
        out["certainty_differs"] = sum(1 for k in set(sw) & set(found) if sw[k] != found[k])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
