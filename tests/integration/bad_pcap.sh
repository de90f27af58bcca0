#!/usr/bin/env bash
# bad_pcap.sh - damaged capture files and hostile packets, built here with
# python3: `seawall sense` never crashes or hangs, refuses an unreadable file
# with a clear error and exit 3, and reads a file damaged part-way up to the
# damage with a warning, every packet before it counted. Memory stays
# bounded: each run is under a 1 GiB address-space limit (ulimit -v) and its
# peak RSS (/usr/bin/time -f %M, when installed) under 256 MiB.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null || ! command -v jq >/dev/null; then echo "1..0 # SKIP needs python3 and jq"; exit 0; fi

python3 - "$TMP" <<'PY'
import struct, sys, os
out = sys.argv[1]
def w(name, data): open(os.path.join(out, name), "wb").write(data)

def ghdr(magic=0xa1b2c3d4, snap=65535, link=1):
    return struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snap, link)
def rec(data, caplen=None, origlen=None, ts=1700000000):
    return struct.pack("<IIII", ts, 0, len(data) if caplen is None else caplen,
                       len(data) if origlen is None else origlen) + data

ETH = bytes(6) + bytes([0, 1, 2, 3, 4, 5])
def ipv4(payload, proto=6, ident=1, frag=0, ihl=5, total=None):
    t = 4 * ihl + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, t, ident, frag, 64, proto, 0,
                    bytes([192, 168, 0, 1]), bytes([192, 168, 0, 2]))
    return h + bytes(4 * ihl - 20) + payload
TCP_SYN = bytes.fromhex("303901f6000000010000000050020000" "00000000")
good_pkt = ETH + b"\x08\x00" + ipv4(TCP_SYN)
GOOD = [rec(good_pkt, ts=1700000000 + i) for i in range(10)]

# Damaged files: (name, bytes). The expectations live in the shell below.
w("zero.pcap", b"")
w("short-header.pcap", ghdr()[:13])
w("bad-magic.pcap", b"\xde\xad\xbe\xef" + ghdr()[4:] + b"".join(GOOD))
w("bad-link.pcap", ghdr(link=9999) + b"".join(GOOD))
w("header-only.pcap", ghdr())
w("cut-record-header.pcap", ghdr() + b"".join(GOOD) + rec(good_pkt)[:9])
w("cut-record-data.pcap", ghdr() + b"".join(GOOD) + rec(good_pkt)[:30])
w("giant-caplen.pcap", ghdr() + b"".join(GOOD[:3]) +
  struct.pack("<IIII", 1700000100, 0, 0x7fffffff, 0x7fffffff) + good_pkt + b"".join(GOOD[3:]))
w("giant-snaplen.pcap", ghdr(snap=0xffffffff) + b"".join(GOOD))
w("zero-length-record.pcap", ghdr() + b"".join(GOOD[:3]) + rec(b"") + b"".join(GOOD[3:]))
w("caplen-over-wirelen.pcap", ghdr() + rec(good_pkt, origlen=10) + b"".join(GOOD))

# pcapng: section header, interface, enhanced packet blocks.
def blk(btype, body):
    body += bytes(-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
SHB = blk(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
IDB = blk(1, struct.pack("<HHI", 1, 0, 65535))
def epb(data, ts=0):
    return blk(6, struct.pack("<IIIII", 0, 0, ts, len(data), len(data)) + data)
NG = [epb(good_pkt, i) for i in range(10)]
w("ng-cut-block.pcapng", SHB + IDB + b"".join(NG) + NG[0][:20])
w("ng-giant-block.pcapng", SHB + IDB + b"".join(NG[:4]) + struct.pack("<II", 6, 0x7ffffff0) + bytes(64))
w("ng-no-interface.pcapng", SHB + b"".join(NG))

# Hostile packets in a well-formed file: every one is counted, none crashes.
hostile = [
    b"\x00" * 5,                                                  # shorter than Ethernet
    ETH + b"\x81\x00" * 40,                                       # 20 stacked VLAN tags, nothing after
    ETH + b"\x08\x00" + ipv4(b"", ihl=15)[:20],                   # IHL 60 in a 20-byte header
    ETH + b"\x08\x00" + ipv4(TCP_SYN, total=65535),               # total length beyond the capture
    ETH + b"\x08\x00" + ipv4(bytes.fromhex("303901f60000000100000000f0020000"), proto=6),  # TCP offset 60
    ETH + b"\x08\x06" + b"\x00\x01\x08\x00\x06\x04\x00",           # ARP cut short
    ETH + b"\x86\xdd" + struct.pack("!IHBB16s16s", 0x60000000, 400, 0, 64, bytes(16), bytes(16))
        + b"".join(bytes([0, 0]) + bytes(6) for _ in range(40)),  # 40 hop-by-hop headers
    ETH + b"\x08\x00" + ipv4(bytes(8), proto=17, frag=0x2000 | 8191),  # fragment at the last offset
]
frags = [ETH + b"\x08\x00" + ipv4(bytes(1400), proto=17, ident=i & 0xffff, frag=0x2000) for i in range(20000)]
pkts = hostile + frags
w("hostile.pcap", ghdr() + b"".join(rec(p, ts=1700000000 + i // 1000) for i, p in enumerate(pkts)))
open(os.path.join(out, "hostile.count"), "w").write(str(len(pkts)))
PY

TIME=""; [ -x /usr/bin/time ] && TIME="/usr/bin/time -f %M -o $TMP/rss"

# run FILE: sense under a 1 GiB address-space limit and a 120 s hang guard;
# sets rc, and leaves JSON in $TMP/out, messages in $TMP/err, peak KiB in $TMP/rss.
run() {
  : >"$TMP/rss"
  ( ulimit -v 1048576; exec timeout 120 $TIME "$SEAWALL" sense --no-progress --json --pcap "$TMP/$1" ) >"$TMP/out" 2>"$TMP/err"
  rc=$?
}
# bounded NAME: not a crash (signal) nor a hang, peak memory under 256 MiB.
bounded() {
  if [ "$rc" -ge 124 ]; then not_ok "$1: crashed or hung (exit $rc)"; sed 's/^/# /' "$TMP/err" | head -5; return; fi
  local kb; kb=$(grep -E '^[0-9]+$' "$TMP/rss" | tail -1)
  if [ -n "$kb" ] && [ "$kb" -gt 262144 ]; then not_ok "$1: peak RSS $kb KiB"; else ok "$1: no crash, no hang${kb:+, peak RSS $kb KiB}"; fi
}
# refused FILE PATTERN: exit 3 and a message on stderr naming the file and the fault.
refused() {
  run "$1"; bounded "$1"
  if [ "$rc" = 3 ] && grep -q "error: .*$1: .*$2" "$TMP/err"; then ok "$1: exit 3, '$(head -1 "$TMP/err" | cut -c1-100)'"
  else not_ok "$1: exit $rc, wanted 3 and /$2/"; sed 's/^/# /' "$TMP/err" | head -3; fi
}
# partial FILE PACKETS: exit 0, a warning naming the file, PACKETS counted, input_errors 1.
partial() {
  run "$1"; bounded "$1"
  if [ "$rc" = 0 ] && grep -q "warning: .*$1: .*reading stopped there" "$TMP/err" &&
     [ "$(jq .packets "$TMP/out")" = "$2" ] && [ "$(jq .input_errors "$TMP/out")" = 1 ]; then
    ok "$1: exit 0, warning, the $2 packets before the damage counted"
  else not_ok "$1: exit $rc, packets $(jq .packets "$TMP/out" 2>/dev/null), wanted 0 and $2 with a warning"; sed 's/^/# /' "$TMP/err" | head -3; fi
}
# clean FILE PACKETS: exit 0, no message, PACKETS counted.
clean() {
  run "$1"; bounded "$1"
  if [ "$rc" = 0 ] && [ "$(jq .packets "$TMP/out")" = "$2" ] && [ "$(jq .input_errors "$TMP/out")" = 0 ]; then ok "$1: exit 0, $2 packets"
  else not_ok "$1: exit $rc, packets $(jq .packets "$TMP/out" 2>/dev/null), wanted 0 and $2"; sed 's/^/# /' "$TMP/err" | head -3; fi
}

refused zero.pcap "truncated"
refused short-header.pcap "truncated"
refused bad-magic.pcap "unknown file format"
refused bad-link.pcap "link type .* not supported"
refused ng-no-interface.pcapng "packet block"
clean header-only.pcap 0
partial cut-record-header.pcap 10
partial cut-record-data.pcap 10
partial giant-caplen.pcap 3
partial ng-cut-block.pcapng 10
partial ng-giant-block.pcapng 4
clean giant-snaplen.pcap 10
clean zero-length-record.pcap 11
clean caplen-over-wirelen.pcap 11

n=$(cat "$TMP/hostile.count")
clean hostile.pcap "$n"
check "hostile: the fragment flood filled the reassembly table and was dropped, not kept" \
  test "$(jq '.anomalies.frag_table_full // 0' "$TMP/out")" -gt 0
check "hostile: the 40 stacked IPv6 headers are flagged" test "$(jq '.anomalies.ipv6_ext_too_many // 0' "$TMP/out")" = 1
check "hostile: the 20 VLAN tags are flagged" test "$(jq '.anomalies.vlan_too_deep // 0' "$TMP/out")" = 1

# Several files, one damaged: the good ones are still read.
( ulimit -v 1048576; exec timeout 120 "$SEAWALL" sense --no-progress --json --pcap "$TMP/cut-record-data.pcap" "$TMP/giant-snaplen.pcap" ) >"$TMP/out" 2>"$TMP/err"
check "a damaged file does not stop the next one (20 packets)" test "$(jq .packets "$TMP/out")" = 20

done_testing
