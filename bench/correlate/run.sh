#!/usr/bin/env bash
# run.sh - the correlation engine on N alerts spread over one day (realistic
# mix, bench/correlate/gen_alerts.py) through `seawall correlate --eve`,
# for each N in SIZES: alerts per CPU-second and peak RSS (/usr/bin/time).
# Memory is fixed by the tables at creation, so peak RSS must not grow
# with N. The peer, in the same run, is `jq -c .` reading the same file:
# parsing the JSON alone, the floor for any ECS consumer.
#
#   bench/correlate/run.sh            # SIZES="100000 1000000" CORE=0
set -euo pipefail
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
SIZES=${SIZES:-"100000 1000000"}
CORE=${CORE:-0}
MODEL=examples/aurora/port.yaml
[ -x "$SEAWALL" ] || { echo "build $SEAWALL first (make)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
measure() {  # name, command...: wall seconds, user+sys, max RSS KiB
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" taskset -c "$CORE" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null || true
  read -r wall user sys rss <"$TMP/time"
  echo "$name $wall $user $sys $rss"
}
echo "| alerts | command | wall (s) | CPU user+sys (s) | alerts per CPU-second | peak RSS (MiB) | candidates | merges | evictions (groups/entities) |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  python3 bench/correlate/gen_alerts.py "$MODEL" "$n" >"$TMP/alerts.jsonl"
  read -r _ wall user sys rss < <(measure corr "$SEAWALL" correlate --eve "$TMP/alerts.jsonl" --model "$MODEL" --json)
  python3 - "$TMP/corr.out" "$n" "$wall" "$user" "$sys" "$rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stats"]
n, wall, user, sy, rss = int(sys.argv[2]), *map(float, sys.argv[3:])
assert s["alerts"] == n, s
print(f"| {n:,} | seawall correlate --eve | {wall:.2f} | {user + sy:.2f} | {n / max(user + sy, 1e-9):,.0f} | "
      f"{rss / 1024:.1f} | {s['candidates']:,} | {s['merges']:,} | {s['group_evictions']:,}/{s['entity_evictions']:,} |")
PY
  if command -v jq >/dev/null; then
    read -r _ wall user sys rss < <(measure jq jq -c . "$TMP/alerts.jsonl")
    python3 -c "import sys; n,w,u,s,r=int(sys.argv[1]),*map(float,sys.argv[2:]); print(f'| {n:,} | jq -c . (parse + print only) | {w:.2f} | {u+s:.2f} | {n/max(u+s,1e-9):,.0f} | {r/1024:.1f} | - | - | - |')" "$n" "$wall" "$user" "$sys" "$rss"
  fi
done
echo
echo "engine memory fixed at creation: $(python3 -c "import json;print(round(json.load(open('$TMP/corr.out'))['stats']['memory']/1048576,1))") MiB (default tables)"
