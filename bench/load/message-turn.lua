-- wrk script: posts Teams-shaped message activities to /api/messages.
-- Environment: SERVICE_URL (the Connector stub, loopback), BOT_TOKEN (optional bearer token from the local test
-- issuer), USERS (how many distinct people/conversations to spread the turns over; default 200).
local token = os.getenv("BOT_TOKEN")
local service = os.getenv("SERVICE_URL") or "http://127.0.0.1:5199"
local users = tonumber(os.getenv("USERS") or "200")
local counter = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

init = function(args)
  counter = (tid or 0) * 1000000000
end

request = function()
  counter = counter + 1
  local u = counter % users
  local body = string.format(
    '{"type":"message","id":"1%d","timestamp":"2026-11-22T08:00:00.000Z","localTimezone":"Europe/Stockholm",' ..
    '"serviceUrl":"%s","channelId":"msteams",' ..
    '"from":{"id":"29:load-user-%d","name":"Load User %d","aadObjectId":"00000000-0000-4000-8000-%012d"},' ..
    '"conversation":{"id":"a:load-conversation-%d","conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-000000000001"},' ..
    '"recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0","name":"MentorBot"},' ..
    '"text":"hi","textFormat":"plain","locale":"en-US",' ..
    '"entities":[{"type":"clientInfo","locale":"en-US","country":"SE","platform":"Web","timezone":"Europe/Stockholm"}],' ..
    '"channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-000000000001"}}}',
    counter, service, u, u, u, u)
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
