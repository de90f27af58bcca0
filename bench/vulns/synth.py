#!/usr/bin/env python3
"""synth.py - synthetic inputs for bench/vulns: a port model of N assets and
NVD CVE API 2.0 files holding R records, with a realistic mix: 3,000 vendors
of 40 products each, OR nodes of 1-4 cpeMatch with start/end including/
excluding ranges, exact versions and ANY, 25 % AND configurations with a
hardware platform (vulnerable: false), 0.1 % wildcard products (NVD itself has almost none). Seeded, so
every run is the same. Usage: synth.py DIR N_ASSETS N_RECORDS"""
import json, os, random, sys

out, n_assets, n_records = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7696)
VENDORS = [f"v{v:04d}" for v in range(3000)]
PRODUCTS = [f"p{p:02d}" for p in range(40)]

def version():
    return ".".join(str(rng.randrange(0, 12)) for _ in range(rng.choice((2, 3, 3, 4))))

def match(v, p):
    m = {"vulnerable": True, "criteria": f"cpe:2.3:o:{v}:{p}_fw:*:*:*:*:*:*:*:*"}
    kind = rng.random()
    if kind < 0.45:
        m["versionEndExcluding"] = version()
    elif kind < 0.65:
        m["versionStartIncluding"], m["versionEndExcluding"] = sorted((version(), version()), key=lambda s: [int(x) for x in s.split(".")])
    elif kind < 0.75:
        m["versionEndIncluding"] = version()
    elif kind < 0.85:
        m["versionStartExcluding"] = version()
    elif kind < 0.999:
        m["criteria"] = f"cpe:2.3:o:{v}:{p}_fw:{version()}:*:*:*:*:*:*:*"
    else:
        m["criteria"] = f"cpe:2.3:o:{v}:{p[:9]}*:*:*:*:*:*:*:*:*"
    return m

os.makedirs(out, exist_ok=True)
per_file = 50000
for f in range(0, n_records, per_file):
    vulns = []
    for i in range(f, min(f + per_file, n_records)):
        v = rng.choice(VENDORS)
        ms = [match(v, rng.choice(PRODUCTS)) for _ in range(rng.randint(1, 4))]
        cfg = {"nodes": [{"operator": "OR", "negate": False, "cpeMatch": ms}]}
        if rng.random() < 0.25:
            cfg = {"operator": "AND", "nodes": [cfg["nodes"][0], {"operator": "OR", "negate": False, "cpeMatch": [
                {"vulnerable": False, "criteria": f"cpe:2.3:h:{v}:{rng.choice(PRODUCTS)}:-:*:*:*:*:*:*:*"}]}]}
        score = round(rng.uniform(2, 10), 1)
        vulns.append({"cve": {"id": f"CVE-{2000 + i % 25}-{100000 + i}", "published": "2021-05-28T16:15:07.790",
                              "lastModified": "2024-01-01T00:00:00.000", "vulnStatus": "Analyzed",
                              "descriptions": [{"lang": "en", "value": "synthetic"}],
                              "metrics": {"cvssMetricV31": [{"type": "Primary", "cvssData": {"version": "3.1",
                                          "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": score}}]},
                              "configurations": [cfg]}})
    with open(os.path.join(out, f"nvd-{f // per_file:02d}.json"), "w") as fh:
        json.dump({"format": "NVD_CVE", "version": "2.0", "vulnerabilities": vulns}, fh)

with open(os.path.join(out, "port.yaml"), "w") as y:
    y.write("port: {name: Synthetic port, timezone: UTC}\n")
    y.write("zones:\n  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n")
    for z in range(64):
        y.write(f"  - {{id: z{z}, domain: ot, security_level: 2, networks: [10.{z}.0.0/16]}}\n")
    y.write("conduits:\n  - {from: internet, to: z0, services: [tcp/443]}\n")
    for z in range(63):
        y.write(f"  - {{from: z{z}, to: z{z + 1}, services: [tcp/502]}}\n")
    y.write("entry_points:\n  - {id: internet, kind: internet, reaches: [internet]}\n")
    y.write("assets:\n")
    for a in range(n_assets):
        v, p, ver = rng.choice(VENDORS), rng.choice(PRODUCTS), version()
        z = a % 64
        extra = f', cpes: ["cpe:2.3:h:{v}:{rng.choice(PRODUCTS)}:-:*:*:*:*:*:*:*"]' if rng.random() < 0.3 else ""
        # Short lines: the model loader caps port.yaml at 16 MiB.
        y.write(f'  - {{id: a{a}, kind: plc, zone: z{z}, cpe: "cpe:2.3:o:{v}:{p}_fw:{ver}:*:*:*:*:*:*:*"{extra}}}\n')
