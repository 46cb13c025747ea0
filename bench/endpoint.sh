#!/usr/bin/env bash
# Endpoint benchmark: steppe's /sparql against Oxigraph's own server (`oxigraph serve`, the
# `oxigraph` package on PyPI, same engine version) on the same generated graph and the same query
# mix (bench/mix.py: lookups by DOI, joins, a person's papers, property paths, aggregations),
# with wrk at concurrency 1 and 16. Prints median and p99 latency and requests per second for
# each, and steppe's ratios. Both serve a RocksDB store where the data sits in a named graph and
# the default graph is the union of the named graphs (steppe's layout; `--union-default-graph`).
#
#   bench/endpoint.sh                      # 20,000 papers (about 520,000 triples), 20 s a run
#   PAPERS=50000 DURATION=30 bench/endpoint.sh
#
# Both servers and wrk share this machine's cores: compare the ratios, not the absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
PAPERS=${PAPERS:-20000}
DURATION=${DURATION:-20}
WORK=${WORK:-$(mktemp -d)}
# shellcheck source=bench/common.sh
. bench/common.sh

DATA="$WORK/graph-$PAPERS.nt"
[ -f "$DATA" ] || python3 bench/generate.py "$PAPERS" 1 > "$DATA"
python3 bench/mix.py "$DATA" 1000 > "$WORK/mix.txt"
echo "data: $(wc -l < "$DATA") triples; mix: 1000 queries of 5 kinds; $DURATION s a run; $(nproc) cores"
rm -rf "$WORK/s" "$WORK/o"
"$STEPPE" load --store "$WORK/s" "$DATA" >/dev/null 2>&1
"$OXIGRAPH" load --location "$WORK/o" --file "$DATA" --graph "http://localhost:7878/graph/source/$(basename "$DATA")" >/dev/null 2>&1

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sp=$(free_port); op=$(free_port)
"$STEPPE" serve --store "$WORK/s" --no-demo --bind "127.0.0.1:$sp" --max-concurrent-queries 64 >"$WORK/steppe.log" 2>&1 &
spid=$!
"$OXIGRAPH" serve --location "$WORK/o" --bind "127.0.0.1:$op" --union-default-graph >"$WORK/oxigraph.log" 2>&1 &
opid=$!
trap 'kill $spid $opid 2>/dev/null; wait 2>/dev/null' EXIT
for url in "http://127.0.0.1:$sp/health" "http://127.0.0.1:$op/query?query=ASK%7B%7D"; do
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$url" && break; sleep 0.2; done
done

run() { # name url path connections -> "p50 p99 rps"
  local threads=$(( $4 < 2 ? 1 : 2 ))
  MIX="$WORK/mix.txt" ENDPOINT="$3" wrk -t"$threads" -c"$4" -d"${DURATION}s" -s bench/mix.lua "$2" \
    | awk -v name="$1" -v c="$4" '/^RESULT/ {
        split($0, kv, /[ =]/)
        for (i = 2; i < length(kv); i += 2) v[kv[i]] = kv[i + 1]
        if (v["errors"] + v["non2xx"] > 0) { print "errors in " name " run: " $0 > "/dev/stderr" }
        printf "%s %s %s %.0f\n", name, v["p50_ms"], v["p99_ms"], v["requests"] / v["seconds"] }'
}

printf "%-10s %5s %10s %10s %10s\n" server conc "p50 ms" "p99 ms" "req/s"
for c in 1 16; do
  # a short warm-up of each, then the measured runs
  DURATION=3 run steppe "http://127.0.0.1:$sp" /sparql "$c" >/dev/null
  DURATION=3 run oxigraph "http://127.0.0.1:$op" /query "$c" >/dev/null
  s=$(run steppe "http://127.0.0.1:$sp" /sparql "$c")
  o=$(run oxigraph "http://127.0.0.1:$op" /query "$c")
  read -r _ sp50 sp99 srps <<<"$s"; read -r _ op50 op99 orps <<<"$o"
  printf "%-10s %5s %10s %10s %10s\n" steppe "$c" "$sp50" "$sp99" "$srps" oxigraph "$c" "$op50" "$op99" "$orps"
  python3 -c "import sys; s50, s99, sr, o50, o99, orr = map(float, sys.argv[1:]); print(f'  steppe/oxigraph at {int(float(\"$c\"))}: median {s50 / o50:.2f}x, p99 {s99 / o99:.2f}x, throughput {sr / orr:.2f}x')" \
    "$sp50" "$sp99" "$srps" "$op50" "$op99" "$orps"
done
