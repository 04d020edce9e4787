-- wrk script for bench/serve/load.sh: cycles through the pages and the
-- stylesheet that load.sh keeps editing, and checks every response:
--   status 200, the body complete (pages end with </html>, the stylesheet
--   with its end marker) and from one generation (the version number at the
--   top of the body equals the one at the bottom).
-- done() prints "bad responses: N" and one example.
local paths = {}
local pages = tonumber(os.getenv("BENGAL_LOAD_PAGES") or "10")
for i = 0, pages - 1 do paths[#paths + 1] = "/p" .. i .. "/" end
paths[#paths + 1] = "/css/site.css"

local n = 0
-- Globals, so done() can read them from each thread with thread:get().
bad = 0
example = ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

local function fail(why)
  bad = bad + 1
  if example == "" then example = why end
end

function response(status, headers, body)
  if status ~= 200 then return fail("status " .. status) end
  local first = body:match("VERSION%-START%-(%d+)")
  local last = body:match("VERSION%-END%-(%d+)")
  if not first or not last then return fail("no version markers (truncated?) in " .. #body .. " bytes") end
  if first ~= last then return fail("mixed generations: " .. first .. " vs " .. last) end
  if body:find("VERSION%-START") and not (body:find("</html>%s*$") or body:find("VERSION%-END%-%d+ %*/%s*$")) then
    return fail("body does not end where it should")
  end
end

function done(summary, latency, requests)
  local total = 0
  local ex = ""
  for _, t in ipairs(threads) do
    total = total + (t:get("bad") or 0)
    local e = t:get("example")
    if e and e ~= "" then ex = e end
  end
  io.write(string.format("bad responses: %d\n", total))
  if ex ~= "" then io.write("example: " .. ex .. "\n") end
end
