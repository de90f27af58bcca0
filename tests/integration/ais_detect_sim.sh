#!/usr/bin/env bash
# ais_detect_sim.sh - detection scored against the simulator's ground truth:
# on the sample port's AIS feed every labelled scenario is detected with its
# expected check id (SW-AIS-*) by `seawall ais track`, and the benign traffic
# raises no alert at all. Several seeds and lengths, and a benign-only run.
# The scoring rules are in ais_truth_score.py.
. "$(dirname "$0")/lib.sh"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
SCORE="$SEAWALL_SRC/tests/integration/ais_truth_score.py"
export SEAWALL_DATA="$SEAWALL_SRC/data"

for run in "1 1h" "42 1h" "7 2h"; do
  set -- $run
  seed=$1 dur=$2 d="$TMP/s$seed"
  "$SEAWALL" sim --model "$MODEL" --out "$d" --feeds ais --seed "$seed" --duration "$dur" >/dev/null 2>"$d.err"
  if ! "$SEAWALL" ais track "$d/ais.nmea" --model "$MODEL" --eve "$d/alerts.json" >"$d/summary" 2>&1; then
    rc=$?
    [ "$rc" -eq 1 ] || { not_ok "seed $seed: ais track failed (exit $rc)"; diagnose <"$d/summary"; continue; }
  fi
  if python3 "$SCORE" "$d/ground-truth.json" "$d/alerts.json" >"$d/score"; then
    ok "seed $seed, $dur: every scenario detected with its check, no false positive"
  else
    not_ok "seed $seed, $dur: every scenario detected with its check, no false positive"
  fi
  diagnose <"$d/score"
done

# Benign traffic only, for six hours: no alert.
d="$TMP/benign"
"$SEAWALL" sim --model "$MODEL" --out "$d" --feeds ais --no-scenarios --duration 6h >/dev/null 2>&1
"$SEAWALL" ais track "$d/ais.nmea" --model "$MODEL" --eve "$d/alerts.json" >"$d/summary" 2>&1
n=$(grep -c . "$d/alerts.json" 2>/dev/null || true)
if [ -f "$d/alerts.json" ] && [ "${n:-0}" -eq 0 ]; then ok "six hours of benign traffic raise no alert"
else not_ok "six hours of benign traffic raise no alert (${n:-no file} alerts)"; head -5 "$d/alerts.json" 2>/dev/null | diagnose; fi

# The scorer itself must be able to fail: a missed scenario and a false
# positive are both caught.
d="$TMP/s1"
head -n 0 "$d/alerts.json" >"$TMP/none.json"
if python3 "$SCORE" "$d/ground-truth.json" "$TMP/none.json" >/dev/null; then not_ok "no alerts: scored as misses"; else ok "no alerts: scored as misses"; fi
sed 's/"mmsi":299112233/"mmsi":263900111/' "$d/alerts.json" >"$TMP/wrong.json"
if python3 "$SCORE" "$d/ground-truth.json" "$TMP/wrong.json" >"$TMP/wrong.score"; then not_ok "an alert on a benign vessel: a false positive"
else check "an alert on a benign vessel: a false positive" grep -q "false positive: .*SW-AIS-MMSI-INVALID" "$TMP/wrong.score"; fi
done_testing
