#!/usr/bin/env bash
# run.sh - exposure analysis at scale: synthetic ports of 10,000 and 100,000
# assets (about 0.1 and 1 million graph edges), timing the model load
# (`seawall check`) and `seawall exposure` for one entry point and one crown
# jewel (k paths plus vertex and edge minimum cuts), with peak RSS from
# /usr/bin/time. Prints a Markdown table for bench/RESULTS.md.
set -eu
cd "$(dirname "$0")/../.."
SEAWALL=${SEAWALL:-$PWD/build/seawall}
WORK=${WORK:-/tmp/seawall-bench-exposure}
K=${K:-3}
mkdir -p "$WORK"
echo "| assets | graph nodes | graph edges | load (check) | build | paths + cuts, per entry and target | total wall | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in 10000 100000; do
  y=$WORK/synth$n.yaml
  [ -s "$y" ] || python3 bench/exposure/synth_port.py "$n" 8 >"$y"
  /usr/bin/time -f "%e" -o "$WORK/check.t" "$SEAWALL" check "$y" >/dev/null 2>&1 || true
  for pair in "internet a$((n - 1))" "vendor a$((n / 2 + 999 - (n / 2) % 1000))" "camera a999"; do
    set -- $pair
    /usr/bin/time -f "%e %M" -o "$WORK/exp.t" "$SEAWALL" exposure -v --k "$K" --model "$y" --from "$1" --to "$2" \
      >/dev/null 2>"$WORK/exp.err" || true
    line=$(grep 'graph' "$WORK/exp.err")
    nodes=$(sed -E 's/.*graph ([0-9]+) nodes.*/\1/' <<<"$line")
    edges=$(sed -E 's/.* ([0-9]+) edges.*/\1/' <<<"$line")
    build=$(sed -E 's/.*built in ([0-9.]+) s.*/\1/' <<<"$line")
    ana=$(sed -E 's/.*analysed .* in ([0-9.]+) s/\1/' <<<"$line")
    read -r wall rss < <(tail -1 "$WORK/exp.t")
    echo "| $n | $nodes | $edges | $(cat "$WORK/check.t") s | $build s | $ana s ($1 -> $2) | $wall s | $((rss / 1024)) MB |"
  done
done
