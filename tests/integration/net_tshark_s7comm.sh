#!/usr/bin/env bash
# net_tshark_s7comm.sh - S7comm from `seawall sense --json` against tshark on
# every capture in $SHARED/pcaps that carries it (attribution: README.txt and
# MANIFEST.tsv there) and on simulator output: requests and responses by
# function, one S7 PDU at a time (several may share a frame). Userdata PDUs
# count under 64 + function group, as Seawall numbers them. An Ack carries
# no function: both sides give it its job's function by PDU reference.
# Device identities must equal Zeek's (ICSNPP s7comm) reference logs.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

# tshark's S7 PDUs as "requests|responses FUNCTION" lines. The fields come
# per PDU in order; a Job or Ack-Data has a function, a Userdata a type and
# a group, an Ack neither.
tshark_counts() {
  tshark -r "$1" -Y s7comm -T fields -E occurrence=a -E separator=/t \
    -e s7comm.header.rosctr -e s7comm.header.pduref -e s7comm.param.func \
    -e s7comm.param.userdata.type -e s7comm.param.userdata.funcgroup 2>/dev/null |
  awk -F'\t' '
    function hex(s,   i, c, v) { v = 0; s = tolower(s); sub(/^0x/, "", s)
      for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)); v = v * 16 + c - 1 }
      return v }
    { nr = split($1, r, ","); split($2, ref, ","); split($3, fn, ","); split($4, ty, ","); split($5, gr, ",")
      f = 1; u = 1
      for (k = 1; k <= nr; k++) {
        if (r[k] == 1) { x = hex(fn[f++]); job[ref[k]] = x; print "requests", x }
        else if (r[k] == 3) { x = hex(fn[f++]); print "responses", x }
        else if (r[k] == 2) { x = (ref[k] in job) ? job[ref[k]] : 255; print "responses", x }
        else if (r[k] == 7) { x = 64 + gr[u]; print (ty[u] == 8 ? "responses" : "requests"), x; u++ }
      } }' | sort | uniq -c | awk '{print $2, $3, $1}' | sort
}

compare() {
  local f=$1 n=${1##*/} total
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$n: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  tshark_counts "$f" >"$TMP/theirs"
  jq -r '(.ics.s7comm.functions // {}) | to_entries[] |
         (select(.value.requests > 0) | "requests \(.key) \(.value.requests)"),
         (select(.value.responses > 0) | "responses \(.key) \(.value.responses)")' "$TMP/s.json" | sort >"$TMP/ours"
  for kind in requests responses; do
    grep "^$kind " "$TMP/theirs" >"$TMP/t.$kind"; grep "^$kind " "$TMP/ours" >"$TMP/o.$kind"
    total=$(awk '{s += $3} END {print s + 0}' "$TMP/t.$kind")
    if cmp -s "$TMP/o.$kind" "$TMP/t.$kind"; then
      ok "$n: s7comm $kind by function equal tshark ($total: $(awk '{printf "%s%s=%s", (NR > 1 ? " " : ""), $2, $3}' "$TMP/t.$kind"))"
    else
      not_ok "$n: s7comm $kind by function differ from tshark"
      diff "$TMP/o.$kind" "$TMP/t.$kind" | diagnose
    fi
  done
  check "$n: no malformed s7comm PDUs" test "$(jq '.ics.s7comm.malformed // 0' "$TMP/s.json")" = 0
}

found=0
for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] || continue
  if [ "$(tshark -r "$f" -Y s7comm -T fields -e frame.number 2>/dev/null | head -1)" ]; then
    compare "$f"; found=$((found + 1))
  fi
done
check "captures with S7comm found ($found)" test "$found" -ge 4

# Program download and upload, as the captures show them.
"$SEAWALL" sense --json --no-progress --pcap "$PCAPS/s7comm_downloading_block_db1.pcap" >"$TMP/d.json"
check "download of DB1: 6 write and control requests (request download, 3 download blocks, download ended, PI _INSE)" \
  test "$(jq -c '[.ics.s7comm.writes, .ics.s7comm.controls]' "$TMP/d.json")" = "[6,6]"
"$SEAWALL" sense --json --no-progress --pcap "$PCAPS/s7ident.pcap" >"$TMP/u.json"
check "s7ident: four start upload requests are control, none is a write" \
  test "$(jq -c '[.ics.s7comm.writes, .ics.s7comm.controls, .ics.s7comm.functions["29"].exceptions]' "$TMP/u.json")" = "[0,4,4]"

# Identities against Zeek's s7comm_known_devices log: automation system name
# (SZL 0x001C index 1), module name (index 2; Seawall's product is the module
# type name, index 7, else index 2), plant (index 3), serial (index 5).
zeek_ids() {
  awk -F'\t' '/^#fields/ { for (i = 2; i <= NF; i++) col[$i] = i - 1; next } /^#/ { next }
    { print $col["automation_system_name"] "\t" $col["module_name"] "\t" $col["plant_name"] "\t" $col["module_serial"] }' "$1" |
    sed 's/(empty)//g'
}
for log in "$PCAPS"/oracles/*.s7comm_known_devices.log; do
  [ -f "$log" ] || continue
  base=${log##*/}; base=${base%%.*}
  pcap="$PCAPS/$base.pcap"; [ -f "$pcap" ] || pcap="$PCAPS/$base.pcapng"
  "$SEAWALL" sense --json --no-progress --pcap "$pcap" >"$TMP/i.json"
  zeek_ids "$log" | sort >"$TMP/zeek"
  jq -r '.identities[] | select(.protocol == "s7comm") | [.name // "", .product // "", .plant // "", .serial // ""] | @tsv' \
    "$TMP/i.json" | sort >"$TMP/ours"
  if [ -s "$TMP/zeek" ] && cmp -s "$TMP/ours" "$TMP/zeek"; then
    ok "$base: identities equal Zeek's (name, module, plant, serial: $(tr '\t' '|' <"$TMP/zeek" | paste -sd' '))"
  else
    not_ok "$base: identities differ from Zeek's"; diff "$TMP/ours" "$TMP/zeek" | diagnose
  fi
  check "$base: vendor Siemens on every S7 identity" \
    test "$(jq '[.identities[] | select(.protocol == "s7comm" and .vendor != "Siemens")] | length' "$TMP/i.json")" = 0
done
# Beyond Zeek's fields: order number and firmware from SZL 0x0011, checked
# against tshark's decoding of the same records: MlfB of index 1, and of
# index 7 Ausbg = 'V' << 8 | major, Ausbe = minor << 8 | patch.
for f in s7ident.pcap s7comm_reading_plc_status.pcap; do
  "$SEAWALL" sense --json --no-progress --pcap "$PCAPS/$f" >"$TMP/i.json"
  theirs=$(tshark -r "$PCAPS/$f" -Y 's7comm.szl.xy11.0001.index == 0x0001' -T fields -E occurrence=a -E separator=/t \
      -e s7comm.szl.xy11.0001.index -e s7comm.szl.xy11.0001.anz -e s7comm.szl.xy11.0001.ausbg -e s7comm.szl.xy11.0001.ausbe 2>/dev/null |
    awk -F'\t' '{ n = split($1, ix, ","); split($2, mlfb, ","); split($3, bg, ","); split($4, be, ",")
      for (k = 1; k <= n; k++) { if (ix[k] == "0x0001") { o = mlfb[k]; sub(/ +$/, "", o) }
        if (ix[k] == "0x0007" && int(bg[k] / 256) == 86) fw = (bg[k] % 256) "." int(be[k] / 256) "." (be[k] % 256) } }
      END { print o "|" fw }')
  ours=$(jq -r '[.identities[] | select(.protocol == "s7comm")][0] | "\(.model)|\(.firmware)"' "$TMP/i.json")
  if [ "$ours" = "$theirs" ] && [ "${theirs%%|*}" ]; then
    ok "$f: model and firmware equal tshark's SZL 0x0011 records ($ours)"
  else
    not_ok "$f: model|firmware $ours, tshark $theirs"
  fi
done

# The simulator's output, when `seawall sim` is built.
if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
    # an equal count of zero would prove nothing: the simulator must carry the protocol
    check "simulator capture carries S7comm (tshark: s7comm)" test -n "$(tshark -r "$TMP/sim/traffic.pcap" -Y s7comm -T fields -e frame.number 2>/dev/null | head -1)"
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

done_testing
