#!/usr/bin/env bash
# kill9.sh - the crash test: `seawall init` is killed with SIGKILL at random
# moments while it swaps one big port model (20,000 assets) for another, and
# after every kill the database must be intact and hold either the complete
# previous model or the complete new one, never a mix; then a normal run
# succeeds. KILL9_SEED=N replays a run.
source "$(dirname "$0")/lib.sh"
unset SEAWALL_DB
N_ASSETS=${KILL9_ASSETS:-20000}
SEED=${KILL9_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
echo "# seed $SEED, $N_ASSETS assets"

# Two versions of one big port: B drops every 10th asset of A, renames every
# 3rd, changes some dependencies and adds 10% new assets, so a load of either
# over the other adds, updates and removes thousands of rows.
cat >"$TMP/gen.py" <<'PY'
import sys
variant, n = sys.argv[1], int(sys.argv[2])
zones, crit = 40, ["low", "medium", "high", "crown-jewel"]
w = print
w("port: {name: Port of Bigharbour %s, timezone: UTC, jurisdictions: [eu-nis2]}" % variant.upper())
w("zones:")
for z in range(zones):
    w("  - {id: z%02d, domain: %s, security_level: %d, networks: [10.%d.0.0/16]}"
      % (z, ["it", "ot", "phys"][z % 3], 1 + z % 4, z))
w("conduits:")
for z in range(1, zones):
    w("  - {from: z%02d, to: z%02d, services: [tcp/%d], justification: generated}" % (z - 1, z, 1000 + z))
w("assets:")
for i in range(n):
    if variant == "b" and i % 10 == 0:
        continue
    name = "asset %d %s" % (i, "renamed" if variant == "b" and i % 3 == 0 else "original")
    z = i % zones
    dep = "" if i < zones or (variant == "b" and (i - zones) % 10 == 0) else ", depends_on: [a%06d]" % (i - zones)
    rto = ", rto_hours: 4" if i % 4 == 3 else ""
    w("  - {id: a%06d, name: %s, kind: server, zone: z%02d, ip: 10.%d.%d.%d, criticality: %s%s, tags: [gen, t%d]%s}"
      % (i, name, z, z, (i // 250) % 250, i % 250 + 1, crit[i % 4], rto, i % 7, dep))
if variant == "b":
    for i in range(n, n + n // 10):
        z = i % zones
        w("  - {id: a%06d, name: asset %d added, kind: plc, zone: z%02d, ip: 10.%d.%d.%d, criticality: high}"
          % (i, i, z, z, 250 + (i // 250) % 5, i % 250 + 1))
PY
python3 "$TMP/gen.py" a "$N_ASSETS" >"$TMP/a.yaml"
python3 "$TMP/gen.py" b "$N_ASSETS" >"$TMP/b.yaml"

# Everything a load writes, as one line: any mix of two models differs from both.
signature() {
  sqlite3 "$1" "SELECT (SELECT name || ' ' || model_sha256 FROM port),
    (SELECT count(*) || ' ' || total(length(name)) FROM assets), (SELECT count(*) FROM asset_ips),
    (SELECT count(*) FROM asset_tags), (SELECT count(*) FROM asset_depends_on),
    (SELECT count(*) FROM zones), (SELECT count(*) FROM zone_networks), (SELECT count(*) FROM conduits),
    (SELECT count(*) FROM conduit_services), (SELECT count(*) FROM assets WHERE name LIKE '%renamed')"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Reference signatures from clean loads into their own databases.
"$SEAWALL" init --db "$TMP/ref-a.db" "$TMP/a.yaml" >/dev/null && "$SEAWALL" init --db "$TMP/ref-b.db" "$TMP/b.yaml" >/dev/null
SIG_A=$(signature "$TMP/ref-a.db"); SIG_B=$(signature "$TMP/ref-b.db")
check "the two models differ" test "$SIG_A" != "$SIG_B"

# The database under test starts with A, plus observations that must survive.
DB="$TMP/seawall.db"
"$SEAWALL" init --db "$DB" "$TMP/a.yaml" >/dev/null
sqlite3 "$DB" "INSERT INTO observed_hosts(ip, first_seen, last_seen, asset_id, packets)
               VALUES ('10.1.0.2', 1, 2, 'a000001', 5), ('192.0.2.1', 1, 2, NULL, 6)"
# Calibrate: how long parsing takes (check does just that), and a whole swap.
start=$(now_ms); "$SEAWALL" check "$TMP/b.yaml" >/dev/null; parse=$(( $(now_ms) - start ))
start=$(now_ms); "$SEAWALL" init --db "$DB" "$TMP/b.yaml" >/dev/null; took=$(( $(now_ms) - start ))
"$SEAWALL" init --db "$DB" "$TMP/a.yaml" >/dev/null
# Most kills aim at the write window after parsing; some land before or after it.
lo=$(( parse * 3 / 4 )); hi=$(( took * 11 / 10 )); [ "$hi" -gt "$lo" ] || hi=$(( lo + 1 ))
echo "# parsing takes ${parse} ms and a whole swap of models ${took} ms; kills land in [$lo, $hi] ms"
state=a; loads=$(sqlite3 "$DB" "SELECT count(*) FROM model_loads")

kills=0 during_parse=0 nothing_written=0 mid_transaction=0 after_commit=0 finished=0 bad=0
for iter in $(seq 1 20); do
  [ "$iter" -gt 10 ] && [ "$mid_transaction" -ge 3 ] && break   # 10 kills, or more until 3 land mid-transaction
  if [ "$state" = a ]; then target=b; else target=a; fi
  delay=$(( lo + RANDOM % (hi - lo + 1) ))
  "$SEAWALL" init --db "$DB" "$TMP/$target.yaml" >/dev/null 2>"$TMP/init.err" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null; rc=$?   # 2>/dev/null: bash's "Killed" job notice
  if [ "$rc" -eq 137 ]; then kills=$((kills + 1)); killed=yes; else killed=no; fi
  if [ "$killed" = no ] && [ "$rc" -ne 0 ]; then echo "# init exited $rc on its own:"; diagnose <"$TMP/init.err"; fi

  # Where the kill landed, read from the files before anything opens the database.
  wal=none; [ -e "$DB-wal" ] && wal=$(stat -c %s "$DB-wal")
  sig=$(signature "$DB")
  if [ "$sig" = "$SIG_A" ]; then now=a; elif [ "$sig" = "$SIG_B" ]; then now=b; else now=mix; fi
  if [ "$killed" = no ]; then where="after it finished"; finished=$((finished + 1))
  elif [ "$now" = "$target" ]; then where="after COMMIT"; after_commit=$((after_commit + 1))
  elif [ "$wal" = none ]; then where="while parsing (no database opened)"; during_parse=$((during_parse + 1))
  elif [ "$wal" -le 32 ]; then   # an empty WAL, or only its 32-byte header: no page written yet
    where="with the database open, nothing written"; nothing_written=$((nothing_written + 1))
  else where="mid-transaction ($wal bytes of uncommitted WAL)"; mid_transaction=$((mid_transaction + 1)); fi
  [ "$now" = "$target" ] && loads=$((loads + 1))

  integrity=$(sqlite3 "$DB" "PRAGMA integrity_check")
  fk=$(sqlite3 "$DB" "PRAGMA foreign_key_check")
  hist=$(sqlite3 "$DB" "SELECT count(*) FROM model_loads")
  obs=$(sqlite3 "$DB" "SELECT count(*) FROM observed_hosts WHERE (asset_id = 'a000001' AND packets = 5) OR ip = '192.0.2.1'")
  d="kill $iter at ${delay} ms, $where: $state -> $target, found $now"
  if [ "$integrity" = ok ] && [ -z "$fk" ] && { [ "$now" = "$state" ] || [ "$now" = "$target" ]; } \
     && [ "$hist" = "$loads" ] && [ "$obs" = 2 ]; then
    ok "$d"
  else
    not_ok "$d"; bad=$((bad + 1))
    echo "# integrity: $integrity; fk: ${fk:-none}; loads: $hist (want $loads); observations: $obs (want 2)"
    echo "# signature: $sig"
  fi
  [ "$now" = mix ] || state=$now
done
echo "# $kills kills: $during_parse while parsing, $nothing_written before any write, $mid_transaction mid-transaction, $after_commit after COMMIT; $finished runs finished before their kill"
check "at least one kill landed mid-transaction" test "$mid_transaction" -ge 1

# A normal run afterwards completes and leaves the model it was given.
if [ "$state" = a ]; then target=b; else target=a; fi
expect_exit 0 "a normal init after the kills succeeds" "$SEAWALL" init --db "$DB" "$TMP/$target.yaml"
want=$SIG_A; [ "$target" = b ] && want=$SIG_B
check "and the database holds exactly model $target" test "$(signature "$DB")" = "$want"
check "integrity_check is ok" test "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok
done_testing
