-- wrk script of the load benchmark (portal/bench/load.py): cycles the requests through the
-- paths given after "--", round robin, and prints one machine-readable summary line.
--
--   wrk -t2 -c50 -d60s --latency -s wrk_mix.lua http://127.0.0.1:8000 -- / /umkm/ ...
--
-- wrk cannot tell which request a response answers (response() gets no connection, and
-- the connections of a thread interleave), so responses are counted per status code and
-- requests per path; load.py asks each path once before the run to name a failing one.

local threads = {}

function setup(thread)
   thread:set("offset", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   requests = {}
   for i, path in ipairs(args) do
      paths[i] = path
      requests[i] = wrk.format("GET", path)
   end
   if #paths == 0 then
      paths[1] = wrk.path
      requests[1] = wrk.format("GET", wrk.path)
   end
   -- Each thread starts at another path, so that short runs still spread over all of them.
   position = offset % #paths
   sent = {}
   statuses = {}
   for i = 1, #paths do
      sent[i] = 0
   end
end

function request()
   position = position % #paths + 1
   sent[position] = sent[position] + 1
   return requests[position]
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

local function quoted(text)
   return '"' .. text:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
   end) .. '"'
end

local function object(entries)
   local parts = {}
   for key, value in pairs(entries) do
      table.insert(parts, quoted(key) .. ":" .. string.format("%d", value))
   end
   table.sort(parts)
   return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
   local sent_per_path = {}
   local statuses_all = {}
   for _, thread in ipairs(threads) do
      local paths = thread:get("paths")
      local sent = thread:get("sent")
      for i, path in ipairs(paths) do
         sent_per_path[path] = (sent_per_path[path] or 0) + sent[i]
      end
      for status, count in pairs(thread:get("statuses")) do
         statuses_all[status] = (statuses_all[status] or 0) + count
      end
   end
   local errors = summary.errors
   io.write(
      "WRK_SUMMARY {",
      string.format('"duration_us":%d,"requests":%d,"bytes":%d,', summary.duration,
         summary.requests, summary.bytes),
      string.format('"latency_us":{"p50":%d,"p99":%d,"max":%d},', latency:percentile(50),
         latency:percentile(99), latency.max),
      string.format('"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},',
         errors.connect, errors.read, errors.write, errors.timeout, errors.status),
      '"statuses":', object(statuses_all), ",",
      '"sent":', object(sent_per_path),
      "}\n"
   )
end
