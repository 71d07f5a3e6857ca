-- wrk script: one turn kind of the mix that people produce, posted to /api/messages as Teams shapes it.
-- Environment:
--   KIND         greeting | unrecognised | text-ask | find-someone | accept | feedback (default greeting)
--   TURNS        load-turns.tsv written by `MentorBot.Benchmarks --seed-load` (who can press what); without it the
--                greeting/unrecognised kinds come from 200 people without a profile, as message-turn.lua
--   START        index of the first row to press (the driver passes how many earlier runs used, so a one-time
--                press - accept - is not repeated by the measured run after its warm-up)
--   SERVICE_URL  the Connector stub (loopback); BOT_TOKEN optional bearer token from the local test issuer
-- Every kind is answered as the product answers it (replies go to the Connector stub, invokes answer in the body).
local kind = os.getenv("KIND") or "greeting"
local token = os.getenv("BOT_TOKEN")
local service = os.getenv("SERVICE_URL") or "http://127.0.0.1:5199"
local turns_file = os.getenv("TURNS")
local tenant = "72f988bf-0000-4000-8000-000000000001"
local rows = {}
local counter = 0
local thread_id = 0

-- Which lines of load-turns.tsv each kind presses (greeting and unrecognised text come from people with a profile).
local source = {
  ["greeting"] = "text", ["unrecognised"] = "text", ["text-ask"] = "text",
  ["find-someone"] = "ask", ["accept"] = "accept", ["feedback"] = "feedback",
}

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

init = function(args)
  counter = tonumber(os.getenv("START") or "0")
  if turns_file == nil or turns_file == "" then
    for u = 0, 199 do rows[#rows + 1] = { string.format("00000000-0000-4000-8000-%012d", u) } end
    return
  end
  local wanted = source[kind] or error("unknown KIND " .. kind)
  local threads = tonumber(os.getenv("THREADS") or "1")
  local i = 0
  for line in io.lines(turns_file) do
    local fields = {}
    for f in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = f end
    if fields[1] == wanted then
      i = i + 1
      -- Each wrk thread presses its own share, so no two threads send the same one-time press.
      if (i % threads) == ((tid or 1) - 1) then
        table.remove(fields, 1)
        rows[#rows + 1] = fields
      end
    end
  end
  if #rows == 0 then error("no '" .. wanted .. "' rows in " .. turns_file) end
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

local function execute(verb, data)
  return string.format('"name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"%s","data":{"verb":"%s",%s}}}', verb, verb, data)
end

request = function()
  counter = counter + 1
  local row = rows[(counter % #rows) + 1]
  local aad = row[1]
  local type, payload = "message", nil
  if kind == "greeting" then
    payload = '"text":"hi"'
  elseif kind == "unrecognised" then
    payload = '"text":"the weather is lovely today"'
  elseif kind == "text-ask" then
    payload = '"text":' .. json_string(row[2])
  elseif kind == "find-someone" then
    type, payload = "invoke", execute("ask.submit", string.format('"skill":"%s","format":"call30","urgency":"thisMonth"', row[2]))
  elseif kind == "accept" then
    type, payload = "invoke", execute("request.accept", string.format('"requestId":"%s","version":%s', row[2], row[3]))
  elseif kind == "feedback" then
    type, payload = "invoke", execute("feedback.submit", string.format('"checkInId":"%s","met":"yes","rating":"4","learned":"Pivot tables"', row[2]))
  end
  local body = string.format(
    '{"type":"%s","id":"1%d","timestamp":"2026-11-22T08:00:00.000Z","localTimezone":"Europe/Stockholm",' ..
    '"serviceUrl":"%s","channelId":"msteams",' ..
    '"from":{"id":"29:load-%s","name":"Load User","aadObjectId":"%s"},' ..
    '"conversation":{"id":"a:load-%s","conversationType":"personal","tenantId":"%s"},' ..
    '"recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0","name":"MentorBot"},' ..
    '%s,"textFormat":"plain","locale":"en-US",' ..
    '"entities":[{"type":"clientInfo","locale":"en-US","country":"SE","platform":"Web","timezone":"Europe/Stockholm"}],' ..
    '"channelData":{"tenant":{"id":"%s"}}}',
    type, counter, service, aad, aad, aad, tenant, payload, tenant)
  local headers = { ["Content-Type"] = "application/json" }
  if token ~= nil and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", "/api/messages", headers, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end

-- DEBUG=1: print what each answer was (status, first 300 characters), to check a kind reaches the path it means to.
if os.getenv("DEBUG") then
  response = function(status, headers, body)
    io.write(string.format("%d %s\n", status, string.sub(body or "", 1, 300)))
  end
end
