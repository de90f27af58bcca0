#!/usr/bin/env python3
"""Scores AIS integrity alerts (ECS JSON lines) against the simulator's
ground truth (ground-truth.json "ais"). Prints one TAP-style line per
scenario and per false positive on stdout, and exits 1 on any miss or false
positive. An alert belongs to a scenario when its rule is one of the
scenario's checks (or the side effects it lists under "also"), its MMSI is
one of the scenario's MMSIs (area-wide alerts carry none), and it falls in
the scenario's window, from a minute before to SLACK after it (a silence is
only known some time after it starts). Anything else is a false positive:
the benign traffic must raise nothing."""
import json
import sys
from datetime import datetime, timedelta

SLACK = timedelta(minutes=15)


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def main(truth_path, alerts_path):
    truth = json.load(open(truth_path))["ais"]
    alerts = [json.loads(line) for line in open(alerts_path) if line.strip()]
    scenarios = truth["scenarios"]
    claimed = [False] * len(alerts)
    failed = False
    for s in scenarios:
        lo, hi = when(s["start"]) - timedelta(minutes=1), when(s["end"]) + SLACK
        allowed = set(s["checks"]) | set(s["also"])
        hits = {}
        for i, a in enumerate(alerts):
            rule = a["rule"]["id"]
            mmsi = a.get("seawall", {}).get("ais", {}).get("mmsi")
            if rule not in allowed or not (lo <= when(a["@timestamp"]) <= hi):
                continue
            if mmsi is not None and mmsi not in s["mmsis"]:
                continue
            claimed[i] = True
            hits[rule] = hits.get(rule, 0) + 1
        missing = [c for c in s["checks"] if c not in hits]
        detail = ", ".join("%s x%d" % (r, n) for r, n in sorted(hits.items())) or "no alert"
        if missing:
            failed = True
            print("not ok - %s: missing %s (%s)" % (s["id"], ", ".join(missing), detail))
        else:
            print("ok - %s detected (%s)" % (s["id"], detail))
    for i, a in enumerate(alerts):
        if not claimed[i]:
            failed = True
            print("not ok - false positive: %s %s %s" % (a["@timestamp"], a["rule"]["id"], a.get("message", "")[:160]))
    print("# %d scenarios, %d alerts, %d false positives" % (len(scenarios), len(alerts), claimed.count(False)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
