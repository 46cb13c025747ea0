#!/usr/bin/env bash
# Load benchmark: `steppe load` against `oxigraph load` (the `oxigraph` package on PyPI) on the
# same generated N-Triples file of about one million triples, each into a fresh RocksDB store,
# RUNS times each, alternating. Prints the median seconds, quads/s and the ratio.
#
#   bench/load.sh            # 36,000 papers, about 1.0 M triples, 3 runs each
#   PAPERS=100000 RUNS=5 bench/load.sh
#
# steppe is built in release mode (a cold RocksDB build takes a while the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
PAPERS=${PAPERS:-36000}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d)}
# shellcheck source=bench/common.sh
. bench/common.sh

DATA="$WORK/graph-$PAPERS.nt"
[ -f "$DATA" ] || python3 bench/generate.py "$PAPERS" 1 > "$DATA"
TRIPLES=$(wc -l < "$DATA")
echo "data: $DATA, $TRIPLES triples ($(du -h "$DATA" | cut -f1)), $RUNS runs each, $(nproc) cores"

time_it() { # prints seconds taken by "$@"
  python3 -c 'import subprocess, sys, time
t = time.monotonic(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.monotonic() - t:.3f}")' "$@"
}
median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.stdin))'; }

: > "$WORK/steppe.times"; : > "$WORK/oxigraph.times"
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/s" "$WORK/o"
  time_it "$STEPPE" load --store "$WORK/s" "$DATA" >> "$WORK/steppe.times"
  time_it "$OXIGRAPH" load --location "$WORK/o" --file "$DATA" >> "$WORK/oxigraph.times"
done
S=$(median < "$WORK/steppe.times"); O=$(median < "$WORK/oxigraph.times")
python3 - "$TRIPLES" "$S" "$O" <<'PY'
import sys
triples, s, o = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"{'system':<16} {'seconds':>10} {'quads/s':>12}")
print(f"{'steppe load':<16} {s:>10.2f} {triples / s:>12.0f}")
print(f"{'oxigraph load':<16} {o:>10.2f} {triples / o:>12.0f}")
print(f"steppe / oxigraph throughput: {o / s:.2f}x")
PY
echo "(steppe also writes the entailed graph: $("$STEPPE" query --store "$WORK/s" --format csv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "/graph/inferred/")) }' | tail -1 | tr -d '\r') inferred quads)"
