# Sourced by the load scripts once they are in their network namespace and the load host is built: the load host,
# a work folder, clean-up of every process a script starts (append its pid to `pids`), readiness polling, and the
# Connector stub every bot replies to. Set WAIT_TRIES before sourcing to wait longer than 30 s for a process.
host=bench/MentorBot.LoadHost/bin/Release/net10.0/MentorBot.LoadHost.dll
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# wait_for URL: polls every 0.25 s until the URL answers, at most WAIT_TRIES times (default 120: 30 s).
wait_for() { for _ in $(seq 1 "${WAIT_TRIES:-120}"); do curl -s -o /dev/null "$1" && return 0; sleep 0.25; done; echo "not ready: $1" >&2; return 1; }

# The Connector stub on CPU 1 (the bot under test has CPU 0); start_stub starts it without waiting.
stub=http://127.0.0.1:5199
start_stub() { taskset -c 1 dotnet "$host" connector-stub "$stub" & pids+=($!); }
