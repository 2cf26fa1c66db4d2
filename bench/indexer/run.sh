#!/usr/bin/env bash
# End-to-end indexing figures (docs/benchmarks/indexer.md):
#  1. cold `drydock sbom` of a debootstrap Debian image (two gzip layers, >= 100 MB compressed)
#     against `gzip -dc` of the same layers to /dev/null, in the same run;
#  2. peak RSS of that run and of a ~1 GB image of incompressible layers;
#  3. a second run on the same image (every layer from the cache): the indexing time the process
#     logs ("indexed … in N ms"), which excludes .NET start-up.
# Usage: bench/indexer/run.sh [WORK_DIR]   (default .cache/bench-indexer; images are reused)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-.cache/bench-indexer}
mkdir -p "$work"
root=.cache/debootstrap/bookworm-minbase
if [[ ! -f $root/var/lib/dpkg/status ]]; then
  debootstrap --variant=minbase bookworm "$root.tmp" http://deb.debian.org/debian >/dev/null
  mv "$root.tmp" "$root"
fi

dotnet build src/Drydock -c Release -nologo -v q >/dev/null
drydock=(dotnet artifacts/bin/Drydock/release/drydock.dll)

# Image 1: layer 1 = the debootstrap minbase root; layer 2 = a large tree of real binaries and
# data (the host's .NET installation) so that the image is >= 100 MB compressed.
if [[ ! -f $work/debian/index.json ]]; then
  tar -C "$root" -cf - . | gzip -6 >"$work/debian-1.tar.gz"
  tar -C / -cf - usr/share/dotnet | gzip -6 >"$work/debian-2.tar.gz"
  rm -rf "$work/debian" && bench/indexer/make-oci.py "$work/debian" "$work/debian-1.tar.gz" "$work/debian-2.tar.gz"
  rm -f "$work/debian-1.tar.gz" "$work/debian-2.tar.gz"
fi

# Image 2: ~1 GB of incompressible files in two layers, plus the minbase dpkg database.
if [[ ! -f $work/big/index.json ]]; then
  mkdir -p "$work/big-root/var/lib/dpkg" "$work/big-root/data"
  cp "$root/var/lib/dpkg/status" "$work/big-root/var/lib/dpkg/status"
  for i in 1 2; do
    rm -rf "$work/big-root/data" && mkdir -p "$work/big-root/data"
    for j in $(seq 1 8); do head -c $((64 << 20)) /dev/urandom >"$work/big-root/data/blob-$i-$j"; done
    tar -C "$work/big-root" -cf - . | gzip -1 >"$work/big-$i.tar.gz"
  done
  rm -rf "$work/big" && bench/indexer/make-oci.py "$work/big" "$work/big-1.tar.gz" "$work/big-2.tar.gz"
  rm -rf "$work/big-root" "$work/big-1.tar.gz" "$work/big-2.tar.gz"
fi

layers() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1]+"/index.json"))["manifests"][0]["digest"][7:]; print(" ".join(sys.argv[1]+"/blobs/sha256/"+l["digest"][7:] for l in json.load(open(sys.argv[1]+"/blobs/sha256/"+m))["layers"]))' "$1"; }
size() { du -cb $(layers "$1") | tail -1 | cut -f1; }

for image in debian big; do
  dir=$work/$image
  cache=$work/cache-$image
  rm -rf "$cache"
  sync
  start=$(date +%s.%N); for l in $(layers "$dir"); do gzip -dc "$l" >/dev/null; done; end=$(date +%s.%N)
  gz=$(echo "$end - $start" | bc)
  /usr/bin/time -f '%e %M' -o "$work/time" "${drydock[@]}" sbom "oci:$dir" --cache-dir "$cache" --output /dev/null 2>"$work/cold.log"
  read -r cold rss <"$work/time"
  cold_index=$(grep -o 'in [0-9]* ms' "$work/cold.log" | grep -o '[0-9]*')
  /usr/bin/time -f '%e %M' -o "$work/time" "${drydock[@]}" sbom "oci:$dir" --cache-dir "$cache" --output /dev/null 2>"$work/warm.log"
  read -r warm warm_rss <"$work/time"
  warm_index=$(grep -o 'in [0-9]* ms' "$work/warm.log" | grep -o '[0-9]*')
  printf '%s: %s MB compressed; gzip -dc %.2f s; cold sbom %.2f s wall (indexing %s ms) = %.2fx gzip; peak RSS %d MB; cached run %.2f s wall, indexing %s ms, RSS %d MB; %s\n' \
    "$image" $(( $(size "$dir") / 1000000 )) "$gz" "$cold" "$cold_index" "$(echo "$cold / $gz" | bc -l)" $((rss / 1024)) "$warm" "$warm_index" $((warm_rss / 1024)) \
    "$(grep -o '[0-9]* packages.*' "$work/cold.log")"
done
