#!/usr/bin/env bash
# ais_track_retention.sh - the stored vessel tracks stay bounded: the AIS
# sensor trims them to track_keep_days of feed time behind the newest point
# and to track_points per vessel in the same transaction that writes them.
# Oracle: a run with the default retention (which does not bind on a short
# feed) filtered in SQL by the same rules.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
MODEL="$SEAWALL_SRC/examples/aurora/port.yaml"
quiet() { "$@" >/dev/null 2>&1; }
check "simulate 10 minutes of the sample port's AIS" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 10m --out "$TMP/s"
AIS="$TMP/s/ais.nmea"
# track DB [--set ...]: the sensor into a fresh store; the summary in $TMP/DB.json.
track() {
  local db=$1; shift
  "$SEAWALL" ais track "$AIS" --land none --store --db "$TMP/$db.db" --json "$@" >"$TMP/$db.json" 2>"$TMP/$db.err"
}
q() { sqlite3 "$TMP/$1.db" "$2"; }

check "the full track with the default retention (7 days, 20160 points)" track full
N=$(q full 'SELECT count(*) FROM vessel_track')
V=$(q full 'SELECT count(DISTINCT mmsi) FROM vessel_track')
MAXN=$(q full 'SELECT max(n) FROM (SELECT count(*) n FROM vessel_track GROUP BY mmsi)')
[ "$N" -gt 50 ] && [ "$MAXN" -gt 8 ] && ok "$N points of $V vessels, up to $MAXN for one" || not_ok "too little track to test ($N points, max $MAXN)"
jq -e ".track_points_stored == $N and .track_points_trimmed == 0" "$TMP/full.json" >/dev/null \
  && ok "the summary counts them and trims nothing" || not_ok "summary: $(jq -c '{track_points_stored, track_points_trimmed}' "$TMP/full.json")"

# --- by age: the feed time kept behind the newest point ------------------------------
DAYS=0.002083333     # about 3 minutes of a 10-minute feed
KEEP_US=$(python3 -c "print(int($DAYS * 86400e6))")
NEWEST=$(q full 'SELECT max(ts) FROM vessel_track')
check "track_keep_days=$DAYS" track age --set track_keep_days=$DAYS
sqlite3 "$TMP/full.db" "SELECT mmsi, ts, lat, lon FROM vessel_track WHERE ts >= $NEWEST - $KEEP_US ORDER BY 1, 2" >"$TMP/want.age"
q age 'SELECT mmsi, ts, lat, lon FROM vessel_track ORDER BY 1, 2' >"$TMP/got.age"
KEPT=$(wc -l <"$TMP/want.age")
[ "$KEPT" -gt 0 ] && [ "$KEPT" -lt "$N" ] && cmp -s "$TMP/want.age" "$TMP/got.age" \
  && ok "exactly the $KEPT points within $KEEP_US us of the newest remain, every vessel's" \
  || not_ok "age retention: kept $(wc -l <"$TMP/got.age"), want $KEPT of $N"
jq -e ".track_points_trimmed == $N - $KEPT" "$TMP/age.json" >/dev/null \
  && ok "the summary counts the $((N - KEPT)) trimmed" || not_ok "trimmed $(jq .track_points_trimmed "$TMP/age.json"), want $((N - KEPT))"

# --- by count: the newest points of each vessel ---------------------------------------
check "track_points=5" track count --set track_points=5
sqlite3 "$TMP/full.db" "SELECT mmsi, ts FROM (SELECT mmsi, ts, row_number() OVER (PARTITION BY mmsi ORDER BY ts DESC) k
  FROM vessel_track) WHERE k <= 5 ORDER BY 1, 2" >"$TMP/want.count"
q count 'SELECT mmsi, ts FROM vessel_track ORDER BY 1, 2' >"$TMP/got.count"
cmp -s "$TMP/want.count" "$TMP/got.count" && ok "each vessel keeps its newest 5 points ($(wc -l <"$TMP/got.count") in all)" \
  || not_ok "count retention: $(diff "$TMP/want.count" "$TMP/got.count" | head -3 | tr '\n' ' ')"
[ "$(q count 'SELECT max(n) FROM (SELECT count(*) n FROM vessel_track GROUP BY mmsi)')" -le 5 ] \
  && ok "no vessel holds more than 5" || not_ok "a vessel holds more than 5"

# --- a store that grew under the defaults, then a tighter setting -----------------------
cp "$TMP/full.db" "$TMP/again.db"
check "the same feed again with track_points=3 into the full store" track again --set track_points=3
[ "$(q again 'SELECT max(n) FROM (SELECT count(*) n FROM vessel_track GROUP BY mmsi)')" -le 3 ] \
  && [ "$(q again 'SELECT count(DISTINCT mmsi) FROM vessel_track')" = "$V" ] \
  && ok "the points an earlier run stored are trimmed too; all $V vessels keep a track" || not_ok "older points survived"

# --- sense --ais takes the same settings; bad values are usage errors -----------------
check "sense --ais --ais-set track_points=2" quiet "$SEAWALL" sense --ais "$AIS" --model "$MODEL" --store --db "$TMP/sense.db" --ais-set track_points=2
[ "$(q sense 'SELECT max(n) FROM (SELECT count(*) n FROM vessel_track GROUP BY mmsi)')" = 2 ] \
  && ok "through sense --ais every vessel keeps at most 2" || not_ok "sense --ais ignored track_points"
for bad in track_points=0 track_points=-4 track_points=10000001 track_points=7x track_keep_days=0 track_keep_days=-1 \
           track_keep_days=3651 track_keep_days=nan track_keep_days=; do
  expect_exit 2 "--set $bad is a usage error" "$SEAWALL" ais track "$AIS" --land none --store --db "$TMP/bad.db" --set "$bad"
done
grep -q "track_keep_days wants days of feed time" "$TMP/last.err" 2>/dev/null || grep -q "track_keep_days" "$TMP/last.out" \
  && ok "the error names the setting and its range" || not_ok "error text: $(cat "$TMP/last.err" "$TMP/last.out" 2>/dev/null | head -2)"
done_testing
