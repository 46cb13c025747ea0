#!/usr/bin/env bash
# Import benchmark: `steppe import` of a generated Crossref-shaped JSON Lines file (RECORDS
# records, default 100,000; bench/crossref.py) into a fresh RocksDB store, and then of the same
# file again (every record replaced). Reports records/s and peak memory (GNU time) of each.
#
#   bench/import.sh
#   RECORDS=20000 bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-100000}
WORK=${WORK:-$(mktemp -d)}
# shellcheck source=bench/common.sh
. bench/common.sh
need 'test -x /usr/bin/time' time

DATA="$WORK/crossref-$RECORDS.jsonl"
[ -f "$DATA" ] || python3 bench/crossref.py "$RECORDS" 1 > "$DATA"
echo "data: $RECORDS Crossref-shaped records, $(du -h "$DATA" | cut -f1)"
rm -rf "$WORK/store"
for run in first again; do
  /usr/bin/time -v "$STEPPE" import --store "$WORK/store" crossref "$DATA" 2>"$WORK/time.txt" | head -1
  peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f MB", $2 / 1024}' "$WORK/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
  echo "  $run import: wall $wall, peak memory $peak"
done
