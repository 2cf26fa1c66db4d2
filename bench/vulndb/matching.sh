#!/usr/bin/env bash
# MatchingBenchmarks, docs/benchmarks/vulndb.md: match 2,000 packages against 500,001 affected-range rows,
# and build the match index from SQLite at that size. Builds, runs BenchmarkDotNet in-process (its
# generated-project build times out on a loaded 2-core machine) and prints the load average before and
# after, since only figures taken on an idle machine are clean; allocation does not depend on load.
# Usage: bench/vulndb/matching.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$root/bench/Drydock.Benchmarks" -c Release -nologo -v q >/dev/null
dotnet run -c Release --no-build --project "$root/bench/Drydock.Benchmarks" -- \
  --filter '*MatchingBenchmarks*' --job short --inProcess --artifacts "${TMPDIR:-/tmp}/drydock-bench-matching" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
