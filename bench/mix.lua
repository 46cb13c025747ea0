-- wrk script for bench/suite.py: each request is a GET of a query from the mix file
-- (MIX, one `query=…` a line) at the endpoint path (ENDPOINT), for SPARQL JSON results.
local paths = {}
local endpoint = os.getenv("ENDPOINT") or "/sparql"
for line in io.lines(os.getenv("MIX")) do
  paths[#paths + 1] = endpoint .. "?" .. line
end
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

local n = 0
function request()
  n = n + 1
  local path = paths[((offset or 0) + n) % #paths + 1]
  return wrk.format("GET", path, { ["Accept"] = "application/sparql-results+json" })
end

dofile("bench/report.lua")
