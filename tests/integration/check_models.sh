#!/usr/bin/env bash
# check_models.sh - `seawall check` on the fixtures in tests/models: good models
# pass quietly, each broken one fails with its expected message at exactly the
# expected line:col (tests/models/*/EXPECTED), and exit codes follow DESIGN.md.
. "$(dirname "$0")/lib.sh"
M="$SEAWALL_SRC/tests/models"

# --- good models: exit 0, no diagnostics, an "ok" summary
for f in "$M"/good/*.yaml; do
  n=$(basename "$f")
  expect_exit 0 "good/$n exits 0" "$SEAWALL" check "$f"
  if grep -qE ': (error|warning): ' "$TMP/last.out"; then not_ok "good/$n has no diagnostics"; diagnose <"$TMP/last.out"
  else ok "good/$n has no diagnostics"; fi
  check "good/$n summary says ok" grep -qE "^$f: ok, [0-9]+ zones?, " "$TMP/last.out"
done

# --- broken and warning-only models: the expected message at the expected position
# expect_file DIR WANTED_EXIT
expect_file() {
  local dir=$1 want=$2 file line col sev msg
  local seen=""
  while read -r file line col sev msg; do
    case "$file" in ''|'#'*) continue ;; esac
    local path="$M/$dir/$file"
    if [ ! -f "$path" ]; then not_ok "$dir/$file exists"; continue; fi
    if [[ " $seen " != *" $file "* ]]; then
      expect_exit "$want" "$dir/$file exits $want" "$SEAWALL" check "$path"
      cp "$TMP/last.out" "$TMP/$dir-$file.out"
      seen="$seen $file"
    fi
    if grep -qF -- "$path:$line:$col: $sev: $msg" "$TMP/$dir-$file.out"; then
      ok "$dir/$file:$line:$col: $sev: $msg"
    else
      not_ok "$dir/$file:$line:$col: $sev: $msg"
      diagnose <"$TMP/$dir-$file.out"
    fi
  done <"$M/$dir/EXPECTED"
  # Every fixture must be covered by an expectation, or it tests nothing.
  for f in "$M/$dir"/*.yaml; do
    grep -q "^$(basename "$f") " "$M/$dir/EXPECTED" || not_ok "$dir/$(basename "$f") has an EXPECTED line"
  done
}
expect_file broken 1
expect_file warnings 0

# --- diagnostics are sorted by position and the summary counts them
"$SEAWALL" check "$M/broken/missing-required.yaml" >"$TMP/sorted.out"
grep -oE ':[0-9]+:[0-9]+: ' "$TMP/sorted.out" | tr ':' ' ' | awk '{print $1, $2}' >"$TMP/pos"
check "diagnostics are sorted by line:col" sort -n -k1,1 -k2,2 -c "$TMP/pos"
check "summary counts errors" grep -qx "$M/broken/missing-required.yaml: 4 errors, 0 warnings" "$TMP/sorted.out"

# --- a bad id is one error at the id: references to it still resolve, so no
# "unknown zone" or "unknown asset" follows it
"$SEAWALL" check "$M/broken/bad-id.yaml" >"$TMP/bad-id.out"
check "bad ids: one error each, nothing else" grep -qx "$M/broken/bad-id.yaml: 4 errors, 0 warnings" "$TMP/bad-id.out"

# --- --json: an array of {file,line,col,severity,message}
expect_exit 1 "check --json on a broken model exits 1" "$SEAWALL" check --json "$M/broken/bad-ip.yaml"
if command -v python3 >/dev/null; then
  check "--json output is the diagnostics array" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) == 1, d
e = d[0]
assert set(e) == {"file", "line", "col", "severity", "message"}, e
assert (e["line"], e["col"], e["severity"]) == (5, 42, "error"), e
assert "10.40.1.300" in e["message"], e
' "$TMP/last.out"
fi
expect_exit 0 "check --json on a good model exits 0" "$SEAWALL" check --json "$M/good/minimal.yaml"
check "--json on a good model prints []" grep -qx '\[\]' "$TMP/last.out"

# --- exit codes for unreadable input and usage errors
expect_exit 3 "a missing file exits 3" "$SEAWALL" check "$TMP/no-such-port.yaml"
check "a missing file names the file on stderr" grep -q "no-such-port.yaml" "$TMP/last.err"
expect_exit 3 "a directory exits 3" "$SEAWALL" check "$TMP"
expect_exit 2 "no file is a usage error" "$SEAWALL" check
expect_exit 2 "an unknown option is a usage error" "$SEAWALL" check --no-such-option "$M/good/minimal.yaml"
expect_exit 2 "two files is a usage error" "$SEAWALL" check "$M/good/minimal.yaml" "$M/good/full.yaml"
printf '' >"$TMP/empty.yaml"
expect_exit 1 "an empty file is a validation error" "$SEAWALL" check "$TMP/empty.yaml"
check "an empty file is reported at 1:1" grep -q "empty.yaml:1:1: error: " "$TMP/last.out"
printf 'zones: [\x00\xff]\n' >"$TMP/binary.yaml"
expect_exit 1 "binary garbage is a validation error, not a crash" "$SEAWALL" check "$TMP/binary.yaml"

# --- the sample port must stay free of errors and warnings
if [ -f "$SEAWALL_SRC/examples/aurora/port.yaml" ]; then
  expect_exit 0 "examples/aurora/port.yaml checks without errors" "$SEAWALL" check "$SEAWALL_SRC/examples/aurora/port.yaml"
  check "examples/aurora/port.yaml has no warnings" grep -qE ': ok, [0-9]+ zones, [0-9]+ conduits, [0-9]+ assets$' "$TMP/last.out"
fi

done_testing
