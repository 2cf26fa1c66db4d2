#!/usr/bin/env bash
# Language-package indexing figures (docs/benchmarks/languages.md):
#  1. a layer of ~50,000 node_modules files: `drydock sbom` (the indexer's layer walk with every built-in
#     detector) against `tar -tf` of the same layer, plain and gzip;
#  2. a ~200 MB fat jar with jars nested three deep: peak RSS of `drydock sbom` reading it.
# Needs the npm fixture the tests build (.cache/languages/npm-express-v1) and python3.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_DIR:-$repo/.cache/bench-languages}"
runs="${RUNS:-3}"
mkdir -p "$work"
dotnet publish "$repo/src/Drydock" -c Release -o "$work/drydock" -v quiet >/dev/null
drydock="$work/drydock/drydock"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }

# 1. node_modules layer
source_modules="$repo/.cache/languages/npm-express-v1/npm/node_modules"
root="$work/nm-root"
if [ ! -d "$root" ]; then
  mkdir -p "$root"
  i=0
  while [ "$(find "$root" -type f | wc -l)" -lt 50000 ]; do
    mkdir -p "$root/srv/app-$i" && cp -r "$source_modules" "$root/srv/app-$i/node_modules"; i=$((i+1))
  done
fi
files=$(find "$root" -type f | wc -l)
tar -cf "$work/nm.tar" -C "$root" .
gzip -1 -kf "$work/nm.tar"
rm -rf "$work/nm-oci" "$work/nm-oci-gz"
python3 "$repo/bench/languages/make-oci.py" "$work/nm.tar" "$work/nm.tar" "$work/nm-oci"
python3 "$repo/bench/languages/make-oci.py" "$work/nm.tar.gz" "$work/nm.tar" "$work/nm-oci-gz"
packages=$("$drydock" sbom "oci:$work/nm-oci" --no-cache --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("packages", d.get("Packages", []))))' || echo "?")
echo "node_modules layer: $files files, $packages packages in the SBOM"
for kind in plain gzip; do
  if [ $kind = plain ]; then layout="$work/nm-oci"; tarcmd=(tar -tf "$work/nm.tar"); else layout="$work/nm-oci-gz"; tarcmd=(tar -tzf "$work/nm.tar.gz"); fi
  t_tar=$(for _ in $(seq "$runs"); do timeit "${tarcmd[@]}"; done | median)
  t_sbom=$(for _ in $(seq "$runs"); do timeit "$drydock" sbom "oci:$layout" --no-cache --format json; done | median)
  echo "$kind: tar -t ${t_tar}s, drydock sbom ${t_sbom}s, ratio $(echo "scale=2; $t_sbom / $t_tar" | bc)"
done

# 2. fat jar
jar_root="$work/jar-root"
if [ ! -f "$jar_root/app/app.jar" ]; then
  mkdir -p "$jar_root/app"
  python3 "$repo/bench/languages/make-fat-jar.py" "$jar_root/app/app.jar" 200 > "$work/jar-artifacts.txt"
fi
tar -cf "$work/jar.tar" -C "$jar_root" .
rm -rf "$work/jar-oci"
python3 "$repo/bench/languages/make-oci.py" "$work/jar.tar" "$work/jar.tar" "$work/jar-oci"
echo "fat jar: $(du -m "$jar_root/app/app.jar" | cut -f1) MB, $(cat "$work/jar-artifacts.txt") artifacts put in"
/usr/bin/time -v "$drydock" sbom "oci:$work/jar-oci" --no-cache --format json -o "$work/jar-sbom.json" 2> "$work/jar-time.txt"
grep -E "Maximum resident set size|Elapsed" "$work/jar-time.txt"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("packages in SBOM:", len(d.get("packages", d.get("Packages", []))))' "$work/jar-sbom.json"
