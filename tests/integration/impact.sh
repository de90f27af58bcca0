#!/usr/bin/env bash
# impact.sh - `seawall impact` on the sample port against an independent
# roll-up in Python (PyYAML reading port.yaml: breadth first over the
# reverse of depends_on, each asset once): losing the TOS database, the T1
# crane controller and a leaf PLC give the same stopped sets and sums; the
# recovery order puts every dependency first; a cycle is refused with its path.
. "$(dirname "$0")/lib.sh"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
python3 -c 'import yaml' 2>/dev/null || { echo "1..0 # SKIP python3-yaml is not installed"; exit 0; }

oracle() {   # oracle LOST HOURS -> "count teu_lost delay_hours cost"
  python3 - "$MODEL" "$1" "$2" <<'PY'
import sys, yaml
m = yaml.safe_load(open(sys.argv[1])); lost = sys.argv[2].split(","); h = float(sys.argv[3])
deps = {a["id"]: a.get("depends_on", []) for a in m["assets"]}
imp = {a["id"]: a.get("impact", {}) for a in m["assets"]}
stopped, queue = set(lost), list(lost)
while queue:
    x = queue.pop()
    for a, d in deps.items():
        if x in d and a not in stopped: stopped.add(a); queue.append(a)
s = lambda k: sum(imp[a].get(k, 0) for a in stopped)
print(len(stopped), round(s("teu_per_hour") * h, 1), round(s("vessel_delay_hours") * h, 2), round(s("cost_per_hour") * h))
PY
}

for case in "tos-db-01 6" "crane-ctl-t1-01 3" "sts-t1-01-plc 2" "tos-app-01,gate-srv-01 1.5"; do
  set -- $case
  "$SEAWALL" impact --model "$MODEL" --lose "$1" --hours "$2" --json >"$TMP/i.json" 2>"$TMP/i.err"
  want=$(oracle "$1" "$2")
  got=$(jq -r '"\(.recovery_order | length) \(.teu_lost) \(.vessel_delay_hours) \(.cost)"' "$TMP/i.json")
  check "lose $1 for $2 h: stopped, TEU, delay, cost = $want (Python roll-up)" \
      python3 -c "import sys; a=[float(x) for x in '$want'.split()]; b=[float(x) for x in '$got'.split()]; sys.exit(0 if all(abs(x-y)<1e-6 for x,y in zip(a,b)) else 1)"
  check "lose $1: every dependency recovers before what needs it" python3 - "$MODEL" "$TMP/i.json" <<'PY'
import sys, json, yaml
m = yaml.safe_load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
deps = {a["id"]: a.get("depends_on", []) for a in m["assets"]}
pos = {s["asset"]: i for i, s in enumerate(r["recovery_order"])}
sys.exit(0 if all(pos[d] < pos[a] for a in pos for d in deps[a] if d in pos) else 1)
PY
done
check "losing the TOS database flags safety and NIS2/ISPS/USCG reporting" \
    bash -c "'$SEAWALL' impact --model '$MODEL' --lose tos-db-01 --json | jq -e '.safety and .regulatory and .jurisdictions == [\"eu-nis2\",\"isps\",\"us-cg\"]' >/dev/null"
expect_exit 2 "an unknown asset is a usage error" "$SEAWALL" impact --model "$MODEL" --lose no-such-asset
expect_exit 2 "--hours 0 is a usage error" "$SEAWALL" impact --model "$MODEL" --lose tos-db-01 --hours 0

# A cycle: the loader refuses it, naming it.
sed 's/^    depends_on: \[tos-db-01, ot-dc-01\]$/    depends_on: [tos-db-01, ot-dc-01, tos-ecn4-01]/' "$MODEL" >"$TMP/cycle.yaml"
expect_exit 1 "a depends_on cycle is refused" "$SEAWALL" impact --model "$TMP/cycle.yaml" --lose tos-db-01
check "... naming it" grep -q "cycle" "$TMP/last.err"
done_testing
