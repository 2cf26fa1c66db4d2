#!/usr/bin/env bash
# Online garbage collection benchmark (issue 17): `drydock serve` (Release build) on loopback with a fresh data folder,
# populated with MANIFESTS manifests referencing MANIFESTS * BLOBS_PER_MANIFEST distinct small blobs (10,000 and
# 50,000 by default) over the OCI distribution API (bench/gc/registry.py), half of them then unreferenced by deleting
# half the repositories. Then, after the grace period has passed:
#   1. baseline: skopeo pushes a 100-layer and a BIG_MIB single-layer image in a loop (each push into a new
#      repository) while a probe uploads 1 KiB blobs and pushes a manifest for each, timing every request; no GC;
#   2. the same while `POST /api/v1/gc` runs: its elapsedSeconds, longestWriterBlockMilliseconds, what it removed,
#      and the probe's and the pushes' times during it;
#   3. checks: a second GC finds nothing more to remove, every image pushed during GC pulls back intact.
# Usage: bench/gc/run.sh      env: MANIFESTS (10000), BLOBS_PER_MANIFEST (5), REPOS (100), THREADS (4),
#        BIG_MIB (16), PUSHES (3, pushes per image in the baseline; at most 20 during GC), GRACE (00:00:20),
#        DRYDOCK_DLL (default artifacts/bin/Drydock/release/drydock.dll, built if missing), KEEP=1 keeps the work folder.
# Needs: dotnet, python3, skopeo, curl (scripts/deps/registry-e2e.apt).
set -euo pipefail
cd "$(dirname "$0")/../.."
manifests=${MANIFESTS:-10000}
blobs_per_manifest=${BLOBS_PER_MANIFEST:-5}
repos=${REPOS:-100}
threads=${THREADS:-4}
pushes=${PUSHES:-3}
grace=${GRACE:-00:00:20}
for tool in dotnet python3 skopeo curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/drydock-gc-bench.XXXXXX)
pid=""
bg=()
cleanup() {
  for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null || true
  [[ ${KEEP:-0} == 1 ]] && echo "work folder kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

dll=${DRYDOCK_DLL:-artifacts/bin/Drydock/release/drydock.dll}
[[ -f $dll ]] || dotnet build src/Drydock -c Release -nologo -v q >&2
python3 bench/registry/make-images.py "$work/images" "${BIG_MIB:-16}" >&2

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $* }"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir "$work/data"
env Logging__LogLevel__Default=Warning Registry__GarbageCollectionGracePeriod="$grace" \
  dotnet "$dll" serve --data "$work/data" --urls "$base" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$base/v2/" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "run.sh: drydock exited at start" >&2; exit 1; }
  sleep 0.1
done

echo "== populating: $manifests manifests, $((manifests * blobs_per_manifest)) blobs, $threads threads" >&2
populate=$(python3 bench/gc/registry.py populate "$port" "$manifests" "$blobs_per_manifest" "$repos" "$threads")
echo "   $populate" >&2
populated_at=$(date +%s)
for r in $(seq $((repos / 2)) $((repos - 1))); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$base/api/v1/repositories/gc/r$r")
  [[ $code == 204 ]] || { echo "run.sh: DELETE repository gc/r$r answered $code" >&2; exit 1; }
done
blob_files=$(find "$work/data/blobs" -type f | wc -l)
echo "   deleted repositories gc/r$((repos / 2))..gc/r$((repos - 1)); $blob_files files under blobs/" >&2

# Past the grace period, so the unreferenced blobs are eligible (GRACE is hh:mm:ss).
grace_s=$(awk -F: '{ print $1 * 3600 + $2 * 60 + $3 }' <<<"$grace")
wait_s=$((populated_at + grace_s + 2 - $(date +%s)))
((wait_s > 0)) && { echo "== waiting ${wait_s}s for the ${grace_s}s grace period" >&2; sleep "$wait_s"; }

copy() { timeout 300 skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false "$@" >/dev/null; }

# push_loop OUT MAX STOPFILE: pushes both images, each into a new repository, until MAX rounds or STOPFILE exists;
# writes "image seconds" lines to OUT.
push_loop() {
  local out=$1 max=$2 stop=$3 i t0 t1
  : >"$out"
  for i in $(seq 1 "$max"); do
    [[ -e $stop ]] && break
    for image in many big; do
      t0=$(now)
      copy "oci:$work/images/$image:1" "docker://127.0.0.1:$port/push/$(basename "$out")-$image-$i:1"
      t1=$(now)
      echo "$image $(calc "$t1 - $t0")" >>"$out"
    done
  done
}

# probe_stats JSON KEY: max, p99 and median of one latency list the probe wrote, and its count.
probe_stats() {
  python3 - "$1" "$2" <<'PY'
import json, sys
v = sorted(json.load(open(sys.argv[1]))[sys.argv[2]])
p = lambda q: v[min(len(v) - 1, int(q * len(v)))] if v else 0
print(f"{len(v)} {v[-1] if v else 0:.1f} {p(0.99):.1f} {p(0.5):.1f}")
PY
}

echo "== baseline: pushes and probe, no GC" >&2
python3 bench/gc/registry.py probe "$port" "$work/stop-base" 600 100000 "$work/probe-base.json" &
probe_pid=$!
bg+=("$probe_pid")
push_loop "$work/base" "$pushes" "$work/never"
touch "$work/stop-base"
wait "$probe_pid"

echo "== dry run" >&2
curl -sf -m 600 -X POST "$base/api/v1/gc?dryRun=true" >"$work/gc-dry.json"

echo "== GC while pushing and probing" >&2
python3 bench/gc/registry.py probe "$port" "$work/stop-gc" 600 100000 "$work/probe-gc.json" &
probe_pid=$!
bg+=("$probe_pid")
push_loop "$work/during" 20 "$work/stop-gc" &
push_pid=$!
bg+=("$push_pid")
sleep 2 # the pushes and the probe are under way
t0=$(now)
curl -sf -m 600 -X POST "$base/api/v1/gc" >"$work/gc.json"
t1=$(now)
touch "$work/stop-gc"
wait "$probe_pid"
wait "$push_pid"

echo "== checks" >&2
curl -sf -m 600 -X POST "$base/api/v1/gc?dryRun=true" >"$work/gc-after.json"
pulled=0
# Every image pushed while GC ran pulls back whole (skopeo verifies each blob's digest).
for f in $(seq 1 20); do
  for image in many big; do
    ref="push/during-$image-$f"
    curl -sf -o /dev/null -H "Accept: application/vnd.oci.image.manifest.v1+json" "$base/v2/$ref/manifests/1" || continue
    copy "docker://127.0.0.1:$port/$ref:1" "oci:$work/pull-check:1"
    rm -rf "$work/pull-check"
    pulled=$((pulled + 1))
  done
done
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d[sys.argv[2]]; print(len(v) if isinstance(v, list) else v)' "$@"; }

printf '\nmachine: %s, %s CPUs; drydock: %s; skopeo %s\n' "$(uname -r)" "$(nproc)" "$dll" "$(dpkg-query -W -f='${Version}' skopeo)"
printf 'load average (1/5/15 min) at start: %s, at end: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'populate: %s manifests in %s repositories, %s blobs (%s); half the repositories deleted; grace period %s\n' \
  "$manifests" "$repos" "$((manifests * blobs_per_manifest))" "$populate" "$grace"
printf 'dry run: would remove %s blobs, referenced %s, too recent %s, %.2f s\n' "$(field "$work/gc-dry.json" removed)" \
  "$(field "$work/gc-dry.json" referenced)" "$(field "$work/gc-dry.json" tooRecent)" "$(field "$work/gc-dry.json" elapsedSeconds)"
printf 'GC: removed %s blobs (%s bytes), referenced %s, too recent %s; elapsedSeconds %.2f (curl %.2f s); longestWriterBlockMilliseconds %.2f\n' \
  "$(field "$work/gc.json" removed)" "$(field "$work/gc.json" bytesRemoved)" "$(field "$work/gc.json" referenced)" \
  "$(field "$work/gc.json" tooRecent)" "$(field "$work/gc.json" elapsedSeconds)" "$(calc "$t1 - $t0")" \
  "$(field "$work/gc.json" longestWriterBlockMilliseconds)"
printf 'second GC (dry run) afterwards: would remove %s blobs\n' "$(field "$work/gc-after.json" removed)"
printf 'images pushed during GC and pulled back intact afterwards: %s\n\n' "$pulled"
printf '| measurement | without GC | during GC |\n|---|---:|---:|\n'
for image in many big; do
  printf '| skopeo push %s: median s (count) | %s (%s) | %s (%s) |\n' "$image" \
    "$(awk -v i="$image" '$1 == i { print $2 }' "$work/base" | median)" "$(grep -c "^$image " "$work/base")" \
    "$(awk -v i="$image" '$1 == i { print $2 }' "$work/during" | median)" "$(grep -c "^$image " "$work/during" || true)"
done
for key in uploadMs manifestPutMs; do
  read -r bn bmax bp99 bp50 <<<"$(probe_stats "$work/probe-base.json" "$key")"
  read -r gn gmax gp99 gp50 <<<"$(probe_stats "$work/probe-gc.json" "$key")"
  printf '| probe %s: max / p99 / p50 ms (requests) | %s / %s / %s (%s) | %s / %s / %s (%s) |\n' "$key" \
    "$bmax" "$bp99" "$bp50" "$bn" "$gmax" "$gp99" "$gp50" "$gn"
done
