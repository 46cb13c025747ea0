-- Shared by the wrk scripts of bench/: one line with the median, p99 and counts of a run.
function done(summary, latency, requests)
  io.write(string.format("RESULT p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d seconds=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6))
end
