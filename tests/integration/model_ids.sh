#!/usr/bin/env bash
# model_ids.sh - every id a port model may declare can be addressed by the
# REST API, and one the API could not address is refused by the loader:
# a model whose zone, asset, entry point and person ids are the longest
# allowed and use every allowed punctuation loads, and `seawall serve`
# answers for each of them (asset path, zone and asset parameters, exposure,
# an account's person); one byte more is a check error at the id and a 400.
. "$(dirname "$0")/lib.sh"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
for tool in jq curl; do
  command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }
done
quiet() { "$@" >/dev/null 2>&1; }
MAX=47   # docs/port-model.md "Ids"; model/model_id.h MODEL_ID_MAX
pad() { local s=$1; while [ ${#s} -lt "$MAX" ]; do s="${s}0"; done; printf '%s' "$s"; }
Z=$(pad "Zone.crane_ctl:t1-")
I=$(pad "inet-")
A=$(pad "sts01.plc_main:cpu-")
E=$(pad "vendor.vpn_gw:ext-")
P=$(pad "ana.costa_ot:lead-")
write_model() {   # write_model ASSET_ID FILE
  cat >"$2" <<EOF
zones:
  - {id: $Z, domain: ot, security_level: 3, networks: [10.40.1.0/24]}
  - {id: $I, domain: it, security_level: 0, networks: [0.0.0.0/0]}
conduits:
  - {from: $I, to: $Z, services: [modbus], justification: vendor maintenance}
assets:
  - {id: $1, kind: plc, zone: $Z, ip: 10.40.1.11, criticality: crown-jewel, rto_hours: 4, owner: $P}
entry_points:
  - {id: $E, kind: remote-access, reaches: [$I]}
people:
  - {id: $P, name: Ana Costa, roles: [ot-engineer]}
EOF
}

# --- the loader: the longest id loads clean, one byte more is an error at the id
write_model "$A" "$TMP/port.yaml"
expect_exit 0 "ids of $MAX bytes with '.', '_', ':' and '-' load" "$SEAWALL" check "$TMP/port.yaml"
check "... without diagnostics" grep -qx "$TMP/port.yaml: ok, 2 zones, 1 conduit, 1 asset" "$TMP/last.out"
write_model "${A}x" "$TMP/long.yaml"
expect_exit 1 "an asset id of $((MAX + 1)) bytes fails the check" "$SEAWALL" check "$TMP/long.yaml"
check "... at the id, saying why" grep -qF \
  "$TMP/long.yaml:7:10: error: asset id \"${A}...\" is $((MAX + 1)) bytes long: ids are 1 to $MAX letters, digits, '.', '_', ':' or '-' (the API addresses objects by id)" \
  "$TMP/last.out"
expect_exit 1 "seawall init refuses it too" "$SEAWALL" init --db "$TMP/long.db" "$TMP/long.yaml"

# --- the API addresses every id of the loaded model
DB="$TMP/ids.db"
check "seawall init loads the model" quiet "$SEAWALL" init --db "$DB" "$TMP/port.yaml"
serve_start "$DB" && ok "seawall serve listens" || { not_ok "seawall serve did not start"; diagnose <"$TMP/serve.out.err"; done_testing; exit; }
J='Content-Type: application/json'
serve_admin_login model_ids.sh cso "model ids test pass"
[ "${TOKEN#swt_}" != "$TOKEN" ] && ok "a cso API token" || not_ok "no API token ($TOKEN)"
# get PATH [curl options]: the body in $TMP/body, the status printed
get() { local p=$1; shift; curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@" "$U$p"; }

st=$(get "/api/v1/assets/$A")
[ "$st" = 200 ] && jq -e --arg a "$A" --arg z "$Z" --arg p "$P" '.asset.id == $a and .asset.zone == $z and .asset.owner == $p' \
  "$TMP/body" >/dev/null && ok "GET /api/v1/assets/{a $MAX-byte id}: 200, the asset" || not_ok "asset path: $st $(head -c 300 "$TMP/body")"
st=$(get "/api/v1/assets?zone=$Z")
[ "$st" = 200 ] && jq -e --arg a "$A" '[.items[].id] == [$a]' "$TMP/body" >/dev/null \
  && ok "GET /api/v1/assets?zone={a $MAX-byte id}: its asset" || not_ok "zone parameter: $st $(head -c 300 "$TMP/body")"
st=$(get "/api/v1/alerts?asset=$A&zone=$Z")
[ "$st" = 200 ] && ok "GET /api/v1/alerts?asset=&zone= takes both ids" || not_ok "alerts parameters: $st $(head -c 300 "$TMP/body")"
st=$(get "/api/v1/exposure?from=$E&to=$A")
[ "$st" = 200 ] && jq -e --arg a "$A" --arg e "$E" '.targets[0].asset == $a and .targets[0].paths[0].entry_point == $e' \
  "$TMP/body" >/dev/null && ok "GET /api/v1/exposure?from={entry point}&to={asset}: the path between them" \
  || not_ok "exposure: $st $(head -c 300 "$TMP/body")"
st=$(get /api/v1/users/admin/person -H "$J" -d "{\"person\":\"$P\"}")
[ "$st" = 200 ] && jq -e --arg p "$P" '.person == $p' "$TMP/body" >/dev/null \
  && ok "an account maps to a person with a $MAX-byte id" || not_ok "person link: $st $(head -c 300 "$TMP/body")"

# --- and refuses, as the loader does, what no model can declare
st=$(get "/api/v1/assets/${A}x")
[ "$st" = 400 ] && jq -e --arg m "asset id must be 1 to $MAX letters, digits, '.', '_', ':' or '-'" \
  '.error.code == "bad_parameter" and .error.message == $m' "$TMP/body" >/dev/null \
  && ok "an asset id of $((MAX + 1)) bytes: 400 bad_parameter" || not_ok "long asset path: $st $(head -c 300 "$TMP/body")"
st=$(get "/api/v1/assets/crane%201")
[ "$st" = 400 ] && ok "an asset id with a space: 400" || not_ok "spaced asset path: $st"
st=$(get "/api/v1/assets?zone=${Z}x")
[ "$st" = 400 ] && jq -e '.error.message | startswith("zone must be an identifier: 1 to 47 ")' "$TMP/body" >/dev/null \
  && ok "a zone parameter of $((MAX + 1)) bytes: 400 naming the rule" || not_ok "long zone parameter: $st $(head -c 300 "$TMP/body")"
st=$(get /api/openapi.json)
[ "$st" = 200 ] && jq -e --arg re "^[A-Za-z0-9._:-]{1,$MAX}\$" \
  '[.paths["/api/v1/assets"].get.parameters[] | select(.name == "zone") | .schema.pattern] == [$re]' "$TMP/body" >/dev/null \
  && ok "the OpenAPI document gives the same rule" || not_ok "openapi id pattern: $st"

done_testing
