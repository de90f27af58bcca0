#!/usr/bin/env bash
# web_bench.sh - `seawall serve` under wrk with one million alerts in the
# store (issue 9, "Performance"): the alert list (first page and a filtered
# page) and the overview, 100 connections, 2 threads, 30 s each, with an API
# token. Prints one line per run and a median table for bench/RESULTS.md.
# Usage: bench/web_bench.sh [WORKDIR]   (env: SEAWALL, N, DURATION, RUNS, THREADS, ENDPOINTS)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
SEAWALL=${SEAWALL:-$src/build/seawall}
N=${N:-1000000}
DURATION=${DURATION:-30s}
RUNS=${RUNS:-3}
THREADS=${THREADS:-4}                  # seawall serve --threads
work=${1:-/tmp/seawall-webbench}
model=$src/examples/aurora/port.yaml
mkdir -p "$work"
for t in wrk sqlite3 curl jq; do command -v "$t" >/dev/null || { echo "web_bench: $t is not installed" >&2; exit 3; }; done

# --- the store: the sample port's model and N alerts over 30 days, built once ---
db=$work/alerts-$N.db
if [ ! -s "$db" ] || [ "$(sqlite3 "$db" 'SELECT count(*) FROM alerts' 2>/dev/null)" != "$N" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$SEAWALL" init --db "$db" "$model" >/dev/null
  end_us=$(( $(date +%s) * 1000000 ))
  echo "web_bench: generating $N alerts into $db" >&2
  gen_start=$(date +%s.%N)
  sqlite3 "$db" -cmd ".param set :N $N" -cmd ".param set :END $end_us" <"$here/web/gen_alerts.sql" >/dev/null
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;' >/dev/null
  echo "web_bench: generated in $(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b - a}') s, $(du -h "$db" | cut -f1)" >&2
fi

# A copy per run, so a migration the server applies never touches the cached store.
run_db=$work/run.db
cp "$db" "$run_db"; rm -f "$run_db-wal" "$run_db-shm"

# --- the server and an API token ----------------------------------------------
out=$work/serve.out
"$SEAWALL" serve --db "$run_db" --listen 127.0.0.1:0 --threads "$THREADS" >"$out" 2>"$out.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's/^seawall serve: listening on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$out")
  [ -n "$port" ] && break
  kill -0 $pid 2>/dev/null || { cat "$out.err" >&2; exit 3; }
  sleep 0.1
done
[ -n "$port" ] || { echo "web_bench: the server did not start" >&2; exit 3; }
base=http://127.0.0.1:$port
otp=$(sed -n 's/^seawall serve: one-time password: //p' "$out")
jar=$work/cookies
rm -f "$jar"
csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$otp\"}" "$base/api/v1/login" | jq -r .csrf_token)
pw="bench-$(date +%s)-Pw!x"
curl -sf -b "$jar" -c "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d "{\"current_password\":\"$otp\",\"new_password\":\"$pw\"}" "$base/api/v1/me/password" >/dev/null
csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "$base/api/v1/login" | jq -r .csrf_token)
token=$(curl -sf -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"name":"wrk","role":"analyst"}' "$base/api/v1/tokens" | jq -r .token)
[ -n "$token" ] && [ "$token" != null ] || { echo "web_bench: no API token" >&2; exit 3; }

# --- the runs --------------------------------------------------------------------
endpoints=${ENDPOINTS:-"/api/v1/alerts /api/v1/alerts?severity=critical&zone=crane-t1 /api/v1/overview"}
for ep in $endpoints; do
  st=$(curl -s -o "$work/probe.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$ep")
  [ "$st" = 200 ] || { echo "web_bench: $ep answers $st: $(head -c 300 "$work/probe.json")" >&2; exit 1; }
  echo "web_bench: $ep: $(wc -c <"$work/probe.json") bytes, $(jq 'if (.items | type) == "array" then "\(.items | length) items" else "an object" end' -r "$work/probe.json")" >&2
done
results=$work/results.tsv
: >"$results"
# wrk's latency figures to milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
for r in $(seq 1 "$RUNS"); do
  for ep in $endpoints; do
    log=$work/wrk-$r-$(echo "$ep" | tr -c 'a-z0-9' _).txt
    wrk -t2 -c100 -d"$DURATION" --latency -H "Authorization: Bearer $token" "$base$ep" >"$log"
    p50=$(awk '$1 == "50%" {print $2}' "$log" | to_ms)
    p99=$(awk '$1 == "99%" {print $2}' "$log" | to_ms)
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$log")
    total=$(awk '/requests in/ {print $1}' "$log")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$log")
    sockerr=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$log")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$ep" "$p50" "$p99" "$rps" "$total" "${non2xx:-0}" "${sockerr:-0}" | tee -a "$results"
  done
done

# --- medians ---------------------------------------------------------------------
echo
echo "| endpoint | p50 ms | p99 ms | requests/s | requests | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|---|"
for ep in $endpoints; do
  awk -F'\t' -v ep="$ep" '$2 == ep' "$results" | sort -t$'\t' -k5,5n | awk -F'\t' -v n="$RUNS" '
    { p50[NR]=$3; p99[NR]=$4; rps[NR]=$5; tot+=$6; bad+=$7; se+=$8 }
    function med(a,  k, i, j, t, b) { k = 0; for (i in a) b[++k] = a[i];
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (b[j] + 0 < b[i] + 0) { t = b[i]; b[i] = b[j]; b[j] = t }
      return k % 2 ? b[(k + 1) / 2] : (b[k / 2] + b[k / 2 + 1]) / 2 }
    END { printf "| `%s` | %s | %s | %s | %d | %d | %d |\n", "'"$ep"'", med(p50), med(p99), med(rps), tot, bad, se }'
done
echo
echo "seawall serve --threads $THREADS; wrk -t2 -c100 -d$DURATION --latency; $RUNS runs each, medians; non-2xx and socket errors summed over runs."
echo "$(nproc) CPUs: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); $(date -u +%Y-%m-%d); load average $(cut -d' ' -f1-3 /proc/loadavg)"
