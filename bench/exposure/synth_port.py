#!/usr/bin/env python3
"""synth_port.py - writes a synthetic port.yaml for bench/exposure: ASSETS
assets in zones of 100 (a /24 each), each zone with CONDUITS outbound
conduits to random zones, four entry points, PLCs with may_write lists and
one crown jewel per 1000 assets. Deterministic for a given seed."""
import random, sys

assets, conduits_per_zone, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1
rnd = random.Random(seed)
per_zone = 100
nz = (assets + per_zone - 1) // per_zone
kinds = ["workstation"] * 40 + ["server"] * 25 + ["plc"] * 15 + ["hmi"] * 10 + ["camera"] * 10
services = [["rdp"], ["https"], ["s7comm", "https"], ["ssh"], ["syslog"], ["enip"], ["tcp/1024-65535"], ["smb", "rdp"], ["opcua"]]
out = sys.stdout
w = out.write
w("port: {name: Synthetic port %d, timezone: UTC}\nzones:\n" % assets)
for z in range(nz):
    w("  - {id: z%d, domain: %s, security_level: 2, networks: [10.%d.%d.0/24]}\n" % (z, "ot" if z % 2 else "it", z // 256, z % 256))
w("conduits:\n")
for z in range(nz):
    for c in range(conduits_per_zone):
        t = rnd.randrange(nz)
        if t == z: continue
        w("  - {id: c%d-%d, from: z%d, to: z%d, services: [%s], justification: synthetic}\n" % (z, c, z, t, ", ".join(rnd.choice(services))))
w("assets:\n")
ids = []
for a in range(assets):
    z = a // per_zone
    kind = rnd.choice(kinds)
    crit = "crown-jewel" if a % 1000 == 999 else "medium"
    line = "  - {id: a%d, kind: %s, zone: z%d, ip: 10.%d.%d.%d, criticality: %s" % (a, kind, z, z // 256, z % 256, a % per_zone + 1, crit)
    if kind == "plc":
        mw = sorted({z * per_zone + rnd.randrange(per_zone) for _ in range(2)} - {a})
        mw = [m for m in mw if m < assets]
        if mw: line += ", may_write: [%s]" % ", ".join("a%d" % m for m in mw)
    w(line + "}\n")
w("entry_points:\n")
w("  - {id: internet, kind: internet, reaches: [z0]}\n")
w("  - {id: phishing, kind: email, reaches: [z2, z4, z6]}\n")
w("  - {id: vendor, kind: remote-access, reaches: [z%d]}\n" % (nz // 2))
w("  - {id: camera, kind: physical, reaches: [a%d]}\n" % (assets // 3))
