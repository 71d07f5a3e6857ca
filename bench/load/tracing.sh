#!/usr/bin/env bash
# Tracing overhead (issue #21): MentorBot's message turn on SQLite, same composition, several telemetry modes,
# interleaved in one run so drift and neighbours hit them alike:
#   off      OTEL_SDK_DISABLED=true (no spans, no metrics)
#   default  nothing set: no exporter, so no provider is built (decision 0276); should match off
#   otlp10   OTLP http/protobuf to a loopback sink, OTEL_TRACES_SAMPLER=parentbased_traceidratio, ARG=0.1
#            (the production advice in docs/deployment.md)
#   otlp     as otlp10 with the SDK's default sampler parentbased_always_on (every turn traced and exported)
#   metrics  providers on, no exporter, traces sampled off (OTEL_TRACES_SAMPLER=always_off): the metrics' share
#   otlp0    as otlp with OTEL_TRACES_SAMPLER=always_off: what exporting costs without any trace
#   otlp0nolog  as otlp0 with only warnings and errors exported as logs (Logging:OpenTelemetry:LogLevel:Default)
#   base-<mode>  <mode> run on another build of the load host, BASELINE_HOST=<path to MentorBot.LoadHost.dll>
#                (e.g. main before a change), to compare two builds in the same run
#
#   bench/load/tracing.sh [duration-seconds=10] [connections=32] [rounds=5] [modes="off otlp10 otlp"]
#   (WARMUP=<seconds> lengthens the unmeasured warm-up, 3 s by default, on a slow or busy machine)
#   KIND=<turn-mix kind> measures that kind of bench/load/turn-mix.sh (greeting, unrecognised, text-ask, find-someone,
#   feedback) on a copy of the seeded 10k company (${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}/10000, made by
#   turn-mix.sh) instead of "hi" from new people; with modes "off base-off" it compares two builds' CPU per turn.
#
# Reports per mode the median over rounds of the paired ratio to that round's "off" (throughput, and the server's CPU
# time per request), with the smallest and largest ratio, which shows how noisy the machine was.
# Server pinned to CPU 0; wrk, the Connector stub and the OTLP sink share CPU 1. Run as root for a private
# loopback-only network namespace.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-32}
rounds=${3:-5}
modes=${4:-off otlp10 otlp}

if [ "$(id -u)" = 0 ] && [ -z "${MENTORBOT_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
  dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet
  exec unshare --net env MENTORBOT_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
[ -n "${MENTORBOT_IN_NETNS:-}" ] || dotnet build -c Release bench/MentorBot.LoadHost -nologo -clp:ErrorsOnly -v quiet

WAIT_TRIES=${WAIT_TRIES:-240}
source bench/load/host.sh

script=bench/load/message-turn.lua
seed=""
if [ -n "${KIND:-}" ]; then
  seed=${MENTORBOT_LOAD_CACHE:-/tmp/mentorbot-load-cache}/10000
  [ -f "$seed/load-turns.tsv" ] || { echo "no seed at $seed: run bench/load/turn-mix.sh once" >&2; exit 1; }
  script=bench/load/turn-mix.lua; export KIND TURNS=$seed/load-turns.tsv
fi

start_stub
wait_for "$stub/_stats"

# The server's CPU time (user + system, all threads: turns, GC, the exporters' background threads) per request served
# is the cost that neighbours' load disturbs least; throughput on a busy shared machine moves with everyone else's work.
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run_mode() { # mode round
  local mode=$1 round=$2 port=$((5210 + round)) url env=() dll=$host
  url=http://127.0.0.1:$port
  if [[ $mode == base-* ]]; then dll=${BASELINE_HOST:?base- modes need BASELINE_HOST}; fi
  case ${mode#base-} in
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
  if [ -n "$seed" ]; then mkdir -p "$work/sqlite-$mode-$round" && cp "$seed"/mentorbot.db* "$work/sqlite-$mode-$round/"; fi
  env "${env[@]}" taskset -c 0 dotnet "$dll" bot "$url" "$stub" "$work/token" "$work/sqlite-$mode-$round" & local pid=$!
  pids+=($pid)
  wait_for "$url/healthz"
  local token; token=$(cat "$work/token")
  curl -s -X POST "$stub/_reset" >/dev/null
  SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${WARMUP:-3}s" -s "$script" "$url" >/dev/null
  curl -s -X POST "$stub/_reset" >/dev/null
  local out stats ticks0 ticks1 requests
  ticks0=$(cpu_ticks "$pid")
  out=$(SERVICE_URL=$stub BOT_TOKEN=$token taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$script" "$url" | grep '^RESULT')
  sleep 2 # let the batch exporter send what the run produced (its CPU counts)
  ticks1=$(cpu_ticks "$pid")
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$out")
  stats=$(curl -s "$stub/_stats")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$mode $out replies=$(sed -E 's/.*"replies":([0-9]+).*/\1/' <<<"$stats") exports=$(sed -E 's/.*"exports":([0-9]+).*/\1/' <<<"$stats") cpu_us=$(( (ticks1 - ticks0) * 1000000 / hz / (requests > 0 ? requests : 1) ))" | tee -a "$work/results"
}

# Each round runs every mode once, "off" included, and alternates the order (off first, then off last) so drift and
# neighbours' load hit the modes alike; each mode's cost is its ratio to the same round's "off", and the summary is
# the median of those paired ratios with the smallest and largest, which says how noisy the machine was.
for round in $(seq 1 "$rounds"); do
  order=$modes
  if [ $((round % 2)) = 0 ]; then order=$(tr ' ' '\n' <<<"$modes" | tac | tr '\n' ' '); fi
  for mode in $order; do
    run_mode "$mode" "$round"
  done
done

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v modes="$modes" '
  { m = $1; k = ++c[m]; for (i = 2; i <= NF; i++) { split($i, kv, "="); val[m, k, kv[1]] = kv[2] } }
  function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END {
    n = split(modes, list, " ")
    printf "%-10s %9s %12s %17s %10s %12s %17s %8s\n", "mode", "req/s med", "req/s vs off", "(min..max)", "CPU µs/req", "CPU vs off", "(min..max)", "p99 ms"
    for (j = 1; j <= n; j++) { m = list[j]; delete r; delete q; delete u; delete v; delete l99
      for (k = 1; k <= c[m]; k++) { q[k] = val[m, k, "rps"]; r[k] = 100 * (val[m, k, "rps"] / val["off", k, "rps"] - 1)
        u[k] = val[m, k, "cpu_us"]; v[k] = 100 * (val[m, k, "cpu_us"] / val["off", k, "cpu_us"] - 1); l99[k] = val[m, k, "p99_ms"] }
      rlo = r[1]; rhi = r[1]; vlo = v[1]; vhi = v[1]
      for (k = 2; k <= c[m]; k++) { if (r[k] < rlo) rlo = r[k]; if (r[k] > rhi) rhi = r[k]; if (v[k] < vlo) vlo = v[k]; if (v[k] > vhi) vhi = v[k] }
      printf "%-10s %9.0f %11.1f%% %7.1f..%6.1f%% %10.0f %11.1f%% %7.1f..%6.1f%% %8.1f\n", m, median(q, c[m]), median(r, c[m]), rlo, rhi,
        median(u, c[m]), median(v, c[m]), vlo, vhi, median(l99, c[m]) }
  }' "$work/results"
