#!/usr/bin/env bash
# Turn-mix load test (loopback only): each turn kind people produce, through the product's own composition
# (MentorBot.LoadHost = AddMentorBotProduct + MapMentorBot on SQLite) over real HTTP with wrk, beside the two anchors
# measured in the same run and round: a bare ASP.NET Core endpoint (parse + one reply) and the botbuilder-js 4.23
# echo bot. Rounds are interleaved (bare, JS echo, every kind, next round …) and the table shows medians over rounds
# of each kind's ratio to the anchors of its own round.
#
#   bench/load/turn-mix.sh [rounds=3] [duration-seconds=10] [connections=32] [people="10000 100000"]
#
# Kinds: greeting ("hi"), unrecognised text, free-text ask ("I'd like to learn …") by a person with a profile,
# find-someone (the ask form's submit) at each size, accept (a junior accepts an offer), feedback (check-in feedback).
# Every server under test is pinned to CPU 0; wrk and the Connector stub share CPU 1. Run as root for a private
# network namespace. Needs wrk, node/npm (installs botbuilder into bench/load/js-echo once). The seeded data is
# cached in ${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}/<people> and copied per run (runs consume offers).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
duration=${2:-10}
connections=${3:-32}
sizes=${4:-"10000 100000"}
cache=${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}

if [ -z "${MENTORBOT_IN_NETNS:-}" ]; then
  command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  dotnet build -c Release bench/MentorBot.Benchmarks -nologo -clp:ErrorsOnly -v quiet
  [ -d bench/load/js-echo/node_modules/botbuilder ] || (cd bench/load/js-echo && npm ci --no-audit --no-fund --ignore-scripts)
  for people in $sizes; do
    [ -f "$cache/$people/load-turns.tsv" ] || dotnet bench/MentorBot.Benchmarks/bin/Release/net10.0/MentorBot.Benchmarks.dll --seed-load "$cache/$people" "$people"
  done
  if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
  fi
fi

WAIT_TRIES=240
source bench/load/host.sh

start_stub
wait_for "$stub/_stats"
taskset -c 0 dotnet "$host" bare http://127.0.0.1:5201 & pids+=($!)
taskset -c 0 node bench/load/js-echo/echo.js 5204 & pids+=($!)
wait_for http://127.0.0.1:5201/api/messages
wait_for http://127.0.0.1:5204/api/messages

port=5210
declare -A url turns
for people in $sizes; do
  mkdir -p "$work/$people" && cp "$cache/$people"/mentorbot.db* "$work/$people/"
  taskset -c 0 dotnet "$host" bot "http://127.0.0.1:$port" "$stub" "$work/token" "$work/$people" & pids+=($!)
  url[$people]="http://127.0.0.1:$port"; turns[$people]="$cache/$people/load-turns.tsv"
  wait_for "http://127.0.0.1:$port/healthz"
  port=$((port + 1))
done
token=$(cat "$work/token")

declare -A used # rows of load-turns.tsv already pressed, per kind and size (accepts are one-time)
# measure <label> <url> <kind> [turns-file] [token]
measure() {
  local label=$1 target=$2 kind=$3 file=${4:-} bearer=${5:-} out replies key="$3/${4:-}"
  for phase in warm run; do
    curl -s -X POST "$stub/_reset" >/dev/null
    local seconds=$duration; [ $phase = warm ] && seconds=2
    out=$(KIND=$kind TURNS=$file START=${used[$key]:-0} SERVICE_URL=$stub BOT_TOKEN=$bearer \
      taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/load/turn-mix.lua "$target" | grep '^RESULT')
    used[$key]=$(( ${used[$key]:-0} + $(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out") ))
  done
  replies=$(curl -s "$stub/_stats" | sed -E 's/.*"replies":([0-9]+).*/\1/')
  echo "$round $label $out replies=$replies" | tee -a "$work/results"
}

# The first ask of a tenant reads it into the live matching index; do it before measuring (decision 0185).
for people in $sizes; do
  read -r aad skill < <(grep -m1 -P '^ask\t' "${turns[$people]}" | cut -f2,3 --output-delimiter=' ')
  curl -s -o /dev/null --max-time 900 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    "${url[$people]}/api/messages" --data '{"type":"invoke","name":"adaptiveCard/action","id":"warm","serviceUrl":"'$stub'",'\
'"channelId":"msteams","from":{"id":"29:load-'$aad'","aadObjectId":"'$aad'"},"conversation":{"id":"a:load-'$aad'",'\
'"conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-000000000001"},"recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0"},'\
'"locale":"en-US","channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-000000000001"}},'\
'"value":{"action":{"type":"Action.Execute","verb":"ask.submit","data":{"verb":"ask.submit","skill":"'$skill'","format":"call30","urgency":"thisMonth"}}}}'
done

first=${sizes%% *}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$work/load"
for round in $(seq 1 "$rounds"); do
  measure bare http://127.0.0.1:5201 unrecognised
  measure js-echo http://127.0.0.1:5204 unrecognised
  for kind in greeting unrecognised text-ask accept feedback; do
    measure "$kind" "${url[$first]}" "$kind" "${turns[$first]}" "$token"
  done
  for people in $sizes; do
    measure "find-someone@$((people / 1000))k" "${url[$people]}" find-someone "${turns[$people]}" "$token"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/load"
grep -E '^VmHWM|^VmRSS' /proc/"${pids[-1]}"/status | tr '\n' ' ' | sed 's/^/largest host (last size): /'; echo

echo
awk '
  function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
                                     return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
  { r = $1; k = $2; for (i = 3; i <= NF; i++) { split($i, kv, "="); v[r, k, kv[1]] = kv[2] }
    if (!(k in seen)) { seen[k] = 1; order[++n] = k } if (r > rounds) rounds = r }
  END {
    printf "%-18s %8s %8s %8s %8s %9s %7s %7s %8s\n", "turn (medians)", "req/s", "vs bare", "vs JS", "p99 ms", "p99/bare", "non2xx", "errors", "replies"
    for (i = 1; i <= n; i++) { k = order[i]; m = 0
      for (r = 1; r <= rounds; r++) { if (!((r, k, "rps") in v)) continue; m++
        rps[m] = v[r, k, "rps"]; vb[m] = v[r, k, "rps"] / v[r, "bare", "rps"]; vj[m] = v[r, k, "rps"] / v[r, "js-echo", "rps"]
        p99[m] = v[r, k, "p99_ms"]; pb[m] = v[r, k, "p99_ms"] / v[r, "bare", "p99_ms"]
        bad[m] = v[r, k, "non2xx"]; err[m] = v[r, k, "socket_errors"]; rep[m] = v[r, k, "replies"] / (v[r, k, "requests"] > 0 ? v[r, k, "requests"] : 1) }
      printf "%-18s %8.0f %7.2fx %7.2fx %8.2f %8.2fx %7d %7d %8.2f\n", k, median(rps, m), median(vb, m), median(vj, m), median(p99, m), median(pb, m), median(bad, m), median(err, m), median(rep, m) }
    print "(replies = Connector posts per turn; an invoke answers in its HTTP body and may post none)"
  }' "$work/results"
cat "$work/load"
