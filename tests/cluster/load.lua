-- wrk script for tests/cluster: cycles through the requests in B2M_LOAD_REQUESTS
-- and counts the answers by class (2xx/3xx, 4xx, 5xx).
-- Prints one line, "B2M-LOAD {json}", when done.

local spec = os.getenv("B2M_LOAD_REQUESTS")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- One request a line: METHOD <tab> PATH [<tab> JSON body].
local function parse(text)
  local list = {}
  for line in text:gmatch("[^\n]+") do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    if body == "" then
      body = nil
    end
    table.insert(list, { method, path, body })
  end
  return list
end

function init(args)
  requests = {}
  for _, item in ipairs(parse(spec)) do
    local headers = { ["Accept-Encoding"] = "br, gzip" }
    if item[3] then
      headers["Content-Type"] = "application/json"
    end
    table.insert(requests, wrk.format(item[1], item[2], headers, item[3]))
  end
  index = 0
  ok, client_errors, server_errors = 0, 0, 0
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  else
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, c4 = 0, c5 = 0 }
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + (thread:get("ok") or 0)
    totals.c4 = totals.c4 + (thread:get("client_errors") or 0)
    totals.c5 = totals.c5 + (thread:get("server_errors") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'B2M-LOAD {"requests": %d, "duration_us": %d, "ok": %d, "4xx": %d, "5xx": %d, '
      .. '"p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, totals.ok, totals.c4, totals.c5,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout))
end
