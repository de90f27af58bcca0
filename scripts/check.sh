#!/usr/bin/env bash
# check.sh - runs every test suite that `make check` built and prints one
# line per suite, then "N passed, N failed" counted over test cases.
# Suites speak TAP ("ok N - name" / "not ok N - name"); a suite that exits
# non-zero without reporting a failing case counts as one failure.
set -u
cd "$(dirname "$0")/.."

export SEAWALL="$PWD/build/seawall"
export SEAWALL_SRC="$PWD"
export SHARED="${SHARED:-$(cd .. && pwd)/shared}"
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"

logs=build/check-logs
rm -rf "$logs"; mkdir -p "$logs"
passed=0; failed=0; skipped=0; failures=()

# run_suite NAME CMD... : run, count TAP lines, keep the log.
run_suite() {
  local name=$1; shift
  local log="$logs/${name//\//_}.log"
  local start=$SECONDS
  "$@" >"$log" 2>&1 </dev/null
  local rc=$?
  local p f
  p=$(grep -cE '^ok ' "$log"); f=$(grep -cE '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - $name exited with status $rc" >>"$log"; fi
  if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if grep -qE '^1\.\.0 # SKIP' "$log"; then   # the suite could not run here: say so, never count it passed
      skipped=$((skipped + 1))
      printf 'skip %-44s %s\n' "$name" "$(grep -m1 -E '^1\.\.0 # SKIP' "$log" | sed 's/^1\.\.0 # SKIP *//')"
      return
    fi
    p=1   # a suite without TAP that passed
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    printf 'FAIL %-44s %3d passed, %d failed  (%ds)\n' "$name" "$p" "$f" $((SECONDS - start))
    failures+=("$name")
    grep -E '^not ok ' "$log" | head -20 | sed 's/^/     /'
    tail -n 25 "$log" | sed 's/^/     | /'
  else
    printf 'ok   %-44s %3d passed  (%ds)\n' "$name" "$p" $((SECONDS - start))
  fi
}

echo "== unit tests"
for t in build/tests/test_*; do [ -x "$t" ] && run_suite "unit/${t##*/}" "$t"; done

echo "== integration tests"
for t in tests/integration/*.sh; do [ "${t##*/}" = lib.sh ] && continue; [ -f "$t" ] && run_suite "integration/$(basename "$t" .sh)" bash "$t"; done

echo "== unit tests under ASan+UBSan"
for t in build/asan/tests/test_*; do [ -x "$t" ] && run_suite "asan/${t##*/}" "$t"; done

echo "== fuzz targets (${FUZZ_SECONDS}s each)"
for f in build/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  n=${f##*/}
  work=$(mktemp -d)
  seeds=()
  [ -d "fuzz/corpus/${n#fuzz_}" ] && seeds+=("fuzz/corpus/${n#fuzz_}")
  dict=()
  [ -f "fuzz/${n#fuzz_}.dict" ] && dict=(-dict="fuzz/${n#fuzz_}.dict")
  run_suite "fuzz/$n" "$f" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$work/" "${dict[@]}" "$work" "${seeds[@]}"
  rm -rf "$work"
done

echo
[ ${#failures[@]} -gt 0 ] && echo "failed suites: ${failures[*]} (logs in $logs/)"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
