#!/usr/bin/env bash
# Start-up to the first answered turn (loopback only): starts one target pinned to CPU 0, posts a "hi" until one is
# answered 200 (the reply reached the Connector stub), prints the milliseconds from exec to that answer, stops it.
#
#   bench/load/first-turn.sh <bare|bot> [data-folder]     (the Connector stub must be listening on 127.0.0.1:5199:
#                                                          bench/load/first-turn.sh stub & starts one)
#   bench/load/first-turn.sh compare [runs=5]             both, interleaved, in a private network namespace; medians
#
# "bot" is the product's composition on SQLite (MentorBot.LoadHost: AddMentorBotProduct + MapMentorBot, token
# validated against a loopback issuer); "bare" is the reference ASP.NET Core endpoint. Release builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
host=${LOADHOST:-bench/MentorBot.LoadHost/bin/Release/net10.0/MentorBot.LoadHost.dll} # LOADHOST: e.g. a ReadyToRun publish
stub=http://127.0.0.1:5199
mode=${1:?usage: first-turn.sh <bare|bot|stub|compare>}

if [ "$mode" = compare ]; then
  runs=${2:-5}
  if [ -z "${MENTORBOT_IN_NETNS:-}" ]; then
    dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
    if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
      exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
    fi
  fi
  taskset -c 1 dotnet "$host" connector-stub "$stub" >/dev/null 2>&1 & stub_pid=$!
  trap 'kill $stub_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -s -o /dev/null "$stub/_stats" && break; sleep 0.25; done
  data=$(mktemp -d)
  "$0" bot "$data" >/dev/null # creates the tables and keys once, as any restart after the first deployment finds them
  bare=(); bot=()
  for _ in $(seq 1 "$runs"); do bare+=("$("$0" bare)"); bot+=("$("$0" bot "$data")"); done
  rm -rf "$data"
  median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  echo "first answered turn, ms (runs: bare ${bare[*]} | bot ${bot[*]})"
  echo "median: bare $(median "${bare[@]}") ms, MentorBot $(median "${bot[@]}") ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

if [ "$mode" = stub ]; then exec taskset -c 1 dotnet "$host" connector-stub "$stub"; fi

work=$(mktemp -d)
started=$(date +%s%N)
case "$mode" in
  bare) port=5221; taskset -c 0 dotnet "$host" bare "http://127.0.0.1:$port" >/dev/null 2>&1 & ;;
  bot) port=5222; taskset -c 0 dotnet "$host" bot "http://127.0.0.1:$port" "$stub" "$work/token" "${2:-$work/data}" >/dev/null 2>&1 & ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
body='{"type":"message","id":"1","serviceUrl":"'$stub'","channelId":"msteams",'\
'"from":{"id":"29:first","aadObjectId":"00000000-0000-4000-8000-000000000001"},'\
'"conversation":{"id":"a:first","conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-000000000001"},'\
'"recipient":{"id":"28:00000000-0000-4000-8000-0000000000b0"},"text":"hi","locale":"en-US"}'
for _ in $(seq 1 2000); do
  auth=()
  if [ "$mode" = bot ]; then
    [ -s "$work/token" ] || { sleep 0.005; continue; }
    auth=(-H "Authorization: Bearer $(cat "$work/token")")
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${auth[@]}" \
    --data "$body" "http://127.0.0.1:$port/api/messages" || true)
  if [ "$code" = 200 ]; then echo $(( ($(date +%s%N) - started) / 1000000 )); exit 0; fi
  sleep 0.005
done
echo "no answer" >&2
exit 1
