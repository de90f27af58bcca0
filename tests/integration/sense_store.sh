#!/usr/bin/env bash
# sense_store.sh - `seawall sense --store` into a model database, then the
# views: alerts equal the --eve lines, flow packets equal the IP packets
# sense counted, the file is sound, a model re-load keeps observations,
# and the documented exit codes.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/db

check "init the Aurora model" "$SEAWALL" init --db "$DB" "$MODEL" >/dev/null
check "simulate 10 minutes" "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 10m --out "$TMP/s" >/dev/null
if "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" \
  --eve "$TMP/a.jsonl" --json --no-progress >"$TMP/sum.json" 2>"$TMP/sense.err"
then ok "sense --store"; else not_ok "sense --store"; diagnose <"$TMP/sense.err"; fi
grep -q "^stored in" "$TMP/sense.err" && ok "sense reports what it stored" || not_ok "no 'stored in' line"

eve_n=$(wc -l <"$TMP/a.jsonl")
"$SEAWALL" alerts --db "$DB" --json >"$TMP/alerts.json"
db_n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/alerts.json")
if [ "$eve_n" -gt 0 ] && [ "$db_n" = "$eve_n" ]; then ok "alerts --json count equals --eve lines ($eve_n)"
else not_ok "alerts --json has $db_n, --eve has $eve_n"; fi
ids() { python3 -c 'import json,sys
docs = json.load(open(sys.argv[1])) if sys.argv[2] == "array" else [json.loads(l) for l in open(sys.argv[1])]
print("\n".join(sorted(d["rule"]["id"] for d in docs)))' "$1" "$2"; }
if [ "$(ids "$TMP/alerts.json" array)" = "$(ids "$TMP/a.jsonl" lines)" ]; then ok "stored rule ids match --eve"
else not_ok "stored rule ids differ from --eve"; fi
if python3 -c 'import json,sys
a = json.load(open(sys.argv[1])); b = [json.loads(l) for l in open(sys.argv[2])]
key = lambda d: json.dumps(d, sort_keys=True)
sys.exit(0 if sorted(map(key, a)) == sorted(map(key, b)) else 1)' "$TMP/alerts.json" "$TMP/a.jsonl"
then ok "stored ECS documents equal the --eve documents"; else not_ok "stored ECS documents differ from --eve"; fi

"$SEAWALL" flows --db "$DB" >"$TMP/flows.txt"
if [ "$(wc -l <"$TMP/flows.txt")" -gt 2 ]; then ok "seawall flows is not empty"; else not_ok "seawall flows is empty"; fi
"$SEAWALL" flows --db "$DB" --json >"$TMP/flows.json"
flow_pk=$(python3 -c 'import json,sys; print(sum(f["packets"] for f in json.load(open(sys.argv[1]))))' "$TMP/flows.json")
ip_pk=$(python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))["network"]; print(n["ipv4"] + n["ipv6"] - n["fragments"])' "$TMP/sum.json")
if [ "$flow_pk" = "$ip_pk" ]; then ok "flow packets equal sense's IP packets ($ip_pk)"
else not_ok "flows count $flow_pk packets, sense saw $ip_pk IP packets"; fi
n_flows=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["flows"]["total"])' "$TMP/sum.json")
db_flows=$(sqlite3 "$DB" "SELECT sum(flows) FROM observed_flows")
if [ "$db_flows" = "$n_flows" ]; then ok "every flow summarised ($n_flows)"; else not_ok "stored $db_flows flows, sense made $n_flows"; fi
if "$SEAWALL" flows --db "$DB" --violations --json | grep -q '"violation":"SW-SEG-'; then ok "flows --violations names a segmentation rule"
else not_ok "flows --violations found nothing"; fi
if "$SEAWALL" hosts --db "$DB" | grep -q undeclared; then ok "hosts shows undeclared (shadow) hosts"; else not_ok "no undeclared host"; fi
test "$(sqlite3 "$DB" "SELECT count(*) FROM ics_operations WHERE writes > 0")" -gt 0 && ok "ICS writes summarised" || not_ok "no ICS write rows"
test "$(sqlite3 "$DB" "SELECT count(*) FROM observed_identities")" -gt 0 && ok "identities stored" || not_ok "no identities"
test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok && ok "integrity_check ok" || not_ok "integrity_check failed"
test -z "$(sqlite3 "$DB" "PRAGMA foreign_key_check")" && ok "foreign keys hold" || not_ok "foreign_key_check reports rows"
LATEST=$(grep -c '^STORE_MIGRATION' "$SEAWALL_SRC/src/store/migrations/migrations.def")
test "$(sqlite3 "$DB" "PRAGMA user_version")" = "$LATEST" && ok "schema version $LATEST (the latest)" || not_ok "schema version is not $LATEST"

before=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM alerts), (SELECT count(*) FROM observed_flows), (SELECT count(*) FROM observed_hosts), (SELECT count(*) FROM alerts WHERE dst_asset_id IS NOT NULL)")
check "re-run init on the same model" "$SEAWALL" init --db "$DB" "$MODEL" >/dev/null
after=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM alerts), (SELECT count(*) FROM observed_flows), (SELECT count(*) FROM observed_hosts), (SELECT count(*) FROM alerts WHERE dst_asset_id IS NOT NULL)")
if [ "$before" = "$after" ]; then ok "re-init keeps alerts, flows, hosts and their links ($after)"; else not_ok "re-init changed $before to $after"; fi

# a second run over the same capture: alerts are not duplicated
"$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress >/dev/null 2>&1
test "$(sqlite3 "$DB" "SELECT count(*) FROM alerts")" = "$eve_n" && ok "re-sensing adds no duplicate alerts" || not_ok "re-sensing duplicated alerts"

# exit codes
sqlite3 "$TMP/empty.db" "PRAGMA user_version" >/dev/null
"$SEAWALL" zones --db "$TMP/nomodel.db" >/dev/null 2>&1
"$SEAWALL" init --db "$TMP/nomodel.db" "$MODEL" >/dev/null 2>&1 && sqlite3 "$TMP/nomodel.db" "DELETE FROM port" >/dev/null
expect_exit 1 "alerts on a database without a model exits 1" "$SEAWALL" alerts --db "$TMP/nomodel.db"
expect_exit 1 "sense --store without a model in the database exits 1" "$SEAWALL" sense --model "$MODEL" --store --db "$TMP/nomodel.db" --pcap "$TMP/s/traffic.pcap" --no-progress
expect_exit 3 "alerts on a missing database exits 3" "$SEAWALL" alerts --db "$TMP/missing.db"
expect_exit 2 "bad --since exits 2" "$SEAWALL" alerts --db "$DB" --since yesterday-ish
expect_exit 2 "bad --severity exits 2" "$SEAWALL" alerts --db "$DB" --severity severe
expect_exit 2 "--store without --model exits 2" "$SEAWALL" sense --store --db "$DB" --pcap "$TMP/s/traffic.pcap"
expect_exit 0 "alerts --rule/--severity/--since/--limit" "$SEAWALL" alerts --db "$DB" --rule SW-ICS-CPU-STOP --severity high --since 2000-01-01T00:00:00Z --limit 5
grep -q SW-ICS-CPU-STOP "$TMP/last.out" && ok "--rule filter shows the rule" || not_ok "--rule filter lost the rule"
done_testing
