#!/usr/bin/env bash
# store_cli.sh - `seawall init`, `zones`, `conduits`, `assets` and `summary`
# against the database: human and --json output, re-loading an edited model,
# refusing a broken one without touching the database, --db and SEAWALL_DB,
# and read commands on a missing database.
source "$(dirname "$0")/lib.sh"
FIX="$SEAWALL_SRC/tests/store"
DB="$TMP/seawall.db"
unset SEAWALL_DB

# json_check FILE PYTHON-EXPR : the file parses as JSON and EXPR (over `d`) is true.
json_check() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- a first load ---------------------------------------------------------------
expect_exit 0 "init loads the small port" "$SEAWALL" init --db "$DB" "$FIX/small.yaml"
check "init reports what it added" grep -q "5 assets (+5)" "$TMP/last.out"
check "init names the port" grep -q "loaded Port of Testhaven" "$TMP/last.out"

expect_exit 0 "zones lists" "$SEAWALL" zones --db "$DB"
check "zones: a table with header and the OT zone at SL3" \
  grep -qE '^crane-control +Crane control +ot +SL3 +t1 +10\.40\.1\.0/24,10\.40\.2\.0/24 +2$' "$TMP/last.out"
check "zones: header row" grep -q '^ZONE ' "$TMP/last.out"
expect_exit 0 "zones --json" "$SEAWALL" zones --db "$DB" --json
check "zones --json: 3 zones, networks as a list" json_check "$TMP/last.out" \
  'len(d) == 3 and [z for z in d if z["id"] == "crane-control"][0]["networks"] == ["10.40.1.0/24", "10.40.2.0/24"]'

expect_exit 0 "conduits lists" "$SEAWALL" conduits --db "$DB"
check "conduits: from, to and services" grep -qE 'corp-it +-> +crane-control +modbus,tcp/44818' "$TMP/last.out"
expect_exit 0 "conduits --json" "$SEAWALL" --db "$DB" conduits --json
check "conduits --json: services and direction" json_check "$TMP/last.out" \
  'd == [{"id": "corp-it->crane-control", "from": "corp-it", "to": "crane-control", "services": ["modbus", "tcp/44818"], "bidirectional": False, "justification": "engineers reach the crane PLCs"}]'

expect_exit 0 "assets lists" "$SEAWALL" assets --db "$DB"
check "assets: 5 rows under the header" test "$(tail -n +3 "$TMP/last.out" | wc -l)" -eq 5
expect_exit 0 "assets --json" "$SEAWALL" assets --db "$DB" --json
check "assets --json: 5 assets, two addresses for the workstation" json_check "$TMP/last.out" \
  'len(d) == 5 and [a for a in d if a["id"] == "eng-ws-01"][0]["ips"] == ["10.10.5.20", "10.10.5.21"]'
expect_exit 0 "assets --criticality crown-jewel" "$SEAWALL" assets --db "$DB" --criticality crown-jewel --json
check "only the crane PLC is a crown jewel" json_check "$TMP/last.out" '[a["id"] for a in d] == ["sts01-plc"]'
expect_exit 0 "assets --zone" "$SEAWALL" assets --db "$DB" --zone crane-control --json
check "two assets in crane-control" json_check "$TMP/last.out" 'sorted(a["id"] for a in d) == ["crane-srv", "sts01-plc"]'
expect_exit 0 "assets --domain it --kind server" "$SEAWALL" assets --db "$DB" --domain it --kind server --json
check "one IT server" json_check "$TMP/last.out" '[a["id"] for a in d] == ["erp"]'
expect_exit 0 "assets with no match is an empty list" "$SEAWALL" assets --db "$DB" --zone cctv --kind plc --json
check "empty JSON array" json_check "$TMP/last.out" 'd == []'
expect_exit 2 "assets --domain ocean is a usage error" "$SEAWALL" assets --db "$DB" --domain ocean
expect_exit 2 "assets --criticality urgent is a usage error" "$SEAWALL" assets --db "$DB" --criticality urgent

expect_exit 0 "summary" "$SEAWALL" summary --db "$DB"
check "summary: port name" grep -q "^Port of Testhaven (Europe/Lisbon, EUR)" "$TMP/last.out"
check "summary: asset matrix total row" grep -qE '^total +1 +2 +1 +1 +5$' "$TMP/last.out"
check "summary: vendors with remote access" grep -q "2 vendors (1 with remote access)" "$TMP/last.out"
expect_exit 0 "summary --json" "$SEAWALL" summary --db "$DB" --json
check "summary --json: counts" json_check "$TMP/last.out" \
  'd["assets"]["total"] == 5 and d["assets"]["by_domain"]["ot"]["crown-jewel"] == 1 and d["zones"]["by_domain"]["ot"]["SL3"] == 1 and d["vendors_with_remote_access"] == 1'

# --- re-loading an edited model keeps observations --------------------------------
sqlite3 "$DB" "INSERT INTO observed_hosts(ip, first_seen, last_seen, asset_id, packets) VALUES
  ('10.40.1.11', 1, 2, 'sts01-plc', 7), ('10.10.1.10', 1, 2, 'erp', 9);"
sed -e 's/name: STS crane 1 PLC/name: STS crane 1 main PLC/' -e '/id: erp,/d' "$FIX/small.yaml" >"$TMP/edited.yaml"
expect_exit 0 "init with an edited model" "$SEAWALL" init --db "$DB" "$TMP/edited.yaml"
check "edited: 4 assets, one updated and one removed" grep -q "4 assets (~1 -1)" "$TMP/last.out"
check "the kept asset's observation stays linked" \
  test "$(sqlite3 "$DB" "SELECT count(*) FROM observed_hosts WHERE asset_id = 'sts01-plc' AND packets = 7")" = 1
check "the removed asset's observation stays, unlinked" \
  test "$(sqlite3 "$DB" "SELECT count(*) FROM observed_hosts WHERE ip = '10.10.1.10' AND asset_id IS NULL")" = 1
expect_exit 0 "init with the same model again" "$SEAWALL" init --db "$DB" "$TMP/edited.yaml"
check "same model: no changes" grep -q "; no changes$" "$TMP/last.out"

# --- a broken model leaves the database alone ------------------------------------
before=$(sha "$DB")
loads=$(sqlite3 "$DB" "SELECT count(*) FROM model_loads")
expect_exit 1 "init refuses a model with errors" "$SEAWALL" init --db "$DB" "$FIX/broken.yaml"
check "refusal counts the errors" grep -q "refusing to load: 3 errors" "$TMP/last.err"
check "refusal prints file:line:col diagnostics" grep -q "broken.yaml:6:33: error: unknown domain" "$TMP/last.err"
check "the database file is byte for byte unchanged" test "$(sha "$DB")" = "$before"
check "no load was recorded" test "$(sqlite3 "$DB" "SELECT count(*) FROM model_loads")" = "$loads"
expect_exit 1 "a broken model with a new --db" "$SEAWALL" init --db "$TMP/never.db" "$FIX/broken.yaml"
check "does not create the database" test ! -e "$TMP/never.db"
expect_exit 3 "init of an unreadable file" "$SEAWALL" init --db "$TMP/never.db" "$TMP/no-such.yaml"
check "does not create the database either" test ! -e "$TMP/never.db"
expect_exit 2 "init without a file is a usage error" "$SEAWALL" init --db "$TMP/never.db"

# --- --db and SEAWALL_DB ------------------------------------------------------------
expect_exit 0 "SEAWALL_DB picks the database for init" env SEAWALL_DB="$TMP/env.db" "$SEAWALL" init "$FIX/small.yaml"
check "init wrote to SEAWALL_DB" test -s "$TMP/env.db"
expect_exit 0 "SEAWALL_DB picks the database for zones" env SEAWALL_DB="$TMP/env.db" "$SEAWALL" zones --json
check "zones read SEAWALL_DB" json_check "$TMP/last.out" 'len(d) == 3'
expect_exit 0 "--db wins over SEAWALL_DB" env SEAWALL_DB="$TMP/elsewhere.db" "$SEAWALL" assets --db "$TMP/env.db" --json
check "assets read --db" json_check "$TMP/last.out" 'len(d) == 5'
check "SEAWALL_DB was not created when --db was given" test ! -e "$TMP/elsewhere.db"
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$SEAWALL" init "$FIX/small.yaml" >/dev/null 2>&1)
check "the default is ./seawall.db" test -s "$TMP/cwd/seawall.db"

# --- read commands never create a database -------------------------------------------
for cmd in zones conduits assets summary; do
  expect_exit 3 "$cmd on a missing database exits 3" "$SEAWALL" "$cmd" --db "$TMP/missing.db"
  check "$cmd did not create it" test ! -e "$TMP/missing.db"
done
check "the error says how to start" grep -q "seawall init" "$TMP/last.err"
: >"$TMP/empty.db"
expect_exit 1 "zones on a database without a model exits 1" "$SEAWALL" zones --db "$TMP/empty.db"
check "and says so" grep -q "no port model in $TMP/empty.db; run 'seawall init port.yaml'" "$TMP/last.err"
cp "$DB" "$TMP/future.db"
sqlite3 "$TMP/future.db" "PRAGMA user_version = 999"
expect_exit 3 "zones on a database from a newer seawall exits 3" "$SEAWALL" zones --db "$TMP/future.db"
check "and says it is newer" grep -q "database schema version 999 is newer than this seawall" "$TMP/last.err"
expect_exit 3 "init refuses it too" "$SEAWALL" init --db "$TMP/future.db" "$FIX/small.yaml"
check "leaving it at version 999" test "$(sqlite3 "$TMP/future.db" "PRAGMA user_version")" = 999
echo "not a database, just text that is long enough to not look empty to SQLite at all......" >"$TMP/text.db"
expect_exit 3 "zones on a file that is not a database exits 3" "$SEAWALL" zones --db "$TMP/text.db"

done_testing
