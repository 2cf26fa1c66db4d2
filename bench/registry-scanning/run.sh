#!/usr/bin/env bash
# Registry scanning figures (docs/benchmarks/registry-scanning.md), in one run:
#  1. re-match of 1,000 stored inventories after a database update: a real server in-process whose own updater
#     reads alpine-secdb from a mirror directory, over a synthetic 500,000-range database; the inventories are real
#     (`drydock sbom --format json` of the alpine-310 image and of an Ubuntu 18.04 dpkg database of 357 packages);
#  2. push finished -> scan Success of a ~50 MB image in `drydock serve` (autoScan, cold layer cache), against the
#     standalone `drydock scan` of the same OCI layout with the same advisory database, 3 runs each.
# Usage: bench/registry-scanning/run.sh [WORK_DIR]   (default .cache/bench-registry-scanning)
# Needs: dotnet, python3, skopeo, curl, jq, gzip.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(realpath -m "${1:-.cache/bench-registry-scanning}")
shared=$(realpath ../shared/testdata)
mkdir -p "$work"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build Drydock.slnx -c Release -nologo -v q >/dev/null
drydock=(dotnet artifacts/bin/Drydock/release/drydock.dll)

# --- 1. re-match ------------------------------------------------------------------------------------------------
"${drydock[@]}" sbom "docker-archive:$shared/images/alpine-310.tar.gz" --format json --output "$work/alpine.json" >/dev/null
rm -rf "$work/ubuntu-root" && mkdir -p "$work/ubuntu-root/etc" "$work/ubuntu-root/var/lib/dpkg"
cp "$shared/pkgdb/os-release/claircore/ubuntu/18.04/etc/os-release" "$work/ubuntu-root/etc/os-release"
cp "$shared/pkgdb/dpkg/claircore/texlive.status" "$work/ubuntu-root/var/lib/dpkg/status"
"${drydock[@]}" sbom "dir:$work/ubuntu-root" --format json --output "$work/ubuntu.json" >/dev/null
dotnet artifacts/bin/Drydock.Benchmarks/release/Drydock.Benchmarks.dll rematch "$work/rematch" "$work/alpine.json" "$work/ubuntu.json" 1000
echo "load average after re-match: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 2. push finished -> scan Success vs standalone scan -----------------------------------------------------------
image=$work/image50
if [[ ! -f $image/index.json ]]; then
  build=$work/image-build && rm -rf "$build" && mkdir -p "$build/base" "$build/data/opt/blob"
  # Layer 1: the real Alpine 3.10 root filesystem; layer 2: 48 MiB that do not compress (so the image is ~50 MB).
  tar -xzf "$shared/images/alpine-310.tar.gz" -C "$build/base"
  gzip -6 -c "$(find "$build/base" -name layer.tar | head -1)" >"$build/l1.tar.gz"
  head -c $((48 << 20)) /dev/urandom >"$build/data/opt/blob/data.bin"
  tar -C "$build/data" -cf - . | gzip -1 >"$build/l2.tar.gz"
  bench/indexer/make-oci.py "$image" "$build/l1.tar.gz" "$build/l2.tar.gz"
  rm -rf "$build"
fi
echo "image: $(du -sm "$image/blobs" | cut -f1) MB of blobs"
db=$work/vulndb-alpine.sqlite
rm -f "$db"*
"${drydock[@]}" db update --from "$work/rematch/mirror" --source alpine-secdb --db "$db" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

standalone=()
for run in 1 2 3; do
  start=$(date +%s.%N)
  "${drydock[@]}" scan "oci:$image:latest" --db "$db" --no-cache --format json --output /dev/null >/dev/null
  standalone+=("$(echo "$(date +%s.%N) - $start" | bc)")
done

served=()
for run in 1 2 3; do
  data=$work/serve-$run && rm -rf "$data" && mkdir -p "$data"
  cp "$db" "$data/vulndb.sqlite"
  echo '{"Scanning": {"PollInterval": "00:00:00.100", "Update": {"Enabled": false}}}' >"$data/settings.json"
  port=$(free_port)
  Logging__LogLevel__Default=Warning "${drydock[@]}" serve --data "$data" --urls "http://127.0.0.1:$port" --config "$data/settings.json" >"$data/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/v2/"; do sleep 0.1; done
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"name": "bench", "settings": {"autoScan": true}}' "http://127.0.0.1:$port/api/v1/namespaces"
  skopeo copy -q --dest-tls-verify=false "oci:$image:latest" "docker://127.0.0.1:$port/bench/image:1"
  start=$(date +%s.%N)
  until [[ $(curl -sf "http://127.0.0.1:$port/api/v1/artifacts?repository=bench/image" | jq -r '.[0].status') == Success ]]; do sleep 0.05; done
  served+=("$(echo "$(date +%s.%N) - $start" | bc)")
  kill "$pid" && wait "$pid" || true
done

s=$(printf '%s\n' "${standalone[@]}" | median)
r=$(printf '%s\n' "${served[@]}" | median)
echo "standalone drydock scan (process start to exit), runs: ${standalone[*]} s; median $s s"
echo "push finished -> scan Success in drydock serve, runs: ${served[*]} s; median $r s"
echo "RESULT push->Success / standalone scan: $(echo "scale=2; $r / $s" | bc)x"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
