#!/usr/bin/env bash
# Harvesting benchmark. For each size in ENTITIES (default "100000 1000000"; bench/entities.py:
# half papers, the rest people, organisations, journals, topics): load into a fresh RocksDB
# store, then `steppe sitemap` writes every sitemap (wall time and peak memory, GNU time), and
# a server answers /sitemap.xml and the last entity sitemap uncached (curl times).
# Then, on the first size, a revalidating harvester (bench/revalidate.py) crawls every URL of
# the sitemaps, one paper is updated, and it revalidates every URL with If-None-Match: the
# share answered 304. With BASELINE=/path/to/an/older/steppe the same crawl runs against it.
#
#   bench/harvest.sh
#   ENTITIES=100000 BASELINE=/tmp/steppe-old bench/harvest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES=${ENTITIES:-"100000 1000000"}
WORK=${WORK:-$(mktemp -d)}
# shellcheck source=bench/common.sh
. bench/common.sh
need 'test -x /usr/bin/time' time
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
echo "bench write $token" >"$WORK/tokens"

serve() { # serve BINARY STORE PORT
  local dumps=()
  "$1" serve --help | grep -q -- --dumps && dumps=(--dumps "$WORK/dumps-$3")
  "$1" serve --store "$2" --bind "127.0.0.1:$3" --token-file "$WORK/tokens" "${dumps[@]}" >"$WORK/serve-$3.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$3/health" >/dev/null && return; sleep 0.2; done
  echo "server did not start"; cat "$WORK/serve-$3.log"; exit 1
}
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}s %{size_download}B' "$1"; }
update() { # update PORT: a paper's name changes
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/sparql-update' \
    --data 'PREFIX schema: <http://schema.org/> DELETE { GRAPH ?g { <http://localhost:7878/paper/p7> schema:name ?n } } INSERT { GRAPH ?g { <http://localhost:7878/paper/p7> schema:name "Changed" } } WHERE { GRAPH ?g { <http://localhost:7878/paper/p7> schema:name ?n } }' \
    "http://127.0.0.1:$1/update" >/dev/null
}

first=""
for n in $ENTITIES; do
  data="$WORK/entities-$n.nt"
  [ -f "$data" ] || python3 bench/entities.py "$n" > "$data"
  store="$WORK/store-$n"; rm -rf "$store"
  /usr/bin/time -f "%e s, peak %M KB" "$STEPPE" load --store "$store" "$data" 2>"$WORK/time.txt" >/dev/null
  echo "$n entities: load $(tail -1 "$WORK/time.txt")"
  rm -rf "$WORK/sitemaps-$n"
  /usr/bin/time -f "%e s, peak %M KB" "$STEPPE" sitemap --store "$store" --out "$WORK/sitemaps-$n" 2>"$WORK/time.txt"
  echo "  steppe sitemap: $(tail -1 "$WORK/time.txt")"
  serve "$STEPPE" "$store" 7990
  last=$(ls "$WORK/sitemaps-$n/sitemap" | grep -c entities)
  echo "  GET /sitemap.xml (uncached): $(timed http://127.0.0.1:7990/sitemap.xml)"
  echo "  GET /sitemap/entities-$last.xml (uncached): $(timed "http://127.0.0.1:7990/sitemap/entities-$last.xml")"
  echo "  server peak memory after both: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$server/status)"
  if [ -z "$first" ]; then
    first=$n
    python3 bench/revalidate.py "http://127.0.0.1:7990/" crawl "$WORK/tags.json"
    update 7990
    python3 bench/revalidate.py "http://127.0.0.1:7990/" revalidate "$WORK/tags.json"
  fi
  kill "$server"; wait "$server" 2>/dev/null || true
  if [ -n "${BASELINE:-}" ] && [ "$first" = "$n" ]; then
    rm -rf "$store"; "$STEPPE" load --store "$store" "$data" >/dev/null 2>&1
    serve "$BASELINE" "$store" 7991
    python3 bench/revalidate.py "http://127.0.0.1:7991/" crawl "$WORK/tags-base.json" "$WORK/tags.json" 2>&1 | sed 's/^/  baseline /' || true
    update 7991
    python3 bench/revalidate.py "http://127.0.0.1:7991/" revalidate "$WORK/tags-base.json" 2>&1 | sed 's/^/  baseline /' || true
    kill "$server"; wait "$server" 2>/dev/null || true
  fi
done
