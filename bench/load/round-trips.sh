#!/usr/bin/env bash
# Storage round trips per turn kind on Azure Table storage (loopback only): Azurite behind a latency shim
# (MentorBot.LoadHost latency-shim: waits DELAY ms, then forwards, counting requests by method and table), the
# product's composition pointed at the shim, one connection at a time so every request belongs to the turn in flight.
#
#   bench/load/round-trips.sh [people=2000] [delay-ms=3] [seconds-per-kind=6]
#
# Prints per kind: turns sent, storage requests per turn (background workers' requests, measured over an idle window
# of the same length first, subtracted), sequential round trips per turn (the shim's idle→busy transitions: requests
# sent together count once), p50 latency (≈ sequential round trips × delay + CPU) and the requests by method and table.
# WORKERS=off (default) stops the nudge planner/dispatcher and pushes the offer-expiry sweep out, so every request in
# a window belongs to the turns (messages a turn hands to delivery are still sent in the turn); WORKERS=on keeps them.
# LOG=1 prints the shim's request log of the first turns of each kind (start/end ms, method, table, point/query/batch).
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-2000}
delay=${2:-3}
seconds=${3:-6}

if [ -z "${MENTORBOT_IN_NETNS:-}" ]; then
  command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  dotnet build -c Release bench/MentorBot.Benchmarks -nologo -clp:ErrorsOnly -v quiet
  if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
  fi
fi

WAIT_TRIES=240
source bench/load/host.sh

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
connection() { echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"; }
shim=http://127.0.0.1:10903

tools/node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort 10902 \
  --skipApiVersionCheck --disableTelemetry --silent >"$work/azurite.log" 2>&1 & pids+=($!)
wait_for http://127.0.0.1:10902/devstoreaccount1/Tables
start_stub
dotnet "$host" latency-shim "$shim" http://127.0.0.1:10902 "$delay" & pids+=($!)
wait_for "$stub/_stats"; wait_for "$shim/_shim/stats"
dotnet bench/MentorBot.Benchmarks/bin/Release/net10.0/MentorBot.Benchmarks.dll --seed-load "$work/seed" "$people" "$(connection 10902)"
turns=$work/seed/load-turns.tsv

if [ "${WORKERS:-off}" = off ]; then
  export Nudges__Enabled=false Requests__ExpirySweepInterval=01:00:00
fi
taskset -c 0 dotnet "$host" bot http://127.0.0.1:5230 "$stub" "$work/token" "$work/unused" "$(connection 10903)" & pids+=($!)
wait_for http://127.0.0.1:5230/healthz
token=$(cat "$work/token")
sleep 5 # the background warm-up of the matching index (decision 0351) and the workers' first sweeps
# One blocking ask first, as turn-mix.sh does: whatever of the index's first read is left is not counted in a window.
read -r aad skill < <(grep -m1 -P '^ask\t' "$turns" | cut -f2,3 --output-delimiter=' ')
curl -s -o /dev/null --max-time 900 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  http://127.0.0.1:5230/api/messages --data '{"type":"invoke","name":"adaptiveCard/action","id":"warm","serviceUrl":"'$stub'",'\
'"channelId":"msteams","from":{"id":"29:load-'$aad'","aadObjectId":"'$aad'"},"conversation":{"id":"a:load-'$aad'",'\
'"conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-000000000001"},"recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0"},'\
'"locale":"en-US","channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-000000000001"}},'\
'"value":{"action":{"type":"Action.Execute","verb":"ask.submit","data":{"verb":"ask.submit","skill":"'$skill'","format":"call30","urgency":"thisMonth"}}}}'

stats() { curl -s "$shim/_shim/stats"; }
total() { python3 -c 'import json,sys; print(sum(v for k, v in json.load(sys.stdin).items() if not k.startswith("_")))'; }
curl -s -X POST "$shim/_shim/reset" >/dev/null; sleep "$seconds"
idle=$(stats | total)
echo "idle: $idle storage requests in ${seconds}s from background workers (subtracted below); load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %7s %9s %9s %9s   %s\n' kind turns "req/turn" "seq/turn" "p50 ms" "requests by method and table (whole window)"
for kind in ${KINDS:-greeting unrecognised text-ask find-someone accept feedback}; do
  # one turn of the kind first (jit, caches), then the counted window
  # (with SHOW=1, the first answer of each kind is printed, to check the kind reaches the path it means to)
  DEBUG=${SHOW:-} KIND=$kind TURNS=$turns START=1000 SERVICE_URL=$stub BOT_TOKEN=$token wrk -t1 -c1 -d2s -s bench/load/turn-mix.lua http://127.0.0.1:5230 \
    | { if [ -n "${SHOW:-}" ]; then grep -m1 -E '^[0-9]{3} ' | cut -c1-240 | sed "s/^/  $kind answered: /"; else cat >/dev/null; fi; }
  curl -s -X POST "$shim/_shim/reset" >/dev/null
  out=$(KIND=$kind TURNS=$turns START=5000 SERVICE_URL=$stub BOT_TOKEN=$token \
    wrk -t1 -c1 -d"${seconds}s" --latency -s bench/load/turn-mix.lua http://127.0.0.1:5230 | grep '^RESULT')
  s=$(stats)
  n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out"); p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$out")
  rt=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); t=sum(v for k, v in d.items() if not k.startswith('_')); print(f'{max(0,(t-$idle))/max(1,$n):.2f} {d.get(\"_rounds\",0)/max(1,$n):.2f}')" "$s")
  printf '%-14s %7s %9s %9s %9s   %s\n' "$kind" "$n" "${rt% *}" "${rt#* }" "$p50" "$s"
  if [ -n "${LOG:-}" ]; then curl -s "$shim/_shim/log" >"$work/shim.log"; head -"${LOG_LINES:-40}" "$work/shim.log" | sed 's/^/    /'; fi
done
