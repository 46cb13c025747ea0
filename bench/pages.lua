-- wrk script for bench/suite.py: GETs one path (PAGE) as a browser would, and prints the median,
-- p99 and request count in one line.
local path = os.getenv("PAGE")

function request()
  return wrk.format("GET", path, { ["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8" })
end

dofile("bench/report.lua")
