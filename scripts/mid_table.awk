# mid_table.awk - data/mid.tsv (mid TAB iso TAB country) as C initialisers for
# src/ais/mid.c; the Makefile writes build/gen/mid_table.inc with it.
BEGIN { FS = "\t" }
/^#/ || NF == 0 { next }
NF != 3 || $1 !~ /^[2-7][0-9][0-9]$/ || $2 !~ /^[A-Z][A-Z]$/ {
    printf "%s:%d: want MID (200-799) TAB ISO 3166 code TAB country\n", FILENAME, FNR > "/dev/stderr"; bad = 1; exit 1
}
{ c = $3; gsub(/\\/, "\\\\", c); gsub(/"/, "\\\"", c); printf "{%d, \"%s\", \"%s\"},\n", $1, $2, c }
END { if (bad) exit 1 }
