#!/usr/bin/env bash
# sense_progress.sh - the progress line `seawall sense` shows on a terminal
# (forced here with --progress): percentage, packets, rate and alerts so far,
# on stderr only, so --json on stdout stays one clean JSON object; and no
# line at all with --no-progress or when stderr is not a terminal.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
if ! command -v python3 >/dev/null; then ok "# SKIP python3 not installed"; done_testing; exit $?; fi

sim() { "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 10m --out "$TMP/s" >/dev/null; }
check "simulate 10 minutes with scenarios" sim
"$SEAWALL" sense --model "$MODEL" --pcap "$TMP/s/traffic.pcap" --progress --json >"$TMP/sum.json" 2>"$TMP/prog.err"
rc=$?
if [ $rc -eq 0 ]; then ok "sense --progress --json"; else not_ok "sense --progress --json (exit $rc)"; diagnose <"$TMP/prog.err"; fi

# Every progress update rewrites the line: split on the carriage returns.
export TAP_START=$TAP_N COUNTS="$TMP/py.count"
python3 - "$TMP/sum.json" "$TMP/prog.err" <<'PY'
import json, os, re, sys
n = int(os.environ["TAP_START"]); failed = 0
def check(cond, what):
    global n, failed
    n += 1
    print(("ok %d - " if cond else "not ok %d - ") % n + what)
    if not cond: failed += 1

try:
    summary = json.load(open(sys.argv[1]))
    check(True, "stdout is one JSON object, no progress in it")
except ValueError as e:
    summary = None
    check(False, "stdout is not clean JSON: %s" % e)
total = summary["alerts"]["total"] if summary else -1
err = open(sys.argv[2], encoding="utf-8", errors="replace", newline="").read()
lines = [re.sub(r"\x1b\[K", "", l) for l in err.split("\r")]
prog = [l for l in lines if re.search(r"\d+ packets", l)]
pat = re.compile(r"\[1/1\] .*traffic\.pcap: +([\d.]+)%  (\d+) packets  (\d+) packets/s  (\d+) alerts$")
parsed = [pat.match(l.strip()) for l in prog]
check(prog and all(parsed), "every progress line has percentage, packets, rate and alerts (%d lines)" % len(prog))
if prog and all(parsed):
    alerts = [int(m.group(4)) for m in parsed]
    packets = [int(m.group(2)) for m in parsed]
    check(alerts == sorted(alerts) and packets == sorted(packets), "packets and alerts never go down")
    last = parsed[-1]
    check(float(last.group(1)) == 100.0 and int(last.group(2)) == summary["packets"],
          "the last line is at 100%% with every packet (%s)" % last.group(2))
    # Flows still open at the end can raise alerts after the last line.
    check(1 <= alerts[-1] <= total, "alerts so far (%d) counted, at most the total (%d)" % (alerts[-1], total))
open(os.environ["COUNTS"], "w").write("%d %d" % (n, failed))
PY
read -r TAP_N py_failed <"$TMP/py.count"
TAP_FAILED=$((TAP_FAILED + py_failed))

"$SEAWALL" sense --model "$MODEL" --pcap "$TMP/s/traffic.pcap" --no-progress --json >/dev/null 2>"$TMP/none.err"
if grep -q "packets/s" "$TMP/none.err"; then not_ok "--no-progress still shows progress"; else ok "--no-progress shows nothing"; fi
# stderr is a file here, not a terminal: no progress by default
"$SEAWALL" sense --pcap "$TMP/s/traffic.pcap" >/dev/null 2>"$TMP/default.err"
if grep -q "packets/s" "$TMP/default.err"; then not_ok "progress shown when stderr is not a terminal"; else ok "no progress when stderr is not a terminal"; fi
"$SEAWALL" sense --pcap "$TMP/s/traffic.pcap" --progress >/dev/null 2>"$TMP/nomodel.err"
if grep -q "packets/s" "$TMP/nomodel.err" && ! grep -q "alerts" "$TMP/nomodel.err"; then ok "without --model the line has no alert count"
else not_ok "without --model: progress missing or shows alerts"; fi
done_testing
