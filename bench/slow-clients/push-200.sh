#!/usr/bin/env bash
# 200 concurrent `skopeo copy --dest-compress` pushes to a local `drydock serve` (loopback only): every push
# gzips its layer on the fly while the host's two cores are saturated, so request bodies arrive in bursts
# with long pauses. Before the upload routes relaxed Kestrel's minimum body data rate, 162 of 200 failed
# with 408. Result recorded in docs/benchmarks.md ("Slow clients").
# Usage: bench/slow-clients/push-200.sh [WORK_DIR] [COUNT] [LAYER_BYTES]
#        (defaults .cache/bench-slow-clients 200 2097152; each push and the whole run are bounded in time)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-.cache/bench-slow-clients}
count=${2:-200}
size=${3:-2097152}
mkdir -p "$work"
[[ -f $work/images/index.json ]] || python3 bench/slow-clients/make-images.py "$work/images" "$count" "$size"

[[ ${SKIP_BUILD:-} == 1 ]] || dotnet build src/Drydock -c Release -nologo -v q >/dev/null
port=$((20000 + RANDOM % 20000))
rm -rf "$work/data"
dotnet artifacts/bin/Drydock/release/drydock.dll serve --data "$work/data" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && break
  sleep 1
done

rm -rf "$work/logs" && mkdir -p "$work/logs"
start=$(date +%s)
seq 0 $((count - 1)) | xargs -P "$count" -I{} sh -c \
  "timeout 900 skopeo copy --quiet --dest-tls-verify=false --dest-compress --dest-compress-format gzip \
     oci:$work/images:img-{} docker://127.0.0.1:$port/bench/img-{}:latest >$work/logs/{}.log 2>&1; echo \$? >$work/logs/{}.rc" || true
end=$(date +%s)

ok=$(grep -lx 0 "$work"/logs/*.rc | wc -l)
slow=$(grep -l '408\|too slowly' "$work"/logs/*.log 2>/dev/null | wc -l || true)
echo "pushes: $count, succeeded: $ok, failed: $((count - ok)), of them 408/too slowly: $slow, wall: $((end - start)) s, layer: $size bytes uncompressed, $(nproc) cores"
grep -h -m1 -i 'error' "$work"/logs/*.log 2>/dev/null | sort | uniq -c | sort -rn | head -5 || true
