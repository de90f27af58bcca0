#!/usr/bin/env bash
# ais_route.sh - IMO 289 route information in both its forms (type 8 FID 27
# broadcast, type 6 FID 28 addressed), which gpsd's corpus does not carry.
# The sentences were encoded by hand from the field layout; the values
# asserted are the ones encoded.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/route.nmea" <<'NMEA'
!AIVDM,1,1,,A,85M:Ih00Fh58spUp1J0GmQmH5RCj3rg5P2hs?P,1*27
!AIVDM,1,1,,A,65M:Ih0r=1l005h1B>v9N0FP5uHMF1HTtPvciH0d>kp0,5*1C
NMEA
"$SEAWALL" ais decode "$TMP/route.nmea" >"$TMP/scaled.json"
"$SEAWALL" ais decode -u "$TMP/route.nmea" >"$TMP/raw.json"
python3 - "$TMP/scaled.json" "$TMP/raw.json" <<'PY'
import json, sys
n = 0
def tap(ok, msg):
    global n; n += 1
    print(("ok" if ok else "not ok"), n, "-", msg)
scaled = [json.loads(l) for l in open(sys.argv[1])]
raw = [json.loads(l) for l in open(sys.argv[2])]
tap(len(scaled) == 2 and len(raw) == 2, "both route messages decode (%d, %d)" % (len(scaled), len(raw)))
for m, (typ, fid) in zip(scaled, [(8, 27), (6, 28)]):
    want = {"type": typ, "fid": fid, "dac": 1, "mmsi": 366123456, "linkage": 5, "sender": 1, "rtype": 3,
            "rtype_text": "Alternative", "start": "11-28T09:30Z", "duration": 1440}
    bad = {k: m.get(k) for k, v in want.items() if m.get(k) != v}
    tap(not bad, "type %d FID %d fields %s" % (typ, fid, bad or "as encoded"))
    wps = m.get("waypoints", [])
    tap([(w["lon"], w["lat"]) for w in wps] == [(-9.15, 38.7), (-9.2, 38.65)],
        "type %d FID %d waypoints scaled %s" % (typ, fid, wps))
tap(scaled[1].get("dest_mmsi") == 244123456, "type 6 addressed to 244123456")
tap([w["lon"] for w in raw[0]["waypoints"]] == [-5490000, -5520000], "unscaled waypoints are 1/10000 minutes")
print("1..%d" % n)
PY
