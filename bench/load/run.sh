#!/usr/bin/env bash
# Message-turn load test (loopback only): the bare reference endpoint vs MentorBot's full turn (token validated,
# state loaded and saved, one reply sent) on SQLite and on Azurite, measured with wrk in the same run.
#
#   bench/load/run.sh [duration-seconds=15] [connections=32]
#
# The server under test is pinned to CPU 0; wrk and the Connector stub share CPU 1, so "one core" means one core.
# Run as root to get a private loopback-only network namespace (recommended).
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}

if [ "$(id -u)" = 0 ] && [ -z "${MENTORBOT_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
[ -n "${MENTORBOT_IN_NETNS:-}" ] || dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet

source bench/load/host.sh

start_stub
wait_for "$stub/_stats"

measure() { # name url [token-file]
  local name=$1 url=$2 token=""
  [ -n "${3:-}" ] && token=$(cat "$3")
  curl -s -X POST "$stub/_reset" >/dev/null
  # Warm-up: JIT, connection pools, SQLite pages, metadata cache.
  SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d3s -s bench/load/message-turn.lua "$url" >/dev/null
  curl -s -X POST "$stub/_reset" >/dev/null
  local out
  out=$(SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/load/message-turn.lua "$url" | grep '^RESULT')
  local replies
  replies=$(curl -s "$stub/_stats" | sed -E 's/.*"replies":([0-9]+).*/\1/')
  echo "$name $out replies=$replies" | tee -a "$work/results"
}

taskset -c 0 dotnet "$host" bare http://127.0.0.1:5201 & pids+=($!)
wait_for http://127.0.0.1:5201/api/messages
measure bare http://127.0.0.1:5201
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

taskset -c 0 dotnet "$host" bot http://127.0.0.1:5202 "$stub" "$work/token" "$work/sqlite" & pids+=($!)
wait_for http://127.0.0.1:5202/healthz
measure mentorbot-sqlite http://127.0.0.1:5202 "$work/token"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

azurite_port=10902
tools/node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort $azurite_port \
  --skipApiVersionCheck --disableTelemetry --silent >"$work/azurite.log" 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$azurite_port/devstoreaccount1/Tables"
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
taskset -c 0 dotnet "$host" bot http://127.0.0.1:5203 "$stub" "$work/token" "$work/unused" "$conn" & pids+=($!)
wait_for http://127.0.0.1:5203/healthz
measure mentorbot-azurite http://127.0.0.1:5203 "$work/token"

echo
awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } names[++n] = $1 }
  END {
    base = v["bare", "rps"]
    printf "%-18s %9s %8s %8s %8s %8s %8s %8s\n", "target", "req/s", "vs bare", "p50 ms", "p99 ms", "errors", "non2xx", "replies"
    for (i = 1; i <= n; i++) { k = names[i]
      printf "%-18s %9d %7.0f%% %8.2f %8.2f %8d %8d %8d\n", k, v[k, "rps"], 100 * v[k, "rps"] / base, v[k, "p50_ms"], v[k, "p99_ms"], v[k, "socket_errors"], v[k, "non2xx"], v[k, "replies"] }
  }' "$work/results"
