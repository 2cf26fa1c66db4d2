#!/usr/bin/env bash
# Cost of the metrics (issue 17): manifest GET requests/s and p99 of drydock with Telemetry:Metrics on (default) and
# off (Telemetry__Metrics=false), ROUNDS rounds of alternating on/off runs of bench/registry/run.sh (drydock only,
# 1 MiB big image: the manifest GET part does not depend on its size), then the median of each.
# Usage: bench/registry/metrics-overhead.sh [ROUNDS]   env: DRYDOCK_DLL (default artifacts/bin/Drydock/release/drydock.dll)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
dll=${DRYDOCK_DLL:-$PWD/artifacts/bin/Drydock/release/drydock.dll}
[[ -f $dll ]] || dotnet build src/Drydock -c Release -nologo -v q >&2
out=$(mktemp -d /tmp/drydock-metrics-overhead.XXXXXX)
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
row() { awk -F'|' -v m="$2" '$2 ~ m { gsub(/ /, "", $4); print $4 }' "$1"; }

printf '| run | metrics | requests/s | p50 ms | p99 ms | server CPU µs/request | /metrics |\n|---|---|---:|---:|---:|---:|---|\n'
for round in $(seq 1 "$rounds"); do
  for mode in on off; do
    env=""
    [[ $mode == off ]] && env="Telemetry__Metrics=false"
    f=$out/$round-$mode.txt
    BIG_MIB=1 IMPLS=drydock DRYDOCK_DLL=$dll DRYDOCK_ENV=$env bench/registry/run.sh 1 >"$f" 2>"$out/$round-$mode.err"
    rps=$(row "$f" 'requests/s'); p50=$(row "$f" 'p50 ms'); p99=$(row "$f" 'p99 ms'); cpu=$(row "$f" 'µs per request')
    echo "$rps" >>"$out/$mode.rps"; echo "$p99" >>"$out/$mode.p99"; echo "$p50" >>"$out/$mode.p50"
    printf '| %s (%s, load %s) | %s | %s | %s | %s | %s | %s |\n' "$round" "$(date -u +%H:%M)" "$(cut -d' ' -f1 /proc/loadavg)" \
      "$mode" "$rps" "$p50" "$p99" "$cpu" "$(sed -n 's/^drydock \/metrics //p' "$f")"
  done
done
for mode in on off; do
  printf '| median | %s | %s | %s | %s | | |\n' "$mode" "$(median <"$out/$mode.rps")" "$(median <"$out/$mode.p50")" "$(median <"$out/$mode.p99")"
done
echo "raw outputs: $out" >&2
