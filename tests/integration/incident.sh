#!/usr/bin/env bash
# incident.sh - incident response on the sample port: playbooks check, an
# incident opened by hand, tasks, a decision refused without the role and
# accepted with it, evidence hashed as sha256sum does, NIS2 clocks at
# +24 h / +72 h / +1 month, a draft, states, and a tampered timeline caught.
. "$(dirname "$0")/lib.sh"
export SEAWALL_DATA="$SEAWALL_SRC/data"
DB="$TMP/ir.db"
export SEAWALL_DB="$DB"
sw() { "$SEAWALL" "$@"; }

sw init "$SEAWALL_SRC/examples/aurora/port.yaml" >/dev/null 2>&1
expect_exit 0 "every shipped playbook validates against the sample port" sw playbooks check
out=$(sw incident open --title "TOS encrypted" --severity critical --assets tos-app-01 --playbook tos-ransomware \
      --at 2026-03-28T22:00:00Z --by duty-mgr-1)
check "incident opened with tasks from the playbook" grep -q "opened incident 1 .* 16 tasks" <<<"$out"
expect_exit 1 "a decision by someone without the role is refused" \
    sw incident decide 1 --action cut-it-ot-conduit --by soc-analyst-1 --why "spread to cranes"
expect_exit 0 "the same decision by the CSO is recorded" \
    sw incident decide 1 --action cut-it-ot-conduit --by cso --why "spread to cranes" --at 2026-03-28T22:30:00Z
expect_exit 1 "a person on leave cannot act" sw incident task 1 done 1 --by soc-analyst-3
expect_exit 0 "a task is done" sw incident task 1 done 1 --by soc-lead
expect_exit 1 "a done task cannot be done twice" sw incident task 1 done 1 --by soc-lead
expect_exit 1 "detected cannot jump to closed" sw incident state 1 closed --by cso
expect_exit 0 "detected -> containing" sw incident state 1 containing --by cso
printf 'ransom note\n' >"$TMP/note.txt"
ev=$(sw incident evidence 1 "$TMP/note.txt" --by tos-admin | cut -d' ' -f1)
check "evidence hash equals sha256sum" test "$ev" = "$(sha256sum "$TMP/note.txt" | cut -d' ' -f1)"
check "evidence copy stored under its hash" cmp -s "$TMP/note.txt" "$TMP/evidence/$ev"
clocks=$(sw incident clocks 1 --now 2026-03-29T12:00:00Z --json)
check "NIS2 early warning at +24h" grep -q '"duty":"nis2-early-warning"[^}]*"deadline":"2026-03-29T22:00:00Z"' <<<"$clocks"
check "NIS2 notification at +72h" grep -q '"duty":"nis2-notification"[^}]*"deadline":"2026-03-31T22:00:00Z"' <<<"$clocks"
check "NRC is due without delay" grep -q '"duty":"uscg-nrc"[^}]*"status":"due-now"' <<<"$clocks"
check "ISPS designated authority duty applies" grep -q '"duty":"isps-designated-authority"' <<<"$clocks"
sw incident comms 1 "Notification sent" --by cso --to national-csirt --duty nis2-notification --at 2026-03-30T10:00:00Z >/dev/null
clocks=$(sw incident clocks 1 --now 2026-04-02T12:00:00Z --json)
check "notification met" grep -q '"duty":"nis2-notification"[^}]*"status":"met"' <<<"$clocks"
check "early warning overdue" grep -q '"duty":"nis2-early-warning"[^}]*"status":"overdue"' <<<"$clocks"
check "final report one month after the notification" grep -q '"duty":"nis2-final-report"[^}]*"deadline":"2026-04-30T10:00:00Z"' <<<"$clocks"
draft=$(sw incident clocks 1 --draft national-csirt --now 2026-03-29T12:00:00Z)
check "draft addressed from the directory" grep -q "CNCS / CERT.PT" <<<"$draft"
check "draft carries the decision" grep -q "Cut the IT/OT conduit (decided by cso" <<<"$draft"
show=$(sw incident show 1 --now 2026-03-29T00:00:00Z)
check "show: conduit cut is a live function state" grep -q "it-ot-conduit *cut since decision by cso" <<<"$show"
check "show: live impact" grep -q "Live business impact" <<<"$show"
expect_exit 0 "intact timeline verifies" sw incident verify 1
check "the timeline refuses UPDATE" bash -c "! sqlite3 '$DB' \"UPDATE incident_timeline SET actor='x' WHERE seq=2\" 2>/dev/null"
sqlite3 "$DB" "DROP TRIGGER incident_timeline_no_update; UPDATE incident_timeline SET body=replace(body,'spread to cranes','routine') WHERE incident=1 AND seq=2"
out=$(sw incident verify 1); rc=$?
check "tampered timeline fails verify" test "$rc" = 1
check "verify names the first broken entry" grep -q "BROKEN at entry 2" <<<"$out"
done_testing
