#!/usr/bin/env bash
# vulns.sh - `seawall vulns` on the sample port: the real CVE/NVD/KEV/CSAF
# samples import; the S7-1500 station with a CP 1543-1 on V1.1 shows
# CVE-2016-8562 with the KEV dates the catalog file itself gives (read with
# jq); the S7-1500 CPUs on V2.9.4 and V3.0.3 do not show CVE-2020-15782
# (< V2.9.2); a malformed file is rejected with its JSON pointer and leaves
# the database byte-for-byte as it was (sqlite3 .dump before and after).
. "$(dirname "$0")/lib.sh"
DATA="$SEAWALL_SRC/tests/data/vulns"
DB="$TMP/v.db"
jqe() { jq -e "$@" >/dev/null; }
export SEAWALL_DB="$DB"

"$SEAWALL" init "$SEAWALL_SRC/examples/aurora/port.yaml" >/dev/null 2>&1
expect_exit 0 "import the five samples" "$SEAWALL" vulns import --json "$DATA"/*.json
check "import reports each format" bash -c "jq -r '.[].format' '$TMP/last.out' | sort | tr '\n' ' ' | grep -qx 'csaf cve5 cve5 kev nvd '"

"$SEAWALL" vulns --json >"$TMP/all.json" 2>"$TMP/all.err"
rc=$?
check "vulns exits 1 when it lists certain findings" test "$rc" -eq 1
check "vulns --json is a JSON array" jqe 'type == "array"' "$TMP/all.json"

f='.[] | select(.asset == "sts-t1-01-plc" and .cve == "CVE-2016-8562")'
check "S7-1500 station sts-t1-01-plc has CVE-2016-8562" jqe "[$f] | length == 1" "$TMP/all.json"
check "... certain, CVSS 7.5 v3.1" jqe "$f | .certainty == \"certain\" and .cvss.score == 7.5 and .cvss.version == \"3.1\"" "$TMP/all.json"
want_added=$(jq -r '.vulnerabilities[] | select(.cveID == "CVE-2016-8562") | .dateAdded' "$DATA/kev-excerpt.json")
want_due=$(jq -r '.vulnerabilities[] | select(.cveID == "CVE-2016-8562") | .dueDate' "$DATA/kev-excerpt.json")
check "... KEV listed, added $want_added, due $want_due (as the catalog says)" \
    jqe "$f | .kev.listed and .kev.date_added == \"$want_added\" and .kev.due_date == \"$want_due\"" "$TMP/all.json"
check "... reachable from an entry point" jqe "$f | .reachable" "$TMP/all.json"
check "... open since its publication (2016-11-18)" jqe "$f | .published == \"2016-11-18\" and .days_open > 3000" "$TMP/all.json"
check "no S7-1500 on V2.9.4/V3.0.3 has CVE-2020-15782 (fixed in V2.9.2)" \
    jqe '[.[] | select(.cve == "CVE-2020-15782")] | length == 0' "$TMP/all.json"
check "--kev keeps the KEV one" bash -c "'$SEAWALL' vulns --kev --json | jq -e 'length >= 1 and all(.kev.listed)' >/dev/null"
check "--min-cvss 8 drops it (7.5)" bash -c "'$SEAWALL' vulns --min-cvss 8 --json | jq -e '[.[] | select(.cve == \"CVE-2016-8562\")] | length == 0' >/dev/null"
expect_exit 2 "--min-cvss 11 is a usage error" "$SEAWALL" vulns --min-cvss 11
expect_exit 2 "--asset unknown is a usage error" "$SEAWALL" vulns --asset no-such-asset

# A bad file changes nothing.
sqlite3 "$DB" .dump >"$TMP/before.sql"
printf '{"format": "NVD_CVE", "vulnerabilities": [{"cve": {"id": "CVE-2024-0001", "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [{"vulnerable": true, "criteria": "cpe:2.3:o:acme:x:*:*:*:*:*:*:*:*"}, {"vulnerable": true, "criteria": "cpe:/o:acme:y"}]}]}]}}]}' >"$TMP/bad.json"
printf '{"vulnerabilities": [' >"$TMP/truncated.json"
expect_exit 3 "a file with a CPE 2.2 URI is rejected" "$SEAWALL" vulns import "$TMP/bad.json"
check "... naming the JSON pointer" grep -q "/vulnerabilities/0/cve/configurations/0/nodes/0/cpeMatch/1/criteria" "$TMP/last.err"
expect_exit 3 "a truncated file is rejected" "$SEAWALL" vulns import "$TMP/truncated.json"
check "... with line:col" grep -qE "truncated.json: 1:[0-9]+: JSON syntax" "$TMP/last.err"
sqlite3 "$DB" .dump >"$TMP/after.sql"
check "the database is unchanged (sqlite3 .dump)" cmp -s "$TMP/before.sql" "$TMP/after.sql"

# A batch: the good file goes in, the bad one does not, and the exit says so.
expect_exit 3 "a batch with one bad file exits 3" "$SEAWALL" vulns import "$DATA/kev-excerpt.json" "$TMP/bad.json"
check "... and says which were imported" grep -q "1 of 2 files imported" "$TMP/last.err"
check "... the good one was (it updated its KEV rows)" grep -q "kev-excerpt.json (kev 2025.08.25): 0 records, 3 KEV entries" "$TMP/last.out"
check "re-import adds no duplicate rows" test "$(sqlite3 "$DB" 'SELECT count(*) FROM vuln_kev')" -eq 3

done_testing
