#!/usr/bin/env python3
"""gen_fleet.py - a synthetic AIS feed of N distinct vessels for the
integrity-pipeline benchmark (bench/ais/track.sh): each vessel sends one
type 5 (two sentences) and R type 1 position reports 10 s apart, steaming
at 12 kn in open Atlantic water, interleaved in time order, every sentence
with an NMEA 4.10 tag block time. MMSIs are ship-form with allocated MIDs,
so benign traffic: any alert would be a false positive.

  gen_fleet.py VESSELS REPORTS > feed.nmea
"""
import sys

ARMOUR = [chr(c + 48) if c < 40 else chr(c + 56) for c in range(64)]
MIDS = [201, 211, 219, 224, 226, 232, 244, 247, 257, 263, 273, 305, 311, 338, 351, 366, 412, 431, 477, 538, 563, 636]


def bits(v, n):
    v &= (1 << n) - 1
    return format(v, "0%db" % n)


def text(s, n):
    out = ""
    for ch in s.ljust(n // 6, "@")[: n // 6]:
        c = ord(ch)
        out += bits(c - 64 if c >= 64 else c, 6)
    return out


def armour(b):
    fill = (-len(b)) % 6
    b += "0" * fill
    return "".join(ARMOUR[int(b[i:i + 6], 2)] for i in range(0, len(b), 6)), fill


def cks(s):
    x = 0
    for ch in s:
        x ^= ord(ch)
    return "%02X" % x


def emit(out, t, payloads, seq):
    tag = "c:%d" % t
    n = len(payloads)
    for i, (p, fill) in enumerate(payloads):
        body = "AIVDM,%d,%d,%s,A,%s,%d" % (n, i + 1, str(seq) if n > 1 else "", p, fill)
        head = "\\%s*%s\\" % (tag, cks(tag)) if i == 0 else ""
        out.write("%s!%s*%s\n" % (head, body, cks(body)))


def main():
    n, reps = int(sys.argv[1]), int(sys.argv[2])
    out = sys.stdout
    t0 = 1_700_000_000
    fleet = []
    for i in range(n):
        mmsi = MIDS[i % len(MIDS)] * 1_000_000 + 100_000 + i
        lat = 30.0 + (i % 400) * 0.02          # 30-38 N, 20-40 W: open sea
        lon = -40.0 + (i // 400) % 1000 * 0.02
        fleet.append((mmsi, lat, lon))
    for i, (mmsi, lat, lon) in enumerate(fleet):
        b = (bits(5, 6) + bits(0, 2) + bits(mmsi, 30) + bits(0, 2) + bits(9_000_000 + i % 999_999, 30)
             + text("C%05d" % (i % 100000), 42) + text("BENCH VESSEL %d" % i, 120) + bits(70, 8)
             + bits(150, 9) + bits(50, 9) + bits(15, 6) + bits(15, 6) + bits(1, 4) + bits(11, 4) + bits(28, 5)
             + bits(12, 5) + bits(0, 6) + bits(90, 8) + text("PTLIS", 120) + bits(0, 1) + bits(0, 1))
        p, fill = armour(b)
        emit(out, t0 + i * 10 // n, [(p[:60], 0), (p[60:], fill)], i % 10)
    step = 12 / 3600 / 60 * 10   # degrees of latitude in 10 s at 12 kn
    for r in range(reps):
        for i, (mmsi, lat, lon) in enumerate(fleet):
            t = t0 + 10 + r * 10 + i * 10 // n
            la = lat + step * r
            b = (bits(1, 6) + bits(0, 2) + bits(mmsi, 30) + bits(0, 4) + bits(0, 8) + bits(120, 10) + bits(0, 1)
                 + bits(int(round(lon * 600000)), 28) + bits(int(round(la * 600000)), 27) + bits(0, 12)
                 + bits(0, 9) + bits(t % 60, 6) + bits(0, 2) + bits(0, 3) + bits(0, 1) + bits(0, 19))
            emit(out, t, [armour(b)], 0)


main()
