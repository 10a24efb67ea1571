#!/usr/bin/env bash
# Memory under load (docs/benchmarks.md): starts `tessera serve` from the Release build on a loopback port and a fresh
# data directory, and prints VmRSS idle, the peak under a mixed wrk load, and idle again after a minute; then GET
# /omp/api/canvas alone for requests/s. Extra environment (DOTNET_GCgen0size=..., DOTNET_GCConserveMemory=...) is
# passed to the server, so one script compares settings. Only 127.0.0.1 is loaded; every phase is bounded in time.
# usage: bench/load/memory.sh [seconds of load, default 60] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}; conns=${2:-64}
cli=src/Tessera.Cli/bin/Release/net10.0/Tessera.Cli.dll
[ -f "$cli" ] || { echo "build first: dotnet build Tessera.slnx -c Release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
data=$(mktemp -d); port=$(( 20000 + RANDOM % 20000 )); url=http://127.0.0.1:$port
dotnet "$cli" serve --urls "$url" --data "$data" --admin-key "tak_bench_memory" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
rss() { awk '/VmRSS/{printf "%d", $2/1024}' /proc/$pid/status; }
sleep 5
echo "idle after start: RSS $(rss) MB"
peak=0
( while kill -0 $pid 2>/dev/null; do r=$(rss); [ "$r" -gt "$(cat "$data/peak" 2>/dev/null || echo 0)" ] && echo "$r" >"$data/peak"; sleep 1; done ) &
sampler=$!
wrk -t2 -c"$conns" -d"${secs}s" -s bench/load/mixed.lua "$url" | grep -E "Requests/sec|Non-2xx|Latency"
echo "under load: peak RSS $(cat "$data/peak") MB, at the end $(rss) MB"
kill $sampler 2>/dev/null || true
sleep 60
echo "idle 60 s after: RSS $(rss) MB"
wrk -t2 -c32 -d20s "$url/omp/api/canvas" | grep -E "Requests/sec|Latency"
echo "after canvas run: RSS $(rss) MB"
