#!/usr/bin/env bash
# web_api.sh - the capability endpoints of `seawall serve` against the
# command line on the sample port's simulated day: every endpoint answers
# what the matching `seawall ... --json` prints (compared with jq), the
# overview's numbers against the store (sqlite3) and the CLI, incident
# changes through the API land on the hash-chained timeline and in the
# audit log, the incident stream delivers them, and bad parameters are 4xx
# JSON errors. The authorisation matrix over these routes is web_auth.sh's.
. "$(dirname "$0")/lib.sh"
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
DB="$TMP/api.db"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
for tool in jq curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }
done
quiet() { "$@" >/dev/null 2>&1; }
sw() { "$SEAWALL" "$@" --db "$DB" 2>/dev/null; }

# --- a store with every domain: network, physical, AIS, correlation, risk trend ---
check "simulate 10 minutes of the sample port" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 10m --out "$TMP/s"
check "load the model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "sense the network and physical feeds" quiet "$SEAWALL" sense --model "$MODEL" --store --db "$DB" \
  --pcap "$TMP/s/traffic.pcap" --access "$TMP/s/access.csv" --vms "$TMP/s/vms.syslog" --no-progress
check "sense the AIS feed" quiet "$SEAWALL" sense --ais "$TMP/s/ais.nmea" --model "$MODEL" --store --db "$DB"
check "correlate into incident candidates" quiet "$SEAWALL" correlate --db "$DB"
"$SEAWALL" risk --db "$DB" --record >/dev/null 2>&1
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM risk_snapshots')" = 1 ] && ok "risk --record stores today's snapshot" || not_ok "no risk_snapshots row"

serve_start "$DB" && ok "seawall serve listens" || { not_ok "seawall serve did not start"; diagnose <"$TMP/serve.out.err"; done_testing; exit; }
J='Content-Type: application/json'
serve_admin_login web_api.sh cso "web api test pass"
[ "${TOKEN#swt_}" != "$TOKEN" ] && ok "a cso API token for the checks" || not_ok "no API token ($TOKEN)"
api() { curl -s -H "Authorization: Bearer $TOKEN" "$U$1"; }
post() { curl -s -H "Authorization: Bearer $TOKEN" -H "$J" -d "$2" "$U$1"; }
status() { curl -s -o "$TMP/status.body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$@"; }
for l in users tokens; do
  api /api/v1/$l | jq -e '(.items | length) >= 1 and has("next_cursor") and .next_cursor == null' >/dev/null &&
    ok "$l: {items, next_cursor: null} like every list" || not_ok "$l: $(api /api/v1/$l | head -c 300)"
done

# same "description" API-FILTER API-PATH CLI-FILTER CLI-ARGS...: jq-normalised equality.
same() {
  local d=$1 af=$2 path=$3 cf=$4; shift 4
  api "$path" | jq -S "$af" >"$TMP/a.json" 2>"$TMP/a.err"
  sw "$@" | jq -S "$cf" >"$TMP/c.json" 2>"$TMP/c.err"
  if [ -s "$TMP/a.json" ] && [ "$(jq -c . "$TMP/c.json")" != "null" ] && cmp -s "$TMP/a.json" "$TMP/c.json"; then
    ok "$d"
  else
    not_ok "$d"
    diff "$TMP/a.json" "$TMP/c.json" | head -8 | diagnose
  fi
}

# bad STATUS DESCRIPTION CURL-ARGS...: a 4xx JSON error with code and message.
bad() {
  local want=$1 d=$2; shift 2
  local st
  st=$(status "$@")
  if [ "$st" = "$want" ] && jq -e '.error.code and .error.message' "$TMP/status.body" >/dev/null 2>&1; then ok "$d -> $st"
  else not_ok "$d -> $st (want $want) $(head -c 200 "$TMP/status.body")"; fi
}

# --- the API says what the CLI says ------------------------------------------------
same "vessels = seawall vessels --json" .items /api/v1/vessels . vessels --json
MMSI=$(sw vessels --json | jq -r '[.[] | select(.positions > 1 and .station == "ship")][0].mmsi')
same "a vessel's track = seawall vessels --track --json" .points "/api/v1/vessels/$MMSI/track?limit=10000" . vessels --track "$MMSI" --json
n_points=$(api "/api/v1/vessels/$MMSI/track" | jq '.points | length')
[ "${n_points:-0}" -ge 15 ] && ok "the 10-minute track of $MMSI has $n_points points (one per 30 s)" || not_ok "track too short ($n_points)"
same "exposure = seawall exposure --json" . /api/v1/exposure . exposure --json
same "exposure --from/--to/--k" . "/api/v1/exposure?from=vendor-vpn,phishing&to=tos-db-01&k=2" . exposure --from vendor-vpn,phishing --to tos-db-01 --k 2 --json
same "impact roll-up = seawall impact --json" .items /api/v1/impact . impact --json
same "impact what-if = seawall impact --lose --hours" . "/api/v1/impact?lose=ot-dc-01,rtu-sub-main-01&hours=6" . \
  impact --lose ot-dc-01,rtu-sub-main-01 --hours 6 --json
same "risks = seawall risk --json" . /api/v1/risks . risk --json
same "risks with seed and trials" . "/api/v1/risks?seed=7&trials=2000" . risk --seed 7 --trials 2000 --json
same "plan = seawall plan --budget --json" . "/api/v1/plan?budget=500000" . plan --budget 500000 --json
same "incident candidates = seawall incidents --candidates --json" .items /api/v1/incidents/candidates . incidents --candidates --json
same "third parties = seawall thirdparty --json" .items /api/v1/thirdparties . thirdparty --json
TP=$(sw thirdparty --json | jq -r '.[0].id')
same "one third party = seawall thirdparty ID --json" .items "/api/v1/thirdparties?id=$TP" . thirdparty "$TP" --json
same "training = seawall training --json" .items "/api/v1/training?at=2026-11-01" . training --at 2026-11-01 --json
same "policies = seawall policies --json" .items "/api/v1/policies?at=2026-11-01" . policies --at 2026-11-01 --json
same "playbooks = seawall playbooks --model --json" .items /api/v1/playbooks . playbooks --model "$MODEL" --json
printf '+0:03 detect SW-ICS-CPU-STOP\n+0:06 decide stop-crane by ops-mgr-t1\n' >"$TMP/drill.txt"
SEAWALL_DATA="$SEAWALL_SRC/data" sw drill run s7-stop-download --answers "$TMP/drill.txt" >/dev/null
printf '+0:03 detect rdr-t1-sts04\n' >"$TMP/exercise.txt"
SEAWALL_DATA="$SEAWALL_SRC/data" sw drill run converged-door-rogue --kind exercise --answers "$TMP/exercise.txt" >/dev/null
same "drills = seawall drill list --json (a drill and a short exercise, newest first)" .items /api/v1/drills . drill list --json
[ "$(api /api/v1/drills | jq -c '[.items[] | {id, kind}]')" = '[{"id":2,"kind":"drill"},{"id":1,"kind":"drill"}]' ] &&
  ok "drills: both listed with their kind" || not_ok "drills: $(api /api/v1/drills | head -c 300)"
same "a drill = seawall drill show --json" .result /api/v1/drills/1 .result drill show 1 --json
api /api/v1/drills/2 >"$TMP/drill2.json"
check "a drill: its list fields beside its result (an exercise that fell short is a drill)" jq -e \
  '.id == 2 and .scenario == "converged-door-rogue" and .kind == "drill" and .result.kind == "drill" and (.result.exercise_gaps | length) > 0' "$TMP/drill2.json"
[ "$(status "$U/api/v1/drills/99")" = 404 ] && jq -e '.error.code == "not_found"' "$TMP/status.body" >/dev/null &&
  ok "no such drill: 404 not_found" || not_ok "no such drill: $(cat "$TMP/status.body")"
[ "$(status "$U/api/v1/drills/x1")" = 400 ] && ok "a drill id that is not a number: 400" || not_ok "bad drill id: $(cat "$TMP/status.body")"
same "compliance nis2 statuses = seawall compliance assess --json" \
  '[.assessments[0].requirements[] | {id, status, basis}]' "/api/v1/compliance/nis2?at=latest" \
  '[.requirements[] | {id, status, basis}]' compliance assess nis2 --at latest --json
same "compliance nis2 counts = assess counts" '.assessments[0].counts | del(.score)' "/api/v1/compliance/nis2?at=latest" \
  '.counts | del(.applicable)' compliance assess nis2 --at latest --json
# The live evidence is one writer for both (cli_comp_live_json): the whole
# object, its `data` numbers included, must match, and `data` must be there.
same "compliance nis2 live evidence, data included = assess --json" \
  '[.assessments[0].requirements[] | select(.live) | {id, live}]' "/api/v1/compliance/nis2?at=latest" \
  '[.requirements[] | select(.live) | {id, live}]' compliance assess nis2 --at latest --json
api "/api/v1/compliance/nis2?at=latest" >"$TMP/nis2.json"
check "compliance nis2: every live result has its data, inventory-coverage's numbers named" jq -e \
  '[.assessments[0].requirements[] | select(.live) | .live] as $l | ($l | length) >= 5 and all($l[]; .data | type == "object")
   and any($l[]; .check == "inventory-coverage" and (.data | keys == ["declared", "matched", "mismatch", "never_seen", "shadow"]) and .data.declared > 0)' \
  "$TMP/nis2.json"
same "compliance list: nis2 met = assess met" '[.items[] | select(.framework == "nis2") | .met][0]' /api/v1/compliance \
  '.counts.met' compliance assess nis2 --at latest --json
same "a 62443 zone = assess --zone" '[.assessments[0].requirements[] | {id, status}]' \
  "/api/v1/compliance/iec62443-3-3?zone=crane-t1&at=latest" '[.requirements[] | {id, status}]' \
  compliance assess iec62443-3-3 --zone crane-t1 --at latest --json
same "a 62443 zone's live evidence = assess --zone --json" '[.assessments[0].requirements[] | select(.live) | {id, live}]' \
  "/api/v1/compliance/iec62443-3-3?zone=crane-t1&at=latest" '[.requirements[] | select(.live) | {id, live}]' \
  compliance assess iec62443-3-3 --zone crane-t1 --at latest --json

# --- one asset ------------------------------------------------------------------------
A=$(sqlite3 "$DB" "SELECT dst_asset_id FROM alerts WHERE dst_asset_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
want=$(sqlite3 "$DB" "SELECT count(*) FROM alerts WHERE src_asset_id = '$A' OR dst_asset_id = '$A'")
api "/api/v1/assets/$A" >"$TMP/asset.json"
[ "$(jq .alerts.total "$TMP/asset.json")" = "$want" ] && ok "asset $A: alerts.total $want as the store counts" \
  || not_ok "asset $A alerts: $(jq .alerts.total "$TMP/asset.json") want $want"
[ "$(jq -r .asset.id "$TMP/asset.json")" = "$A" ] && [ "$(jq '.hosts | length' "$TMP/asset.json")" -ge 1 ] \
  && ok "asset $A: declared fields and its observed host" || not_ok "asset $A: no declaration or host"
same "asset's judgement = seawall assets --json row" '.asset' "/api/v1/assets/$A" ".[] | select(.id == \"$A\")" assets --json
same "asset's vulnerabilities = seawall vulns --asset" .vulnerabilities "/api/v1/assets/$A" . vulns --asset "$A" --json

# --- who acts: web accounts mapped to people of the port model ------------------------------
CAND=$(sw incidents --candidates --json | jq -r '.[0].id')
st=$(status -H "$J" -d "{\"candidate\":\"$CAND\"}" "$U/api/v1/incidents")
[ "$st" = 409 ] && jq -e '.error.code == "no_person" and (.error.message | test("not mapped to a person"))' "$TMP/status.body" >/dev/null \
  && ok "an account without a person cannot open an incident (409 no_person)" || not_ok "unmapped open: $st $(head -c 200 "$TMP/status.body")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM incidents')" = 0 ] && ok "... and nothing was written" || not_ok "an incident was opened"
bad 400 "mapping to a person not in the model" -H "$J" -d '{"person":"mallory"}' "$U/api/v1/users/admin/person"
bad 400 "mapping to SQL metacharacters" -H "$J" -d '{"person":"x'"'"';DROP TABLE web_users"}' "$U/api/v1/users/admin/person"
bad 400 "mapping with an unknown member" -H "$J" -d '{"person":"cso","role":"board"}' "$U/api/v1/users/admin/person"
bad 404 "mapping an account that does not exist" -H "$J" -d '{"person":"cso"}' "$U/api/v1/users/nobody/person"
post /api/v1/users/admin/person '{"person":"cso"}' | jq -e '.username == "admin" and .person == "cso"' >/dev/null \
  && ok "the cso maps the admin account to person cso" || not_ok "mapping admin failed"
api /api/v1/me | jq -e '.person == "cso"' >/dev/null && ok "/me names the person (a token acts for its owner's account)" || not_ok "/me: $(api /api/v1/me)"
[ "$(sqlite3 "$DB" "SELECT person FROM web_users WHERE username = 'admin'")" = cso ] && ok "the store holds the mapping" || not_ok "web_users.person not cso"
bad 400 "an incident change that says who it is by" -H "$J" -d "{\"candidate\":\"$CAND\",\"by\":\"ot-lead\"}" "$U/api/v1/incidents"
# session ACCOUNT ROLE PERSON: a logged-in browser session of a new account mapped to PERSON; sets SJAR and SCSRF.
session() {
  local otp
  otp=$(post /api/v1/users "{\"username\":\"$1\",\"role\":\"$2\"}" | jq -r .one_time_password)
  post "/api/v1/users/$1/person" "{\"person\":\"$3\"}" >/dev/null
  SJAR="$TMP/jar.$1"
  SCSRF=$(curl -s -c "$SJAR" -H "$J" -d "{\"username\":\"$1\",\"password\":\"$otp\"}" "$U/api/v1/login" | jq -r .csrf_token)
  curl -s -b "$SJAR" -H "X-CSRF-Token: $SCSRF" -H "$J" -d "{\"current_password\":\"$otp\",\"new_password\":\"session pass $1 1\"}" \
    "$U/api/v1/me/password" >/dev/null
}

# --- incidents: open, act, and the timeline stays a chain ---------------------------------
post /api/v1/incidents "{\"candidate\":\"$CAND\"}" >"$TMP/open.json"
ID=$(jq -r .id "$TMP/open.json")
[ "${ID:-0}" -ge 1 ] 2>/dev/null && ok "POST /incidents opens incident $ID from candidate $CAND" || not_ok "open failed: $(cat "$TMP/open.json")"
same "incident list = seawall incident list --json" .items /api/v1/incidents . incident list --json
NOISE='del(.impact)'   # the live impact grows with the clock between the two reads
same "incident = seawall incident show --json" "$NOISE" "/api/v1/incidents/$ID" "$NOISE" incident show "$ID" --json
DEC=$(api "/api/v1/incidents/$ID" | jq -r '.playbook_detail.decisions[0].id')
ROLE=$(api "/api/v1/incidents/$ID" | jq -r '.playbook_detail.decisions[0].role')
HOLDER=$(python3 -c "import yaml,sys; m=yaml.safe_load(open('$MODEL')); print([p['id'] for p in m['people'] if '$ROLE' in p.get('roles',[]) and p.get('status','active')=='active'][0])")
NOT_HOLDER=$(python3 -c "import yaml,sys; m=yaml.safe_load(open('$MODEL')); print([p['id'] for p in m['people'] if '$ROLE' not in p.get('roles',[]) and p.get('status','active')=='active'][0])")
session web-holder analyst "$HOLDER"; HJAR=$SJAR; HCSRF=$SCSRF
session web-other analyst "$NOT_HOLDER"; OJAR=$SJAR; OCSRF=$SCSRF
as_holder() { curl -s -b "$HJAR" -H "X-CSRF-Token: $HCSRF" -H "$J" -d "$2" "$U$1"; }
st=$(curl -s -o "$TMP/status.body" -w '%{http_code}' -b "$OJAR" -H "X-CSRF-Token: $OCSRF" -H "$J" \
  -d "{\"action\":\"$DEC\",\"why\":\"test\"}" "$U/api/v1/incidents/$ID/decisions")
[ "$st" = 409 ] && jq -e --arg p "$NOT_HOLDER" '.error.message | test("refused") and test($p)' "$TMP/status.body" >/dev/null \
  && ok "a decision by an account mapped to $NOT_HOLDER, without the playbook's role, is refused (409)" || not_ok "decision by $NOT_HOLDER: $st"
as_holder "/api/v1/incidents/$ID/decisions" "{\"action\":\"$DEC\",\"why\":\"contain it\"}" >"$TMP/dec.json"
jq -e '.message | test("decision recorded")' "$TMP/dec.json" >/dev/null && ok "the $ROLE's decision $DEC is recorded from the account mapped to $HOLDER" || not_ok "decision: $(cat "$TMP/dec.json")"
sw incident show "$ID" --json | jq -e --arg p "$HOLDER" '.decisions[-1].by == $p' >/dev/null \
  && ok "the timeline names $HOLDER, the account's person, as the decider" || not_ok "decider: $(sw incident show "$ID" --json | jq -c '.decisions')"
# the incident stream, open while the next changes are made
curl -s -N --max-time 6 -H "Authorization: Bearer $TOKEN" "$U/api/v1/events/incidents" >"$TMP/sse.out" &
CURL_PID=$!
sleep 1
as_holder "/api/v1/incidents/$ID/state" '{"state":"analysing"}' >/dev/null
post "/api/v1/incidents/$ID/notes" '{"text":"called the NRC","kind":"comms","to":"nrc","duty":"uscg-nrc"}' >"$TMP/comms.json"
post "/api/v1/incidents/$ID/tasks" '{"task":1}' >"$TMP/task.json"
st=$(status -H "$J" -d '{"state":"detected"}' "$U/api/v1/incidents/$ID/state")
[ "$st" = 409 ] && ok "a lifecycle move the state machine forbids is refused (409)" || not_ok "analysing -> detected gave $st"
wait "$CURL_PID"
n_ev=$(grep -c '^event: incident' "$TMP/sse.out")
[ "$n_ev" -eq 3 ] && ok "the incident stream delivered the 3 entries written while it was open" || not_ok "$n_ev incident events"
grep '^data: ' "$TMP/sse.out" | sed 's/^data: //' | jq -s -e "map(.kind) == [\"state\",\"comms\",\"task\"] and map(.actor) == [\"$HOLDER\",\"cso\",\"cso\"] and all(.incident == $ID)" >/dev/null \
  && ok "each event is the timeline entry with its incident" || not_ok "event data: $(head -c 300 "$TMP/sse.out")"
sw incident show "$ID" --json | jq -e '[.timeline[].kind] == ["opened","decision","state","comms","task"]' >/dev/null \
  && ok "the CLI sees the API's entries in order" || not_ok "timeline: $(sw incident show "$ID" --json | jq -c '[.timeline[].kind]')"
sw incident clocks "$ID" --json | jq -e '.[] | select(.duty == "uscg-nrc") | .status == "met"' >/dev/null \
  && ok "the comms with duty uscg-nrc meets that clock" || not_ok "uscg-nrc clock not met"
"$SEAWALL" incident verify "$ID" --db "$DB" >"$TMP/verify.out" 2>&1 && grep -q intact "$TMP/verify.out" \
  && ok "the timeline written through the API verifies" || not_ok "verify: $(cat "$TMP/verify.out")"
audit=$(api "/api/v1/audit?limit=50" | jq -r '[.items[] | select(.target == "incident:'"$ID"'") | .action + "/" + .outcome] | sort | join(",")')
[ "$audit" = "incident.decide/ok,incident.decide/refused,incident.note/ok,incident.open/ok,incident.state/ok,incident.state/refused,incident.task/ok" ] \
  && ok "every change and refusal is in the audit log" || not_ok "audit rows: $audit"
bys=$(api "/api/v1/audit?limit=50" | jq -r '[.items[] | select(.target == "incident:'"$ID"'" and .outcome == "ok") | (.detail | if type == "string" then fromjson else . end) | .by] | unique | join(",")')
[ "$bys" = "$(printf '%s\n' cso "$HOLDER" | sort -u | paste -sd,)" ] && ok "their audit rows name the acting person (detail.by: $bys)" || not_ok "audit detail.by: $bys"

# --- roles on the routes the matrix does not stream ----------------------------------------
tok() { curl -s -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H "$J" -d "{\"name\":\"$1\",\"role\":\"$1\"}" "$U/api/v1/tokens" | jq -r .token; }
BOARD=$(tok board); AUDITOR=$(tok auditor)
# code_as TOKEN PATH: the status; streams never end, so curl stops after 2 s
# with the status it read (other routes get the time they need, e.g. under ASan).
code_as() {
  local max=120
  case "$2" in /api/v1/events/*) max=2 ;; esac
  curl -s -o /dev/null --max-time "$max" -w '%{http_code}' -H "Authorization: Bearer $1" "$U$2"
}
[ "$(code_as "$AUDITOR" /api/v1/events/incidents)" = 200 ] && ok "the auditor may follow the incident stream" || not_ok "auditor stream"
[ "$(code_as "$BOARD" /api/v1/events/incidents)" = 403 ] && ok "the board may not" || not_ok "board stream"
[ "$(code_as "$BOARD" /api/v1/overview)" = 200 ] && [ "$(code_as "$BOARD" /api/v1/risks)" = 403 ] \
  && ok "the board reads the overview, not the register" || not_ok "board overview/risks"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $AUDITOR" -H "$J" -d '{"text":"x"}' "$U/api/v1/incidents/$ID/notes")
[ "$st" = 403 ] && ok "the auditor cannot write to an incident" || not_ok "auditor note: $st"

# --- live streams give their slot back when the client goes -----------------------------------
# Both streams share the server's limit of 32 (docs/api.md); a disconnected
# client must not hold its slot until a keepalive write fails.
python3 "$SEAWALL_SRC/tests/integration/web_sse_slots.py" 127.0.0.1 "$PORT" "$TOKEN" 32 >"$TMP/slots.out" 2>"$TMP/slots.err" \
  || { not_ok "web_sse_slots.py ran"; diagnose <"$TMP/slots.err"; }
while read -r verdict desc; do
  case "$verdict" in PASS) ok "$desc" ;; FAIL) not_ok "$desc" ;; esac
done <"$TMP/slots.out"

# --- the overview against the store and the CLI ----------------------------------------
api /api/v1/overview >"$TMP/ov.json"
sw risk --json >"$TMP/risk.json"
jq -e --slurpfile r "$TMP/risk.json" '(.risk.residual_eal - $r[0].total.residual_loss.eal | fabs) < 0.01 and
  (.risk.inherent_eal - $r[0].total.inherent_loss.eal | fabs) < 0.01 and .risk.above_appetite == $r[0].total.risks_over_appetite' \
  "$TMP/ov.json" >/dev/null && ok "overview risk = seawall risk totals" || not_ok "overview risk $(jq -c .risk "$TMP/ov.json" | head -c 200)"
jq -e '.risk.trend | length == 1 and .[0].date == (now | strftime("%Y-%m-%d"))' "$TMP/ov.json" >/dev/null \
  && ok "the trend holds the recorded day" || not_ok "trend $(jq -c .risk.trend "$TMP/ov.json")"
jq -e ".incidents | map(.id) | index($ID) != null" "$TMP/ov.json" >/dev/null && ok "the open incident is on the overview" || not_ok "incident $ID missing"
jq -e --slurpfile c <(sw incident clocks "$ID" --json) ".incidents[] | select(.id == $ID) | [.clocks[] | {duty, deadline, status}] == [\$c[0][] | {duty, deadline, status}]" \
  "$TMP/ov.json" >/dev/null && ok "its clocks = seawall incident clocks" || not_ok "overview clocks differ"
for dom in network:seawall.net physical:seawall.phys ais:seawall.ais; do
  want=$(sqlite3 "$DB" "SELECT count(*) FROM alerts WHERE dataset = '${dom#*:}'")
  got=$(jq "[.alerts_by_domain.buckets[].${dom%%:*}] | add" "$TMP/ov.json")
  [ "$got" = "$want" ] && ok "alerts_by_domain.${dom%%:*}: $got, the store's ${dom#*:} alerts of the simulated day" \
    || not_ok "alerts_by_domain.${dom%%:*} $got, store $want"
done
jq -e '.alerts_by_domain | .bucket_seconds == 1800 and (.buckets | length) == 48' "$TMP/ov.json" >/dev/null \
  && ok "48 half-hour buckets" || not_ok "buckets $(jq -c '.alerts_by_domain | {bucket_seconds, n: (.buckets | length)}' "$TMP/ov.json")"
last=$(jq -r '.alerts_by_domain.buckets[-1].start' "$TMP/ov.json")
newest=$(jq -r '.alerts_by_domain.newest' "$TMP/ov.json")
[[ "$newest" > "$last" || "$newest" == "$last"* ]] && ok "the last bucket ($last) holds the newest alert ($newest)" || not_ok "last bucket $last, newest $newest"
jq -e '.compliance | length == 6 and all(.score >= 0 and .score <= 100) and ([.[].framework] | index("cisa-cpg2") != null and index("cisa-cpg") == null)' "$TMP/ov.json" >/dev/null \
  && ok "six current frameworks with their scores (CPG 2.0, not the superseded 1.0.1)" || not_ok "compliance $(jq -c '[.compliance[].framework]' "$TMP/ov.json")"
jq -e '.compliance[] | select(.framework == "uscg-101f") | .next_deadline | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")' "$TMP/ov.json" >/dev/null \
  && ok "uscg-101f names its next open deadline" || not_ok "no uscg-101f deadline"

# --- bad parameters: 4xx JSON, never a 500 ------------------------------------------------
bad 400 "plan without a budget" "$U/api/v1/plan"
bad 400 "plan with a budget that is not a number" "$U/api/v1/plan?budget=1e999"
bad 400 "plan with a negative budget" "$U/api/v1/plan?budget=-5"
bad 400 "exposure k=0" "$U/api/v1/exposure?k=0"
bad 400 "exposure to an unknown asset" "$U/api/v1/exposure?to=nope"
bad 400 "exposure from SQL metacharacters" "$U/api/v1/exposure?from=x%27%3BDROP%20TABLE%20alerts"
bad 400 "impact hours without lose" "$U/api/v1/impact?hours=3"
bad 400 "impact hours=nan" "$U/api/v1/impact?lose=ot-dc-01&hours=nan"
bad 400 "risks with too many trials" "$U/api/v1/risks?trials=100000000"
bad 400 "a vessel track of a non-MMSI" "$U/api/v1/vessels/12ab/track"
bad 400 "vessels with an unknown status" "$U/api/v1/vessels?status=sunk"
bad 400 "an asset id with a quote" "$U/api/v1/assets/a%27b"
bad 404 "an asset not in the model" "$U/api/v1/assets/no-such-asset"
bad 400 "incident 0" "$U/api/v1/incidents/0"
bad 404 "an incident that does not exist" "$U/api/v1/incidents/99999"
bad 404 "an unknown framework" "$U/api/v1/compliance/nope"
bad 404 "an unknown third party" "$U/api/v1/thirdparties?id=nobody-at-all"
bad 400 "compliance at a bad time" "$U/api/v1/compliance?at=yesterday"
bad 400 "training at a bad day" "$U/api/v1/training?at=2026-13-45"
bad 400 "an unknown query parameter" "$U/api/v1/overview?x=1"
bad 400 "open with malformed JSON" -H "$J" -d '{"title":' "$U/api/v1/incidents"
bad 400 "open with an unknown member" -H "$J" -d '{"title":"t","severity":"low","assets":["x"],"sql":"1"}' "$U/api/v1/incidents"
bad 400 "open on an asset not in the model" -H "$J" -d '{"title":"t","severity":"low","assets":["../../etc"]}' "$U/api/v1/incidents"
bad 400 "open with a bad severity" -H "$J" -d "{\"title\":\"t\",\"severity\":\"apocalyptic\",\"assets\":[\"$A\"]}" "$U/api/v1/incidents"
bad 404 "open from an unknown candidate" -H "$J" -d '{"candidate":"C-0000"}' "$U/api/v1/incidents"
bad 400 "a state that does not exist" -H "$J" -d '{"state":"panic"}' "$U/api/v1/incidents/$ID/state"
bad 400 "a task number that is not a number" -H "$J" -d '{"task":"1; DROP"}' "$U/api/v1/incidents/$ID/tasks"
bad 404 "a task that does not exist" -H "$J" -d '{"task":999}' "$U/api/v1/incidents/$ID/tasks"
bad 400 "a comms duty that does not exist" -H "$J" -d '{"text":"x","kind":"comms","to":"x","duty":"none"}' "$U/api/v1/incidents/$ID/notes"
kill -0 "$SERVER_PID" 2>/dev/null && ok "the server is still up after the bad input" || not_ok "the server died"
grep -q "AddressSanitizer\|Segmentation" "$TMP/serve.out.err" && not_ok "the server log shows a crash" || ok "no crash in the server log"
done_testing
