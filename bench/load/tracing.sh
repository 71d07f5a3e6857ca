#!/usr/bin/env bash
# Tracing overhead (issue #21): MentorBot's message turn on SQLite, same composition, three telemetry modes,
# interleaved in one run so drift and neighbours hit all three alike:
#   off      OTEL_SDK_DISABLED=true (no spans, no metrics)
#   default  providers on, no exporter (zero set-up; spans are made and dropped)
#   otlp     OTLP http/protobuf to a loopback sink, default sampler parentbased_always_on (every turn traced + exported)
#
#   metrics  providers on, no exporter, traces sampled off (OTEL_TRACES_SAMPLER=always_off): the metrics' share
#   otlp0    as otlp with OTEL_TRACES_SAMPLER=always_off: what exporting costs without any trace
#   otlp0nolog  as otlp0 with only warnings and errors exported as logs (Logging:OpenTelemetry:LogLevel:Default)
#   otlp10   as otlp with OTEL_TRACES_SAMPLER=parentbased_traceidratio, ARG=0.1 (the production advice in docs/deployment.md)
#
#   bench/load/tracing.sh [duration-seconds=10] [connections=32] [rounds=3] [modes="off default otlp"]
#
# Server pinned to CPU 0; wrk, the Connector stub and the OTLP sink share CPU 1. Run as root for a private
# loopback-only network namespace.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-32}
rounds=${3:-3}
modes=${4:-off default otlp}

if [ "$(id -u)" = 0 ] && [ -z "${MENTORBOT_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
[ -n "${MENTORBOT_IN_NETNS:-}" ] || dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet

host=bench/MentorBot.LoadHost/bin/Release/net10.0/MentorBot.LoadHost.dll
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.25; done; echo "not ready: $1" >&2; return 1; }

stub=http://127.0.0.1:5199
taskset -c 1 dotnet "$host" connector-stub "$stub" & pids+=($!)
wait_for "$stub/_stats"

run_mode() { # mode round
  local mode=$1 round=$2 port=$((5210 + round)) url env=()
  url=http://127.0.0.1:$port
  case $mode in
    off) env=(OTEL_SDK_DISABLED=true) ;;
    default) env=() ;;
    # A short export interval so the run exports several batches and metric collections, not one at shutdown.
    metrics) env=(OTEL_TRACES_SAMPLER=always_off) ;;
    otlp) env=(OTEL_EXPORTER_OTLP_ENDPOINT=$stub OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_METRIC_EXPORT_INTERVAL=5000) ;;
    otlp0) env=(OTEL_EXPORTER_OTLP_ENDPOINT=$stub OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_METRIC_EXPORT_INTERVAL=5000
                OTEL_TRACES_SAMPLER=always_off) ;;
    otlp0nolog) env=(OTEL_EXPORTER_OTLP_ENDPOINT=$stub OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_METRIC_EXPORT_INTERVAL=5000
                OTEL_TRACES_SAMPLER=always_off Logging__OpenTelemetry__LogLevel__Default=Warning) ;;
    otlp10) env=(OTEL_EXPORTER_OTLP_ENDPOINT=$stub OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_METRIC_EXPORT_INTERVAL=5000
                 OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1) ;;
  esac
  rm -rf "$work/sqlite-$mode-$round"
  env "${env[@]}" taskset -c 0 dotnet "$host" bot "$url" "$stub" "$work/token" "$work/sqlite-$mode-$round" & local pid=$!
  pids+=($pid)
  wait_for "$url/healthz"
  local token; token=$(cat "$work/token")
  curl -s -X POST "$stub/_reset" >/dev/null
  SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d3s -s bench/load/message-turn.lua "$url" >/dev/null
  curl -s -X POST "$stub/_reset" >/dev/null
  local out stats
  out=$(SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/load/message-turn.lua "$url" | grep '^RESULT')
  sleep 2 # let the batch exporter send what the run produced
  stats=$(curl -s "$stub/_stats")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$mode $out replies=$(sed -E 's/.*"replies":([0-9]+).*/\1/' <<<"$stats") exports=$(sed -E 's/.*"exports":([0-9]+).*/\1/' <<<"$stats")" | tee -a "$work/results"
}

for round in $(seq 1 "$rounds"); do
  for mode in $modes; do
    run_mode "$mode" "$round"
  done
done

echo
awk -v modes="$modes" '
  { m = $1; k = ++c[m]; for (i = 2; i <= NF; i++) { split($i, kv, "="); val[m, k, kv[1]] = kv[2] } }
  END {
    n = split(modes, list, " ")
    for (j = 1; j <= n; j++) { m = list[j]; s = 0; p50 = 0; p99 = 0
      for (k = 1; k <= c[m]; k++) { s += val[m, k, "rps"]; p50 += val[m, k, "p50_ms"]; p99 += val[m, k, "p99_ms"] }
      mean[m] = s / c[m]; mp50[m] = p50 / c[m]; mp99[m] = p99 / c[m] }
    printf "%-8s %10s %9s %8s %8s\n", "mode", "req/s avg", "vs off", "p50 ms", "p99 ms"
    for (j = 1; j <= n; j++) { m = list[j]
      printf "%-8s %10.0f %8.1f%% %8.2f %8.2f\n", m, mean[m], 100 * (mean[m] - mean["off"]) / mean["off"], mp50[m], mp99[m] }
  }' "$work/results"
