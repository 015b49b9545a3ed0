#!/usr/bin/env bash
# Checklist save latency under 20 and 50 concurrent writers, SQLite and PostgreSQL (docs/load/save-latency.md).
# One command: bash .ci/save-latency.sh   (ASSESSMENT_LOAD_SAVES=N saves per writer, default 40)
# Builds Release, starts the loopback PostgreSQL cluster of .ci/start-postgres.sh unless ASSESSMENT_TEST_POSTGRES
# is set, runs the opt-in load test and prints its figures with the machine's load average sampled during the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "${ASSESSMENT_TEST_POSTGRES:-}" ]; then
  ASSESSMENT_TEST_POSTGRES="$(bash .ci/start-postgres.sh)"
  export ASSESSMENT_TEST_POSTGRES
fi

dotnet build Assessment.Tests -c Release -v quiet -nologo >&2

samples="$(mktemp)"
( while true; do cut -d' ' -f1 /proc/loadavg >> "$samples"; sleep 5; done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true; rm -f "$samples"' EXIT

echo "cores: $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
ASSESSMENT_LOAD=1 dotnet test Assessment.Tests -c Release --no-build --filter "TestCategory=Load" \
  --logger "console;verbosity=detailed" | grep -E "writers ×|Passed |Failed |Total tests" | sort -u
status=${PIPESTATUS[0]}
set -e
echo "load average (1 min) during the run: min $(sort -n "$samples" | head -n 1), max $(sort -n "$samples" | tail -n 1), mean $(awk '{ s += $1 } END { if (NR) printf "%.1f", s / NR }' "$samples") over $(wc -l < "$samples") samples"
exit "$status"
