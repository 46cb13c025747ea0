#!/usr/bin/env bash
# Page benchmark: steppe's paper, person and organisation pages (the demo data, in memory)
# against nginx serving the same bytes as static files on this machine, with wrk at 64
# connections, in one run. Prints requests per second and median and p99 latency for each, and
# steppe's share of nginx's throughput.
#
#   bench/pages.sh                 # 15 s a run
#   DURATION=30 bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
WORK=${WORK:-$(mktemp -d)}
# shellcheck source=bench/common.sh
. bench/common.sh
need 'command -v nginx' nginx

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sp=$(free_port); np=$(free_port)
"$STEPPE" serve --memory --bind "127.0.0.1:$sp" >"$WORK/steppe.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$sp/health" && break; sleep 0.2; done

PAGES="/paper/nftgcjpf72 /person/maxat-kassen /org/kefp653fwt"
rm -rf "$WORK/static"; mkdir -p "$WORK/static"
for page in $PAGES; do
  mkdir -p "$WORK/static$(dirname "$page")"
  curl -sf -H 'Accept: text/html' "http://127.0.0.1:$sp$page" -o "$WORK/static$page"
done
cat > "$WORK/nginx.conf" <<CONF
daemon on;
pid $WORK/nginx.pid;
worker_processes auto;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$np;
    root $WORK/static;
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$np/paper/nftgcjpf72" && break; sleep 0.1; done

run() { # url page -> "p50 p99 rps"
  PAGE="$2" wrk -t2 -c64 -d"${DURATION}s" -s bench/pages.lua "$1" | awk '/^RESULT/ {
    split($0, kv, /[ =]/)
    for (i = 2; i < length(kv); i += 2) v[kv[i]] = kv[i + 1]
    if (v["errors"] + v["non2xx"] > 0) { print "errors: " $0 > "/dev/stderr" }
    printf "%s %s %.0f\n", v["p50_ms"], v["p99_ms"], v["requests"] / v["seconds"] }'
}

echo "64 connections, $DURATION s a run, $(nproc) cores shared by server and wrk"
printf "%-22s %-7s %10s %10s %10s\n" page server "p50 ms" "p99 ms" "req/s"
for page in $PAGES; do
  PAGE="$page" DURATION=3 run "http://127.0.0.1:$sp" "$page" >/dev/null
  read -r s50 s99 srps <<<"$(run "http://127.0.0.1:$sp" "$page")"
  read -r n50 n99 nrps <<<"$(run "http://127.0.0.1:$np" "$page")"
  printf "%-22s %-7s %10s %10s %10s\n" "$page" steppe "$s50" "$s99" "$srps" "$page" nginx "$n50" "$n99" "$nrps"
  python3 -c "import sys; s, n = float(sys.argv[1]), float(sys.argv[2]); print(f'  steppe/nginx throughput: {s / n:.3f}x')" "$srps" "$nrps"
done
