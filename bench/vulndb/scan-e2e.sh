#!/usr/bin/env bash
# drydock scan of the alpine-310 image, process start to exit, with a database present.
# Usage: bench/vulndb/scan-e2e.sh DB_FILE [RUNS]
set -euo pipefail
db="${1:?usage: scan-e2e.sh DB_FILE [RUNS]}"
runs="${2:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build -c Release "$root/src/Drydock" >/dev/null
exe="$root/artifacts/bin/Drydock/release/drydock"
image="$root/../shared/testdata/images/alpine-310.tar.gz"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e s elapsed, %M KB max RSS" "$exe" scan "docker-archive:$image" --db "$db" --no-cache --format json -o /dev/null
done
