#!/usr/bin/env bash
# CPU profile of MentorBot's message turn under load (loopback only): `perf` samples the bot process (pinned to CPU 0,
# as in run.sh) while wrk drives it, with JIT-compiled frames named through the runtime's perf map.
#
#   bench/load/profile.sh [sqlite|azurite] [duration-seconds=10] [connections=32]
#   WARMUP=<seconds> (default 5) before sampling; longer on a busy machine, where start-up with tiering off is slow
#   KIND=<turn-mix kind> bench/load/profile.sh sqlite …   one kind of turn-mix.sh (greeting, unrecognised, text-ask,
#                                                        find-someone, accept, feedback) on the seeded 10k company
#                                                        (${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}/10000,
#                                                        made by turn-mix.sh) instead of "hi" from new people
#
# Prints the hottest symbols by self time and by inclusive time; perf.data stays in $PROFILE_OUT (default
# /tmp/mentorbot-profile) for `perf report -i`. ReadyToRun is off so framework code is jitted and named too, and W^X
# double mapping is off so perf can tie jitted code to the perf map; tiering is off so every frame is optimised code.
set -euo pipefail
cd "$(dirname "$0")/../.."
backend=${1:-sqlite}
duration=${2:-10}
connections=${3:-32}
out=${PROFILE_OUT:-/tmp/mentorbot-profile}

if [ "$(id -u)" = 0 ] && [ -z "${MENTORBOT_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
[ -n "${MENTORBOT_IN_NETNS:-}" ] || dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet

WAIT_TRIES=${WAIT_TRIES:-240}
source bench/load/host.sh
mkdir -p "$out"

start_stub
wait_for "$stub/_stats"

conn=""
if [ "$backend" = azurite ]; then
  tools/node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort 10902 \
    --skipApiVersionCheck --disableTelemetry --silent >"$work/azurite.log" 2>&1 & pids+=($!)
  wait_for "http://127.0.0.1:10902/devstoreaccount1/Tables"
  key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:10902/devstoreaccount1;"
fi

script=bench/load/message-turn.lua
if [ -n "${KIND:-}" ]; then
  seed=${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}/10000
  [ -f "$seed/load-turns.tsv" ] || { echo "no seed at $seed: run bench/load/turn-mix.sh once" >&2; exit 1; }
  mkdir -p "$work/sqlite" && cp "$seed"/mentorbot.db* "$work/sqlite/"
  script=bench/load/turn-mix.lua; export KIND TURNS=$seed/load-turns.tsv
fi
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 taskset -c 0 dotnet "$host" bot http://127.0.0.1:5202 "$stub" "$work/token" "$work/sqlite" ${conn:+"$conn"} &
bot=$!; pids+=($bot)
wait_for http://127.0.0.1:5202/healthz
token=$(cat "$work/token")
# Warm-up until tiered compilation has settled, then sample only the steady state.
SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${WARMUP:-5}s" -s "$script" http://127.0.0.1:5202 >/dev/null
perf record -F 2999 -g -e cpu-clock -p "$bot" -o "$out/perf.data" -- sleep "$duration" 2>"$work/perf.log" &
recorder=$!
SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" -s "$script" http://127.0.0.1:5202 | grep '^RESULT'
wait "$recorder"

echo "== self time =="
perf report -i "$out/perf.data" --no-children --sort symbol --stdio -g none --percent-limit 0.7 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60
echo "== inclusive time: MentorBot and storage/token/JSON frames =="
perf report -i "$out/perf.data" --children --sort symbol --stdio -g none --percent-limit 1 2>/dev/null \
  | grep -E 'MentorBot\.|Sqlite|JsonWebToken|IdentityModel|Azure\.Core|System\.Text\.Json\.JsonSerializer::|Polly\.ResiliencePipeline::|Logging' \
  | grep -v 'AsyncMethodBuilderCore::Start' | sed -E 's/\[\.\] (instance )?//; s/\(class .*//; s/\[Microsoft[^]]*\]//g' | cut -c1-190 | head -90
