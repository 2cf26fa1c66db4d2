#!/usr/bin/env bash
# Peak RSS of `drydock serve` under the hostile inputs of issue 16 (docs/benchmarks.md, "Hostile layers").
# Target: <= 300 MiB for the whole run, every scan ending in a final status.
# One Release server on loopback with a fresh data folder and no vulnerability database (the figure is the
# server's and the indexer's, not the matcher's); in order:
#   1. namespace `hostile` with autoScan; each image of the hostile corpus (make-corpus.py) pushed with skopeo as
#      hostile/CASE:1 (skopeo refuses a config over 4 MiB: config-768m goes through serve-inputs.py push), then a bounded wait until every scan has a final status;
#   2. a 200 MB JSON array POSTed to /api/v1/admission and to /api/v1/namespaces/hostile/allowlist, once with a
#      Content-Length and once chunked (expected 413: Http:MaxRequestBodyBytes, 1 MiB);
#   3. 400 distinct manifests of 4 MiB less 4 KiB pushed, then each GET once by digest (serve-inputs.py manifests);
#   4. 5,000 upload sessions opened, 4 KiB written into each, abandoned (serve-inputs.py uploads).
# The server's VmHWM (/proc/PID/status) is printed after each phase (it only grows) and at the end.
# Usage: bench/hostile/serve.sh [WORK_DIR]   (default .cache/bench-hostile; the corpus is reused)
#        env SCAN_TIMEOUT (600 s, for all scans), DRYDOCK_DLL (a Release drydock.dll instead of building src/Drydock)
# Needs: dotnet, python3, skopeo, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-.cache/bench-hostile}
scan_timeout=${SCAN_TIMEOUT:-600}
mkdir -p "$work"
python3 bench/hostile/make-corpus.py "$work/corpus"

if [[ -z ${DRYDOCK_DLL:-} ]]; then
  dotnet build src/Drydock -c Release -nologo -v q >/dev/null
  DRYDOCK_DLL=artifacts/bin/Drydock/release/drydock.dll
fi

data=$(mktemp -d /tmp/drydock-hostile-serve.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
pid=""
cleanup() {
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [[ ${KEEP:-0} == 1 ]] && echo "data folder kept: $data" >&2 || rm -rf "$data"
}
trap cleanup EXIT

env Logging__LogLevel__Default=Warning dotnet "$DRYDOCK_DLL" serve --data "$data/server" --urls "$base" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$base/v2/" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "serve.sh: drydock exited at start" >&2; exit 1; }
  sleep 0.1
done
hwm() { awk '/^VmHWM:/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status"; }
alive() { kill -0 "$pid" 2>/dev/null || { tail -50 "$work/serve.log" >&2; echo "serve.sh: drydock died" >&2; exit 1; }; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); drydock: $DRYDOCK_DLL; after start-up: VmHWM $(hwm)"

api() { curl -s -o "$data/api.out" -w '%{http_code}' -H 'Content-Type: application/json' "$@"; }
code=$(api -X POST "$base/api/v1/namespaces" -d '{"name": "hostile"}')
[[ $code == 201 ]] || { cat "$data/api.out" >&2; echo "serve.sh: namespace create answered $code" >&2; exit 1; }
code=$(api -X PATCH "$base/api/v1/namespaces/hostile" -d '{"autoScan": true}')
[[ $code == 200 ]] || { cat "$data/api.out" >&2; echo "serve.sh: namespace PATCH answered $code" >&2; exit 1; }

# 1. The corpus, pushed as built (make-corpus.py tags each layout `latest`), scanned by the server.
cases=()
for dir in "$work"/corpus/*/; do
  name=$(basename "$dir")
  cases+=("$name")
  if ! timeout 900 skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$dir:latest" "docker://127.0.0.1:$port/hostile/$name:1" >/dev/null; then
    # skopeo itself refuses a config blob over 4 MiB (config-768m): the same layout pushed over plain HTTP instead.
    echo "serve.sh: skopeo could not push $name; pushing the layout with serve-inputs.py push" >&2
    python3 bench/hostile/serve-inputs.py push "$base" "$dir" "hostile/$name" 1
  fi
done
alive
echo "pushed ${#cases[@]} hostile images: VmHWM $(hwm)"

status_of() {
  curl -s "$base/api/v1/artifacts?repository=hostile/$1" |
    python3 -c 'import json, sys; a = json.load(sys.stdin); print(a[0]["status"] + "\t" + (a[0].get("reason") or "") if isinstance(a, list) and a else "Missing\t")'
}
deadline=$((SECONDS + scan_timeout))
declare -A final=()
while ((${#final[@]} < ${#cases[@]} && SECONDS < deadline)); do
  for name in "${cases[@]}"; do
    [[ -n ${final[$name]:-} ]] && continue
    line=$(status_of "$name")
    case ${line%%$'\t'*} in Success | Failed | NoDatabase | Unsupported) final[$name]=$line ;; esac
  done
  alive
  sleep 1
done
echo "scans final $SECONDS s into the run: VmHWM $(hwm)"
echo
echo "| case | scan status | reason |"
echo "| --- | --- | --- |"
for name in "${cases[@]}"; do
  line=${final[$name]:-"$(status_of "$name") (not final after ${scan_timeout} s)"}
  printf '| %s | %s | %s |\n' "$name" "${line%%$'\t'*}" "$(printf '%s' "${line#*$'\t'}" | cut -c1-200 | tr '|' '/')"
done
echo

# 2. A 200 MB JSON array at two JSON endpoints, with a length and chunked.
big=$work/array-200mb.json
[[ -f $big ]] || python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"[")
    item = b"{\"kind\":\"AdmissionReview\",\"n\":12345678},"
    for _ in range(200_000_000 // len(item)):
        f.write(item)
    f.write(b"0]")' "$big"
for path in /api/v1/admission /api/v1/namespaces/hostile/allowlist; do
  for mode in length chunked; do
    extra=()
    [[ $mode == chunked ]] && extra=(-H 'Transfer-Encoding: chunked')
    # -T streams the file; the server may answer and close before reading it all, which curl reports as a send error.
    out=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -X POST -H 'Content-Type: application/json' "${extra[@]}" -T "$big" "$base$path" || true)
    read -r code sent <<<"$out"
    echo "POST $path, $(stat -c %s "$big") bytes, $mode: HTTP $code after $sent bytes sent"
  done
done
alive
echo "200 MB bodies: VmHWM $(hwm)"

# 3, 4. Large manifests and abandoned uploads.
python3 bench/hostile/serve-inputs.py manifests "$base" "$work"
alive
echo "manifests: VmHWM $(hwm)"
python3 bench/hostile/serve-inputs.py uploads "$base" "$work"
alive
echo "uploads: VmHWM $(hwm)"
echo
echo "peak RSS of drydock serve over the run (VmHWM): $(hwm); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
