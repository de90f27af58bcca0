#!/usr/bin/env python3
"""gen_alerts.py - N ECS alert lines spread evenly over one day, in time
order, with the mix a port's sensors produce: mostly network alerts from
internet scanners against the DMZ and policy noise inside, some OT alerts
against crane and TOS hosts, physical-security and AIS alerts. Hosts come
from the port model (its asset addresses); scanners from a large pool, so
most alerts stand alone and some chains form. Deterministic for a seed.

  gen_alerts.py MODEL N [SEED] > alerts.jsonl
"""
import json, random, re, sys

model, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
ips = re.findall(r"\bip: (\d+\.\d+\.\d+\.\d+)", open(model).read())
ot = [ip for ip in ips if ip.startswith(("10.3", "10.2"))] or ips
it = [ip for ip in ips if ip.startswith("10.1")] or ips
# (share, dataset, rule, techniques, severity, source pool, target pool)
mix = [
    (40, "seawall.net", "SW-SEG-VIOLATION", ["T0886"], "medium", "int", "it"),
    (20, "seawall.net", "SW-SCAN-HORIZONTAL", ["T0846"], "medium", "ext", "it"),
    (8, "seawall.net", "SW-SCAN-VERTICAL", ["T0846"], "medium", "int", "ot"),
    (6, "seawall.net", "SW-INTEL-ADDRESS", ["T1071"], "high", "it", "ext"),
    (5, "seawall.net", "SW-ICS-UNAUTH-WRITE", ["T0855"], "high", "ot", "ot"),
    (4, "seawall.net", "SW-ASSET-ROGUE", ["T0848"], "high", "int", "ot"),
    (4, "seawall.net", "SW-BASE-NEW-TALKER", ["T0886"], "low", "ot", "ot"),
    (5, "seawall.phys", "SW-PHYS-BADGE-DENIED", [], "low", None, None),
    (3, "seawall.phys", "SW-PHYS-CAMERA-OFFLINE", ["T0815"], "medium", None, "ot"),
    (5, "seawall.ais", "SW-AIS-TELEPORT", ["T0856"], "high", None, None),
]
weights = [m[0] for m in mix]
def pick(pool):
    if pool == "ext": return "203.0.%d.%d" % (rng.randrange(0, 256), rng.randrange(1, 255))
    if pool == "int": return "10.%d.%d.%d" % (rng.randrange(10, 60), rng.randrange(0, 256), rng.randrange(1, 255))
    return rng.choice(ot if pool == "ot" else it)
start = 1767225600  # 2026-01-01T00:00:00Z
out = sys.stdout
for i in range(n):
    t = start + i * 86400.0 / n
    share, ds, rule, tech, sev, sp, dp = rng.choices(mix, weights)[0]
    sec = int(t)
    d = {"@timestamp": "2026-01-01T%02d:%02d:%02d.%06dZ" % (sec % 86400 // 3600, sec % 3600 // 60, sec % 60,
                                                          int((t - sec) * 1e6)),
         "event": {"kind": "alert", "dataset": ds}, "rule": {"id": rule},
         "threat": {"technique": {"id": tech}}, "seawall": {"severity": sev}}
    if sp: d["source"] = {"ip": pick(sp)}
    if dp: d["destination"] = {"ip": pick(dp)}
    if ds == "seawall.phys": d["seawall"]["badge"] = str(10000 + rng.randrange(0, 5000))
    if ds == "seawall.ais": d["seawall"]["ais"] = {"mmsi": 235000000 + rng.randrange(0, 3000)}
    out.write(json.dumps(d, separators=(",", ":")) + "\n")
