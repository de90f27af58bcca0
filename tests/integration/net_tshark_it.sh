#!/usr/bin/env bash
# net_tshark_it.sh - the IT protocol parsers (DNS, TLS, HTTP, DHCP) against
# tshark as the oracle, on every capture in $SHARED/pcaps that carries them
# (attribution: $SHARED/pcaps/README.txt and MANIFEST.tsv), on the
# simulator's output, and on small captures built here with text2pcap.
# Compared as multisets (value and count): DNS question names, TLS SNIs and
# JA3 strings and hashes, DHCP hostnames, HTTP hosts.
. "$(dirname "$0")/lib.sh"

PCAPS="$SHARED/pcaps"
if ! command -v tshark >/dev/null || ! command -v jq >/dev/null || [ ! -d "$PCAPS" ]; then
  echo "1..0 # SKIP needs tshark, jq and $PCAPS"
  exit 0
fi

ts() { tshark -r "$@" 2>/dev/null; }

# ours JSON JQ-PATH...: "count value" lines of the meta key, summed over the
# protocols given (dns and mdns share keys).
ours() {
  local json=$1; shift
  local p
  for p in "$@"; do
    jq -r --arg p "${p%%:*}" --arg k "${p#*:}" \
      '(.meta[$p].keys[$k].values // [])[] | "\(.[0])\t\(.[1])"' "$json"
  done | awk -F'\t' '{c[$1] += $2} END {for (v in c) print c[v] "\t" v}' | sort -t$'\t' -k2
}
# theirs: values on stdin, one per line (tshark's comma lists already split).
theirs() { grep -v '^$' | sort | uniq -c | awk '{n = $1; sub(/^ *[0-9]+ /, ""); print n "\t" $0}' | sort -t$'\t' -k2; }

# same FILE-LABEL WHAT OURS THEIRS: one TAP line.
same() {
  local n=$1 what=$2 total
  total=$(awk -F'\t' '{s += $1} END {print s + 0}' "$4")
  if cmp -s "$3" "$4"; then ok "$n: $what equal tshark ($total)"
  else not_ok "$n: $what differ from tshark"; diff "$3" "$4" | head -20 | diagnose; fi
}

compare() {
  local f=$1 n=${1##*/}
  if ! "$SEAWALL" sense --json --no-progress --pcap "$f" >"$TMP/s.json" 2>"$TMP/s.err" || ! jq -e . "$TMP/s.json" >/dev/null; then
    not_ok "$n: seawall sense ran and wrote JSON"; diagnose <"$TMP/s.err"; return
  fi
  local has
  has=$(ts "$f" -Y 'dns || mdns' -T fields -e frame.number | wc -l)
  if [ "$has" -gt 0 ]; then
    ours "$TMP/s.json" dns:dns.query mdns:dns.query >"$TMP/o"
    ts "$f" -Y 'dns || mdns' -T fields -e dns.qry.name | tr ',' '\n' | theirs >"$TMP/t"
    same "$n" "DNS question names" "$TMP/o" "$TMP/t"
  fi
  has=$(ts "$f" -Y 'tls.handshake.type == 1 || tls.handshake.type == 2' -T fields -e frame.number | wc -l)
  if [ "$has" -gt 0 ]; then
    ours "$TMP/s.json" tls:tls.sni >"$TMP/o"
    ts "$f" -Y 'tls.handshake.type == 1' -T fields -e tls.handshake.extensions_server_name | theirs >"$TMP/t"
    same "$n" "TLS SNIs" "$TMP/o" "$TMP/t"
    local field
    for field in ja3_full ja3 ja3s_full ja3s; do
      ours "$TMP/s.json" "tls:tls.$field" >"$TMP/o"
      ts "$f" -Y "tls.handshake.$field" -T fields -e "tls.handshake.$field" | theirs >"$TMP/t"
      same "$n" "TLS $field" "$TMP/o" "$TMP/t"
    done
  fi
  has=$(ts "$f" -Y 'dhcp' -T fields -e frame.number | wc -l)
  if [ "$has" -gt 0 ]; then
    ours "$TMP/s.json" dhcp:dhcp.hostname >"$TMP/o"
    ts "$f" -Y 'dhcp.option.hostname' -T fields -e dhcp.option.hostname | theirs >"$TMP/t"
    same "$n" "DHCP hostnames" "$TMP/o" "$TMP/t"
    ours "$TMP/s.json" dhcp:dhcp.client_mac >"$TMP/o"
    ts "$f" -Y 'dhcp.hw.type == 1' -T fields -E occurrence=f -e dhcp.hw.mac_addr | theirs >"$TMP/t"
    same "$n" "DHCP client MACs" "$TMP/o" "$TMP/t"
  fi
  has=$(ts "$f" -Y 'http.request || http.response' -T fields -e frame.number | wc -l)
  if [ "$has" -gt 0 ]; then
    ours "$TMP/s.json" http:http.host >"$TMP/o"
    ts "$f" -Y 'http.host' -T fields -e http.host | theirs >"$TMP/t"
    same "$n" "HTTP hosts" "$TMP/o" "$TMP/t"
    ours "$TMP/s.json" http:http.uri >"$TMP/o"
    ts "$f" -Y 'http.request' -T fields -e http.request.uri | theirs >"$TMP/t"
    same "$n" "HTTP request URIs" "$TMP/o" "$TMP/t"
    ours "$TMP/s.json" http:http.server >"$TMP/o"
    ts "$f" -Y 'http.server' -T fields -e http.server | theirs >"$TMP/t"
    same "$n" "HTTP Server headers" "$TMP/o" "$TMP/t"
    ours "$TMP/s.json" http:http.user_agent >"$TMP/o"
    ts "$f" -Y 'http.user_agent' -T fields -e http.user_agent | theirs >"$TMP/t"
    same "$n" "HTTP User-Agents" "$TMP/o" "$TMP/t"
    ours "$TMP/s.json" http:user.name >"$TMP/o"
    ts "$f" -Y 'http.authbasic' -T fields -e http.authbasic | sed 's/:.*//' | theirs >"$TMP/t"
    same "$n" "HTTP Basic users" "$TMP/o" "$TMP/t"
  fi
}

for f in "$PCAPS"/*.pcap "$PCAPS"/*.pcapng; do
  [ -f "$f" ] && compare "$f"
done

if "$SEAWALL" sim --help >/dev/null 2>&1 && [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  if "$SEAWALL" sim --model "$SEAWALL_SRC/examples/aurora/port.yaml" --duration 2m --out "$TMP/sim" >/dev/null 2>&1 \
     && [ -s "$TMP/sim/traffic.pcap" ]; then
    compare "$TMP/sim/traffic.pcap"
  else
    not_ok "seawall sim wrote a capture"
  fi
fi

# No shared capture carries HTTP: one is built here with text2pcap (a GET,
# a POST with Basic credentials to an ONVIF device, their replies, one of
# them the device's GetDeviceInformationResponse).
hexpkt() { printf '%s' "$1" | od -An -tx1 -v | tr -d '\n' | awk '{print "0000 " $0}'; }
if command -v text2pcap >/dev/null; then
  body='<s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>AXIS</tds:Manufacturer><tds:Model>Q1700</tds:Model></tds:GetDeviceInformationResponse></s:Body>'
  {
    echo "I 2024-01-01T00:00:00Z"; hexpkt $'GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: Mozilla/5.0\r\n\r\n'
    echo "O 2024-01-01T00:00:01Z"; hexpkt $'HTTP/1.1 200 OK\r\nServer: nginx/1.22\r\nContent-Length: 5\r\n\r\nhello'
    echo "I 2024-01-01T00:00:02Z"; hexpkt $'POST /onvif/device_service HTTP/1.1\r\nHost: 10.0.0.2\r\nAuthorization: Basic YWRtaW46cGFzcw==\r\nContent-Length: 4\r\n\r\nsoap'
    echo "O 2024-01-01T00:00:03Z"; hexpkt "HTTP/1.1 200 OK"$'\r\n'"Server: AXIS"$'\r\n'"Content-Length: ${#body}"$'\r\n\r\n'"$body"
  } >"$TMP/http.txt"
  if text2pcap -q -D -t "%Y-%m-%dT%H:%M:%SZ" -4 10.0.0.1,10.0.0.2 -T 40000,80 "$TMP/http.txt" "$TMP/http.pcap" 2>/dev/null; then
    compare "$TMP/http.pcap"
    check "http.pcap: ONVIF identity AXIS Q1700" \
      test "$(jq -r '.identities[] | select(.protocol == "onvif") | "\(.vendor) \(.model)"' "$TMP/s.json")" = "AXIS Q1700"
    check "http.pcap: Basic credentials flagged, password never printed" \
      test "$(jq '.meta.http.cleartext_credentials' "$TMP/s.json")" = 1 -a "$(grep -c pass "$TMP/s.json")" = 0
  fi
fi

done_testing
