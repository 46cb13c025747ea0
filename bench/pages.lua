-- wrk script for bench/pages.sh: GETs one path (PAGE) as a browser would, and prints the median,
-- p99 and request count in one line.
local path = os.getenv("PAGE")

function request()
  return wrk.format("GET", path, { ["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8" })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d seconds=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6))
end
