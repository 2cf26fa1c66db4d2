#!/usr/bin/env bash
# Peak RSS of `drydock scan` on each hostile layer of the corpus (docs/benchmarks.md, "Hostile layers").
# Target: every scan ends (Success with bounded warnings, or a clear failure) at <= 300 MiB peak RSS.
# Usage: bench/hostile/run.sh [WORK_DIR]   (default .cache/bench-hostile; the corpus is reused)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-.cache/bench-hostile}
mkdir -p "$work"
python3 bench/hostile/make-corpus.py "$work/corpus"

dotnet build src/Drydock -c Release -nologo -v q >/dev/null
drydock=(dotnet artifacts/bin/Drydock/release/drydock.dll)
db=$work/empty.db   # no advisories: the figure is the indexer's, not the matcher's
if [[ ! -f $db ]]; then
  # An update from an empty mirror directory creates the database with every source failed: empty, but there.
  mkdir -p "$work/no-feeds"
  "${drydock[@]}" db update --from "$work/no-feeds" --db "$db" >/dev/null 2>&1 || true
fi

echo "| case | layer (compressed) | exit | peak RSS | warnings | outcome |"
echo "| --- | --- | --- | --- | --- | --- |"
for dir in "$work"/corpus/*/; do
  name=$(basename "$dir")
  layers=$(du -cb "$dir"blobs/sha256/* | tail -1 | cut -f1)
  set +e
  # Each scan is bounded in time: a hang is a failure of the bench, not a figure.
  timeout 600 /usr/bin/time -v -o "$work/$name.time" "${drydock[@]}" scan "oci:$dir" --db "$db" --cache-dir "$work/cache-$name" \
    --format json --output "$work/$name.json" 2>"$work/$name.err" >/dev/null
  code=$?
  set -e
  rm -rf "$work/cache-$name"
  rss_kb=$(grep 'Maximum resident set size' "$work/$name.time" | grep -o '[0-9]*$')
  warnings=$(grep -c '^warning:' "$work/$name.err" || true)
  outcome=$(grep -m1 '^error:' "$work/$name.err" | cut -c1-160 || true)
  [[ -z $outcome ]] && outcome=$(grep -m1 'more warnings' "$work/$name.err" | sed 's/.*: and/and/' || echo "Success")
  printf '| %s | %.1f MB | %s | %d MiB | %s | %s |\n' "$name" "$(echo "$layers / 1000000" | bc -l)" "$code" $((rss_kb / 1024)) "$warnings" "$outcome"
done
