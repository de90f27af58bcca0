#!/usr/bin/env bash
# camera_wire.sh - camera health from the wire (issue 5): with no VMS feed
# at all, a camera covering a critical asset whose RTSP stream stops in a
# simulated capture raises SW-PHYS-CAMERA-DOWN 120 s after its last media
# packet (tshark finds that packet, as the oracle); a camera covering
# nothing critical, the uncut capture, a gap in the whole capture and
# --camera-silence 0 raise none.
. "$(dirname "$0")/lib.sh"
silent() { "$@" >/dev/null; }

MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
if ! command -v tshark >/dev/null || ! command -v python3 >/dev/null; then
  ok "# SKIP tshark or python3 not installed"; done_testing; exit $?
fi
CRIT=10.50.3.14   # cam-t2-asc-01, covers asc-01-plc
PLAIN=10.50.3.15  # cam-t2-asc-02, covers nothing
S="$TMP/s"
check "sim 10 min of benign traffic" silent "$SEAWALL" sim --model "$MODEL" --seed 3 --start 2026-11-30T10:00:00Z --duration 10m \
  --no-scenarios --feeds pcap --out "$S"
# Both cameras stop streaming 4 minutes in: every frame to or from them is cut.
tshark -r "$S/traffic.pcap" -Y "!((ip.addr==$CRIT || ip.addr==$PLAIN) && frame.time_relative >= 240)" -w "$TMP/cut.pcap" 2>/dev/null
# The whole capture falls silent from minute 4 to minute 8 (a sensor restart).
tshark -r "$S/traffic.pcap" -Y "!(frame.time_relative >= 240 && frame.time_relative < 480)" -w "$TMP/gap.pcap" 2>/dev/null
last=$(tshark -r "$TMP/cut.pcap" -Y "ip.src==$CRIT && rtsp" -T fields -e frame.time_epoch 2>/dev/null | tail -1)
check "tshark: the critical camera streamed RTSP before the cut" test -n "$last"

camdown() {   # PCAP EVE [options]: sense without any VMS feed; prints "camera-id epoch" per CAMERA-DOWN alert
  local p=$1 e=$2; shift 2
  "$SEAWALL" sense --model "$MODEL" --pcap "$p" --eve "$e" --no-progress "$@" >/dev/null 2>"$e.err" || return 1
  python3 - "$e" <<'PY'
import json, sys
from datetime import datetime
for l in open(sys.argv[1]):
    a = json.loads(l)
    if a["rule"]["id"] == "SW-PHYS-CAMERA-DOWN":
        t = datetime.fromisoformat(a["@timestamp"].replace("Z", "+00:00")).timestamp()
        print(a["seawall"]["asset"]["dst"] if "asset" in a["seawall"] else "?", int(t), a["event"]["dataset"], a["message"])
PY
}
camdown "$S/traffic.pcap" "$TMP/full.jsonl" >"$TMP/full.out"
check "uncut capture: no camera is down" test ! -s "$TMP/full.out"
check "uncut capture: no alert at all" test ! -s "$TMP/full.jsonl"
camdown "$TMP/cut.pcap" "$TMP/cut.jsonl" >"$TMP/cut.out"
diagnose <"$TMP/cut.out"
check "stream stopped: exactly one CAMERA-DOWN, for cam-t2-asc-01, with no VMS feed" \
  sh -c "[ \$(wc -l <'$TMP/cut.out') -eq 1 ] && grep -q '^cam-t2-asc-01 ' '$TMP/cut.out'"
check "... on the physical-security stream, naming the stop and the covered asset" \
  sh -c "grep -q ' seawall.phys camera cam-t2-asc-01: its RTSP stream stopped on the wire' '$TMP/cut.out' && grep -q 'asc-01-plc' '$TMP/cut.out'"
got=$(awk '{print $2}' "$TMP/cut.out" | head -1)
check "... 120-130 s after its last RTSP packet as tshark sees it" \
  python3 -c "import sys; d=int('${got:-0}')-float('$last'); sys.exit(0 if 119<=d<=131 else 1)"
camdown "$TMP/cut.pcap" "$TMP/off.jsonl" --camera-silence 0 >"$TMP/off.out"
check "--camera-silence 0: none" test ! -s "$TMP/off.out"
camdown "$TMP/gap.pcap" "$TMP/gap.jsonl" >"$TMP/gap.out"
check "a 4-minute gap in the whole capture: none" test ! -s "$TMP/gap.out"
expect_exit 2 "--camera-silence wants seconds" "$SEAWALL" sense --model "$MODEL" --pcap "$S/traffic.pcap" --camera-silence 2m
done_testing
