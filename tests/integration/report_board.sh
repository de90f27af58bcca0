#!/usr/bin/env bash
# report_board.sh - `seawall risk --record/--history`, `plan --adopt`,
# `plan set`/`progress` and `seawall report board` on the sample port with
# demo data (simulated traffic sensed into the store, KEV vulnerabilities,
# two dated register snapshots, a programme with one control done, an
# incident, compliance statuses with due dates, drills.csv). The HTML must
# carry the figures `risk --json`, `plan progress --json` and `comply
# --json` give; the PDF (headless chromium) must be 1-2 A4 pages whose
# text and OCR'd pixels (pdftoppm + tesseract) show the key figures.
# PNG pages go to $SEAWALL_ARTIFACTS when set.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/seawall.db
AT=2026-11-20
cd "$TMP" || exit 1
unset SEAWALL_DB
quiet() { "$@" >/dev/null 2>&1; }
jq() { command jq "$@" | { [ "${1:-}" = -e ] && cat >/dev/null || cat; }; return "${PIPESTATUS[0]}"; }
for tool in jq python3; do command -v $tool >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }; done

# --- demo data ------------------------------------------------------------------
check "simulate 10 minutes of the sample port" quiet "$SEAWALL" sim --model "$MODEL" --seed 11 --duration 10m --out "$TMP/s"
check "load the model" quiet "$SEAWALL" init --db "$DB" "$MODEL"
check "sense the traffic into the store" quiet "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress
check "import vulnerabilities with the KEV excerpt" quiet "$SEAWALL" vulns import --db "$DB" "$SEAWALL_SRC"/tests/data/vulns/*.json
"$SEAWALL" risk --db "$DB" --record --at 2026-09-01 >/dev/null; rc=$?
[ $rc -le 1 ] && ok "risk --record at 2026-09-01 (exit $rc: 0, or 1 with a risk over appetite)" || not_ok "risk --record failed ($rc)"
check "plan --budget 150000 --adopt at 2026-09-01" quiet "$SEAWALL" plan --db "$DB" --budget 150000 --adopt --at 2026-09-01
"$SEAWALL" plan progress --db "$DB" --at 2026-09-01 --json >"$TMP/p0.json"
check "the adopted programme is all planned, within the budget" jq -e \
  '.counts.total >= 2 and .counts.planned == .counts.total and .cost.total <= 150000 and .eal.now == .eal.without_programme' "$TMP/p0.json"
DONE=$(jq -r '[.controls[] | select(.cost < 60000)] | .[0].id' "$TMP/p0.json")
WIP=$(jq -r --arg d "$DONE" '[.controls[] | select(.id != $d)] | .[0].id' "$TMP/p0.json")
check "plan set $DONE in-progress on 2026-09-20" quiet "$SEAWALL" plan set "$DONE" --status in-progress --at 2026-09-20 --db "$DB"
check "plan set $DONE done on 2026-10-15" quiet "$SEAWALL" plan set "$DONE" --status done --at 2026-10-15 --db "$DB"
check "plan set $WIP in-progress on 2026-10-20" quiet "$SEAWALL" plan set "$WIP" --status in-progress --at 2026-10-20 --db "$DB"
expect_exit 1 "a status change dated before the last one is refused" "$SEAWALL" plan set "$DONE" --status planned --at 2026-10-01 --db "$DB"
expect_exit 1 "a control not in the programme is refused" "$SEAWALL" plan set C-NOPE --status done --db "$DB"
expect_exit 2 "an unknown status is a usage error" "$SEAWALL" plan set "$WIP" --status finished --db "$DB"
expect_exit 2 "a malformed --at is a usage error" "$SEAWALL" plan set "$WIP" --status done --at 2026-02-30 --db "$DB"
"$SEAWALL" risk --db "$DB" --record --at 2026-11-01 >/dev/null
check "incident in the period" quiet "$SEAWALL" incident open --db "$DB" --title "Ransomware note on a TOS workstation" --severity high \
  --assets tos-app-01 --at 2026-11-03T08:15:00Z --by sec-mgr
# Leaf requirements (headings roll up from their children): the first two unassessed ones.
mapfile -t NIS < <("$SEAWALL" comply --db "$DB" nis2 --json | command jq -r '.frameworks[0].requirements[] | select(.status=="unassessed") | .id' | head -2)
check "a NIS2 requirement met (${NIS[0]})" quiet "$SEAWALL" compliance set --db "$DB" nis2 "${NIS[0]}" --status met
check "a NIS2 gap with a due date (${NIS[1]})" quiet "$SEAWALL" compliance set --db "$DB" nis2 "${NIS[1]}" --status partial --due 2027-01-17 --owner sec-mgr
check "an overdue USCG gap" quiet "$SEAWALL" compliance set --db "$DB" uscg-101f "$(jq -r '.frameworks[]|select(.id=="uscg-101f")|.requirements[]|select(.status=="unassessed")|.id' <("$SEAWALL" comply --db "$DB" uscg-101f --json) | head -1)" \
  --status not-met --due 2026-10-01

# --- the register, its history and the programme ----------------------------------
"$SEAWALL" risk --db "$DB" --history --json >"$TMP/h.json"
check "history holds the two snapshots, oldest first" jq -e '[.snapshots[].date] == ["2026-09-01","2026-11-01"]' "$TMP/h.json"
check "the later snapshot credits the done control and its residual EAL is lower" jq -e --arg d "$DONE" \
  '.snapshots[1].controls_done == [$d] and .snapshots[0].controls_done == [] and .snapshots[1].residual_eal < .snapshots[0].residual_eal
   and .snapshots[1].residual_change < 0 and .snapshots[0].inherent_eal == .snapshots[1].inherent_eal' "$TMP/h.json"
"$SEAWALL" risk --db "$DB" --at 2026-10-01 --json >"$TMP/r_oct1.json"
"$SEAWALL" risk --db "$DB" --at $AT --json >"$TMP/r.json"
check "residual credits only done controls: none on 2026-10-01 (in progress), $DONE on $AT" jq -e --arg d "$DONE" --slurpfile o "$TMP/r_oct1.json" \
  '.programme_controls_credited == [$d] and $o[0].programme_controls_credited == []
   and .total.residual_loss.eal < $o[0].total.residual_loss.eal' "$TMP/r.json"
check "the snapshot of 2026-11-01 equals risk --json on that day" bash -c \
  "'$SEAWALL' risk --db '$DB' --at 2026-11-01 --json | jq -e --slurpfile h '$TMP/h.json' '.total.residual_loss.eal == \$h[0].snapshots[1].residual_eal' >/dev/null"
"$SEAWALL" plan progress --db "$DB" --at $AT --json >"$TMP/p.json"
check "progress: one done, one in progress, EAL now equals the register's residual" jq -e --slurpfile r "$TMP/r.json" \
  '.counts.done == 1 and .counts["in-progress"] == 1 and .eal.now == $r[0].total.residual_loss.eal
   and .eal.when_complete <= .eal.now and .eal.now < .eal.without_programme and .percent_done_by_cost > 0' "$TMP/p.json"
"$SEAWALL" comply --db "$DB" --at ${AT}T23:59:59Z --json >"$TMP/c.json"

# --- the HTML report ----------------------------------------------------------------
expect_exit 0 "report board -o board.html" "$SEAWALL" report board --db "$DB" -o "$TMP/board.html" --period 120d --at $AT
H=$TMP/board.html
# money as the report prints it: 2 decimals in millions, whole thousands.
M() { python3 -c "import sys; v=float(sys.argv[1]); print('%.2fM'%(v/1e6) if abs(v)>=1e6 else '%.0fk'%(v/1e3) if abs(v)>=1e3 else '%.0f'%v)" "$1"; }
RES=$(M "$(jq '.total.residual_loss.eal' "$TMP/r.json")")
P90=$(M "$(jq '.total.residual_loss.p90' "$TMP/r.json")")
INH=$(M "$(jq '.total.inherent_loss.eal' "$TMP/r.json")")
TOP=$(jq -r '.risks | max_by(.residual_loss.eal) | .id' "$TMP/r.json")
TOP_EAL=$(M "$(jq '.risks | max_by(.residual_loss.eal) | .residual_loss.eal' "$TMP/r.json")")
TOP_P90=$(M "$(jq '.risks | max_by(.residual_loss.eal) | .residual_loss.p90' "$TMP/r.json")")
OVER=$(jq '.total.risks_over_appetite' "$TMP/r.json"); NR=$(jq '.risks|length' "$TMP/r.json")
check "HTML: residual EAL $RES, P90 $P90 and inherent $INH of risk --json" grep -q "<b>$RES EUR</b>.*<b>$P90 EUR</b>.*<b>$INH EUR</b>" "$H"
check "HTML: $OVER of $NR risks over appetite" grep -q "<b>$OVER of $NR</b>" "$H"
check "HTML: the top risk $TOP first, with EAL $TOP_EAL and P90 $TOP_P90" python3 - "$H" "$TOP" "$TOP_EAL" "$TOP_P90" <<'PY'
import re, sys
h, top, eal, p90 = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3], sys.argv[4]
sec = h.split("2. Top risks", 1)[1].split("3. What is being done", 1)[0]
rows = re.findall(r"<tr><td><b>([^<]+)</b>.*?</tr>", sec, re.S)
assert rows and rows[0] == top, rows
first = re.search(r"<tr><td><b>%s</b>.*?</tr>" % re.escape(top), sec, re.S).group(0)
cells = re.findall(r'<td class="n">([^<]*)</td>', first)
assert cells[2] == eal and cells[3] == p90, cells
PY
check "HTML: TEU/h and vessel-delay hours of the top risk from business impact" python3 - "$H" "$TMP/r.json" <<'PY'
import json, re, sys
h = open(sys.argv[1]).read(); r = json.load(open(sys.argv[2]))
top = max(r["risks"], key=lambda x: x["residual_loss"]["eal"])
sec = h.split("2. Top risks", 1)[1]
row = re.search(r"<tr><td><b>%s</b>.*?</tr>" % re.escape(top["id"]), sec, re.S).group(0)
teu, delay = re.findall(r'<td class="n">([^<]*)</td>', row)[:2]
assert top["loss_per_event"]["source"] == "business-impact"
assert float(teu) > 0 and float(delay) > 0, (teu, delay)
PY
DONE_N=$(jq '.counts.done' "$TMP/p.json"); TOT_N=$(jq '.counts.total' "$TMP/p.json"); PCT=$(jq '.percent_done_by_cost|round' "$TMP/p.json")
NOW=$(M "$(jq '.eal.now' "$TMP/p.json")"); DONE_AT=$(jq -r --arg d "$DONE" '.controls[]|select(.id==$d)|.done' "$TMP/p.json")
check "HTML: $DONE_N of $TOT_N controls done, $PCT% by cost, EAL now $NOW (plan progress --json)" \
  grep -q "<b>$DONE_N of $TOT_N controls done</b>.*<b>$PCT%</b> by cost.*<b>$NOW now</b>" "$H"
check "HTML: $DONE done on $DONE_AT, $WIP in progress" python3 - "$H" "$DONE" "$DONE_AT" "$WIP" <<'PY'
import re, sys
h, d, day, w = open(sys.argv[1]).read(), *sys.argv[2:]
sec = h.split("3. What is being done", 1)[1].split("4. Compliance", 1)[0]
rd = re.search(r"<tr><td><b>%s</b>.*?</tr>" % re.escape(d), sec, re.S).group(0)
rw = re.search(r"<tr><td><b>%s</b>.*?</tr>" % re.escape(w), sec, re.S).group(0)
assert 'class="tag done"' in rd and day in rd, rd
assert 'class="tag in-progress"' in rw, rw
PY
KEV_N=$("$SEAWALL" vulns --db "$DB" --json 2>/dev/null | jq '[.. | objects | select(has("kev")) | select(.kev != null and .kev != false)] | length' 2>/dev/null)
check "HTML: KEV findings counted (vulns --json says ${KEV_N:-?})" bash -c "[ -n '$KEV_N' ] && [ '$KEV_N' -gt 0 ] && grep -q 'on port assets: <b>$KEV_N</b>' '$H'"
check "HTML: compliance counts per framework equal comply --json" python3 - "$H" "$TMP/c.json" "${NIS[1]}" <<'PY'
import json, re, sys
h = open(sys.argv[1]).read(); c = json.load(open(sys.argv[2]))
sec = h.split("4. Compliance", 1)[1].split("5. Incidents", 1)[0]
rows = re.findall(r"<tr><td>([^<]+)</td><td><span class=\"tag [^\"]+\">([^<]+)</span></td>((?:<td class=\"n\">\d+</td>){5})<td>([^<]*)</td>", sec)
got = {name.replace("&amp;", "&"): (st, [int(x) for x in re.findall(r"\d+", nums)], nd) for name, st, nums, nd in rows}
assert len(got) == len(c["frameworks"]) > 0, (len(got), len(c["frameworks"]))
for f in c["frameworks"]:
    st, nums, nd = got[f["name"]]
    k = f["counts"]
    assert nums == [k["met"], k["partial"], k["not-met"], k["unassessed"], k["applicable"]], (f["id"], nums, k)
    want = "met" if k["applicable"] and k["met"] == k["applicable"] else "not met" if k["met"] == 0 and k["partial"] == 0 else "partial"
    assert st == want, (f["id"], st, want)
nis2 = [f for f in c["frameworks"] if f["id"] == "nis2"][0]
assert got[nis2["name"]][0] == "partial" and got[nis2["name"]][2] == "2027-01-17 (%s)" % sys.argv[3], got[nis2["name"]]
PY
check "HTML: the USCG overdue gap is counted" python3 - "$H" "$TMP/c.json" <<'PY'
import json, re, sys
h = open(sys.argv[1]).read(); c = json.load(open(sys.argv[2]))
f = [f for f in c["frameworks"] if f["id"] == "uscg-101f"][0]
over = sum(1 for r in f["plan"] if r["overdue"])
row = re.search(r"<tr><td>%s</td>.*?</tr>" % re.escape(f["name"]), h, re.S).group(0)
assert over >= 1 and row.endswith('<td class="n">%d</td></tr>' % over), (over, row[-60:])
PY
check "HTML: the incident and the 2026-08-27 drill are in the period" \
  grep -q "Ransomware note on a TOS workstation.*Crane PLC restore from backup" "$H"
check "HTML: the trend sentence names both snapshots" grep -q "(2026-09-01) to <b>.*</b> (2026-11-01)" "$H"
check "HTML: an SVG line chart with the two snapshot points per series" python3 - "$H" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
svg = re.search(r"<svg class=\"chart\".*?</svg>", h, re.S).group(0)
assert svg.count("<polyline") == 2 and svg.count("<circle") == 4, svg[:200]
PY
check "HTML is self-contained: no script, no external load" python3 - "$H" <<'PY'
import re, sys
h = open(sys.argv[1]).read().lower()
assert "<script" not in h and "<link" not in h and "<img" not in h and "<iframe" not in h and "@import" not in h
assert not re.search(r"(src|href)\s*=", h) and "url(" not in h
# the only URL is the SVG namespace, which is a name, not a load
assert set(re.findall(r"https?://[^\"' )]+", h)) <= {"http://www.w3.org/2000/svg"}
assert "@page{size:a4" in h
PY

# --- the PDF ------------------------------------------------------------------------
if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "# chromium or poppler-utils missing: PDF checks skipped (scripts/deps.sh test)"
else
  expect_exit 0 "report board -o board.pdf" "$SEAWALL" report board --db "$DB" -o "$TMP/board.pdf" --period 120d --at $AT --timeout 120
  PAGES=$(pdfinfo "$TMP/board.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  check "the PDF has 1 or 2 pages (has ${PAGES:-none})" bash -c "[ '${PAGES:-0}' -ge 1 ] && [ '${PAGES:-0}' -le 2 ]"
  check "the PDF pages are A4" bash -c "pdfinfo '$TMP/board.pdf' | grep -q 'Page size:.*(A4)'"
  pdftotext -layout "$TMP/board.pdf" "$TMP/board.txt"
  check "PDF text: residual EAL $RES EUR, top risk $TOP with $TOP_EAL, $DONE_N of $TOT_N controls done" bash -c \
    "grep -q '$RES EUR' '$TMP/board.txt' && grep -q '$TOP_EAL' '$TMP/board.txt' && grep -q '$DONE_N of $TOT_N controls done' '$TMP/board.txt'"
  pdftoppm -r 150 -png "$TMP/board.pdf" "$TMP/page"
  pdftoppm -r 50 -gray "$TMP/board.pdf" "$TMP/gray"
  check "pdftoppm rendered one PNG per page" bash -c "[ \$(ls '$TMP'/page-*.png | wc -l) -eq '$PAGES' ]"
  check "every rendered page has ink: dark pixels between 1% and 40%" python3 - "$TMP"/gray-*.pgm <<'PY'
import sys
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    parts = data.split(None, 4)            # P5 width height maxval pixels
    assert parts[0] == b"P5", path
    w, h = int(parts[1]), int(parts[2])
    px = parts[4][-w * h:]
    dark = sum(1 for b in px if b < 128) / (w * h)
    assert 0.01 < dark < 0.40, (path, dark)
PY
  [ -n "${SEAWALL_ARTIFACTS:-}" ] && mkdir -p "$SEAWALL_ARTIFACTS" && cp "$TMP"/page-*.png "$SEAWALL_ARTIFACTS/" 2>/dev/null
  if command -v tesseract >/dev/null; then
    : >"$TMP/ocr.txt"
    for p in "$TMP"/page-*.png; do tesseract "$p" - 2>/dev/null >>"$TMP/ocr.txt"; done
    check "OCR of the PNG pages: residual EAL $RES EUR and the top risk's EAL $TOP_EAL" bash -c \
      "grep -q '$RES EUR' '$TMP/ocr.txt' && grep -q '$TOP_EAL' '$TMP/ocr.txt'"
    check "OCR of the PNG pages: '$DONE_N of $TOT_N controls done' and '$OVER of $NR'" bash -c \
      "grep -q '$DONE_N of $TOT_N controls done' '$TMP/ocr.txt' && grep -q '$OVER of $NR' '$TMP/ocr.txt'"
    check "OCR of the PNG pages: section titles and the incident" bash -c \
      "grep -q 'Risk posture and trend' '$TMP/ocr.txt' && grep -q 'Compliance against regulatory deadlines' '$TMP/ocr.txt' && grep -q 'Ransomware note' '$TMP/ocr.txt'"
  else
    echo "# tesseract-ocr missing: OCR checks skipped"
  fi
  # The worst case the lists allow: every control adopted, more incidents and
  # drills than the report shows; the cuts must keep it within two pages.
  cp "$DB" "$TMP/full.db"
  quiet "$SEAWALL" plan --db "$TMP/full.db" --budget 10000000 --adopt --at 2026-09-02
  for i in 1 2 3 4 5 6 7 8; do
    quiet "$SEAWALL" incident open --db "$TMP/full.db" --title "Incident $i: badge cloned at the gate and reused at the crane e-room" \
      --severity medium --assets tos-app-01 --at 2026-11-0${i}T08:00:00Z --by sec-mgr
  done
  "$SEAWALL" report board --db "$TMP/full.db" -o "$TMP/full.pdf" --period 400d --at $AT >/dev/null 2>&1
  FULL=$(pdfinfo "$TMP/full.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  check "with every control, 9 incidents and 4 drills the PDF still has at most 2 pages (has ${FULL:-none})" \
    bash -c "[ '${FULL:-9}' -le 2 ] && pdftotext '$TMP/full.pdf' - | grep -q 'more (seawall incidents)'"
  expect_exit 3 "no chromium: a clear error naming the Debian package" env SEAWALL_CHROMIUM=/nonexistent/chromium "$SEAWALL" report board --db "$DB" -o "$TMP/x.pdf" --at $AT
  check "the error names the package and no PDF is left" bash -c "grep -q \"Debian package 'chromium'\" '$TMP/last.err' && [ ! -e '$TMP/x.pdf' ]"
fi

# --- the browser as a child process: failure and timeout ------------------------------
# Stand-ins for chromium: one that fails with a message, one that hangs with
# a helper process of its own (as chromium's renderers are).
printf '#!/bin/sh\necho "cannot open display: sandbox says no" >&2\nexit 5\n' >"$TMP/failing-browser"
printf '#!/bin/sh\nsleep 600 &\necho "$$ $!" >"%s/hung.pids"\nwait\n' "$TMP" >"$TMP/hung-browser"
chmod +x "$TMP/failing-browser" "$TMP/hung-browser"
expect_exit 3 "a failing browser is an error carrying its message" env SEAWALL_CHROMIUM="$TMP/failing-browser" "$SEAWALL" report board --db "$DB" -o "$TMP/f.pdf" --at $AT
check "... which names the exit status and says why, and leaves no PDF" bash -c "grep -q 'chromium failed (exit 5): cannot open display' '$TMP/last.err' && [ ! -e '$TMP/f.pdf' ]"
expect_exit 3 "a browser that never finishes is stopped at --timeout" env SEAWALL_CHROMIUM="$TMP/hung-browser" "$SEAWALL" report board --db "$DB" -o "$TMP/h.pdf" --at $AT --timeout 1
# gone: no such process, or a zombie waiting for whoever reaps orphans here
gone() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -z "$st" ] || [ "${st#Z}" != "$st" ]; }
read -r HUNG_SH HUNG_CHILD <"$TMP/hung.pids" 2>/dev/null
check "... saying so, and no PDF is left" bash -c "grep -q 'did not finish the PDF within 1 s' '$TMP/last.err' && [ ! -e '$TMP/h.pdf' ]"
check "the timed-out browser and its helper process are gone" bash -c "$(declare -f gone); gone '${HUNG_SH:-x}' && gone '${HUNG_CHILD:-x}' && [ -n '${HUNG_CHILD:-}' ]"

# --- bad input ----------------------------------------------------------------------
# --- drills run in seawall drill: counted in "incidents and drills" with their scores ---
# A stored drill is dated by when it was run (the wall clock), so this report is as of today.
cp "$DB" "$TMP/drills.db"
printf '+0:03 detect SW-ICS-CPU-STOP\n+0:06 decide stop-crane by ops-mgr-t1\n' >"$TMP/drill-answers.txt"
check "a drill run in seawall drill" quiet env SEAWALL_DATA="$SEAWALL_SRC/data" "$SEAWALL" drill run s7-stop-download --db "$TMP/drills.db" --answers "$TMP/drill-answers.txt"
"$SEAWALL" drill list --db "$TMP/drills.db" --json >"$TMP/drills.json"
TODAY=$(date -u +%F)
expect_exit 0 "report board as of today" "$SEAWALL" report board --db "$TMP/drills.db" -o "$TMP/drills.html" --period 400d --at "$TODAY"
check "HTML: the stored drill is counted and listed with its score, beside drills.csv" python3 - "$TMP/drills.html" "$TMP/drills.json" "$TODAY" "$(dirname "$MODEL")/drills.csv" <<'PY'
import csv, json, re, sys
from datetime import date, timedelta
h = open(sys.argv[1]).read(); d = json.load(open(sys.argv[2]))[0]; today = sys.argv[3]
sec = re.search(r"<h2>5\. Incidents and drills.*?</div>", h, re.S).group(0)
# The oracle: drills.csv's rows in the 400 days up to today, plus the one stored drill.
t = date.fromisoformat(today); lo = t - timedelta(days=399)
rows = [r for r in csv.DictReader(l for l in open(sys.argv[4]) if not l.startswith("#")) if lo <= date.fromisoformat(r["date"]) <= t]
want = (sum(r["kind"] == "drill" for r in rows) + 1, sum(r["kind"] == "exercise" for r in rows))
m = re.search(r"<b>(\d+) drills? and (\d+) exercises?</b> held in the period, (\d+) of them run and scored in Seawall", sec)
assert m and (int(m.group(1)), int(m.group(2))) == want and int(m.group(3)) == 1, (want, sec[:400])
score = "score %.1f of %d (%d%%), %d missed" % (d["points"], d["scored"], int(d["points"] * 100.0 / d["scored"] + 0.5), d["missed"])
row = '<tr><td class="d">%s</td><td>drill</td><td>s7-stop-download on playbook %s (seawall drill %d)</td><td>%s</td></tr>' % (
    today, d["playbook"], d["id"], score)
assert row in sec, (row, sec)
days = re.findall(r'<tr><td class="d">(\d{4}-\d\d-\d\d)</td>', sec)
assert days and days[0] == today and days == sorted(days, reverse=True), days    # newest first
PY
expect_exit 2 "-o must be .html or .pdf" "$SEAWALL" report board --db "$DB" -o "$TMP/x.txt"
expect_exit 2 "an unknown report" "$SEAWALL" report quarterly --db "$DB" -o "$TMP/x.html"
expect_exit 2 "--period in hours is refused" "$SEAWALL" report board --db "$DB" -o "$TMP/x.html" --period 36h
expect_exit 2 "a malformed --at" "$SEAWALL" report board --db "$DB" -o "$TMP/x.html" --at 2026-11-31
expect_exit 3 "a missing database" "$SEAWALL" report board --db "$TMP/none.db" -o "$TMP/x.html"
expect_exit 3 "an unwritable output" "$SEAWALL" report board --db "$DB" -o "$TMP/no/such/dir/x.html" --at $AT
expect_exit 2 "risk --history takes no --record" "$SEAWALL" risk --db "$DB" --history --record
expect_exit 2 "plan --at without --adopt" "$SEAWALL" plan --db "$DB" --budget 1000 --at 2026-01-01
done_testing
