#!/usr/bin/env bash
# Registry benchmark: Drydock (`drydock serve`, Release build) against CNCF distribution 2.8.2 (Debian's
# docker-registry), in one run, on loopback, same machine, same client (skopeo), same images:
#   - skopeo push and pull of a 256 MiB single-layer image and of a 100-layer image of small files
#     (REPS repetitions, median; every repetition starts both registries on empty data folders, so every
#     push really uploads and nothing is mounted from an earlier repetition);
#   - raw blob GET throughput (curl to /dev/null), one stream and 8 concurrent;
#   - manifest GET latency, wrk -t2 -c100 -d10s --latency (p50/p99), after an unmeasured 5 s wrk pass;
#   - the client's floor: the same skopeo copy between two local OCI layouts, with no registry at all;
#   - peak RSS of each server (VmHWM from /proc/PID/status, highest over all its processes in the run).
# Usage: bench/registry/run.sh [REPS]      env: BIG_MIB (256), WRK_DURATION (10s), WRK_WARMUP (5s), KEEP=1 keeps the work folder,
#        DRYDOCK_DLL (a Release drydock.dll to use instead of publishing src/Drydock ReadyToRun),
#        DRYDOCK_ENV (NAME=VALUE words for the drydock process only, e.g. DOTNET_TieredCompilation=0)
# Needs: dotnet, python3, skopeo, curl, wrk, docker-registry (scripts/deps/registry-e2e.apt).
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-3}
big_mib=${BIG_MIB:-256}
wrk_duration=${WRK_DURATION:-10s}
wrk_warmup=${WRK_WARMUP:-5s}
distribution_bin=/usr/bin/docker-registry
# IMPLS narrows the run (e.g. IMPLS=distribution to check the script itself); the figures need both.
read -r -a impls <<<"${IMPLS:-distribution drydock}"
for tool in dotnet python3 skopeo curl wrk "$distribution_bin"; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install the packages in scripts/deps/registry-e2e.apt)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/drydock-bench.XXXXXX)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
pid=""
declare -A peak_kib=([distribution]=0 [drydock]=0)
cleanup() {
  [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null || true
  [[ ${KEEP:-0} == 1 ]] && echo "work folder kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

echo "== building drydock (Release) and the images" >&2
if [[ -n ${DRYDOCK_DLL:-} ]]; then
  dll=$DRYDOCK_DLL # a Release drydock.dll built elsewhere
else
  # Published ReadyToRun, as a deployment would run it: precompiled code, so the JIT does not compete with the
  # requests on two cores during the first seconds of each measurement (docs/benchmarks/registry.md).
  dotnet publish src/Drydock -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/drydock" -nologo -v q >&2
  dll=$work/drydock/drydock.dll
fi
python3 bench/registry/make-images.py "$work/images" "$big_mib" >&2
layout_bytes() { du -sb --apparent-size "$work/images/$1/blobs" | cut -f1; }
declare -A image_bytes=([big]=$(layout_bytes big) [many]=$(layout_bytes many))

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.9f\", $* }" 2>/dev/null || echo 0; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# start IMPL: starts IMPL on an empty data folder; sets pid and port.
start() {
  local impl=$1 data
  data=$(mktemp -d "$work/data-$impl.XXXX")
  port=$(free_port)
  if [[ $impl == distribution ]]; then
    cat >"$data/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $data/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    "$distribution_bin" serve "$data/config.yml" >"$data/log" 2>&1 &
  else
    # Warnings and errors only, as distribution above: per-request logging is not what is measured.
    # shellcheck disable=SC2086 # DRYDOCK_ENV is a list of NAME=VALUE words
    env Logging__LogLevel__Default=Warning ${DRYDOCK_ENV:-} dotnet "$dll" serve --data "$data" --urls "http://127.0.0.1:$port" >"$data/log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/v2/" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$data/log" >&2; echo "run.sh: $impl exited at start" >&2; exit 1; }
    sleep 0.1
  done
  echo "run.sh: $impl did not answer GET /v2/" >&2
  exit 1
}

# stop IMPL: records the process's peak RSS, then SIGTERM.
stop() {
  local impl=$1 hwm
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  ((hwm > peak_kib[$impl])) && peak_kib[$impl]=$hwm
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

copy() { skopeo --insecure-policy copy -q --src-tls-verify=false --dest-tls-verify=false "$@" >/dev/null; }

# timed COMMAND...: prints the seconds COMMAND took.
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); calc "$t1 - $t0"; }

# cpu_seconds: user + system CPU the running server has used so far (clock ticks in /proc/PID/stat fields 14, 15).
# CPU per operation barely depends on how busy the machine is, unlike wall time, so it is reported beside it.
clk_tck=$(getconf CLK_TCK)
cpu_seconds() { awk -v hz="$clk_tck" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$pid/stat"; }

declare -A samples
record() { samples[$1]+="$2"$'\n'; }

echo "== push/pull, $reps repetitions" >&2
for rep in $(seq 1 "$reps"); do
  for impl in "${impls[@]}"; do
    start "$impl"
    for image in big many; do
      c0=$(cpu_seconds)
      s=$(timed copy "oci:$work/images/$image:1" "docker://127.0.0.1:$port/bench/$image:1")
      c1=$(cpu_seconds)
      record "$impl push $image" "$s"
      record "$impl push $image cpu" "$(calc "$c1 - $c0")"
      s=$(timed copy "docker://127.0.0.1:$port/bench/$image:1" "oci:$work/pull-$impl-$image:1")
      c2=$(cpu_seconds)
      record "$impl pull $image" "$s"
      record "$impl pull $image cpu" "$(calc "$c2 - $c1")"
      rm -rf "$work/pull-$impl-$image"
      echo "   rep $rep $impl $image done" >&2
    done
    stop "$impl"
  done
done

# The client's own floor: skopeo copying the same image between two local OCI layouts, no registry and no
# network. A push or pull through any registry cannot take less, so this bounds the reachable ratio.
for rep in $(seq 1 "$reps"); do
  for image in big many; do
    record "local $image" "$(timed copy "oci:$work/images/$image:1" "oci:$work/local-$image:1")"
    rm -rf "$work/local-$image"
  done
done

declare -A single_gbps single_cpu concurrent_gbps p50 p99 rps wrk_cpu_us
manifest_digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"])' "$work/images/big/index.json")
big_layer=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' "$work/images/big/blobs/sha256/${manifest_digest#sha256:}")
big_layer_bytes=$(stat -c %s "$work/images/big/blobs/sha256/${big_layer#sha256:}")

# to_ms VALUE: wrk latency (e.g. 812.00us, 1.20ms, 1.01s) in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

echo "== blob GET throughput and manifest GET latency" >&2
for impl in "${impls[@]}"; do
  start "$impl"
  copy "oci:$work/images/big:1" "docker://127.0.0.1:$port/bench/big:1"
  blob_url="http://127.0.0.1:$port/v2/bench/big/blobs/$big_layer"
  c0=$(cpu_seconds)
  for _ in 1 2 3; do
    out=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$blob_url")
    read -r code size secs <<<"$out"
    [[ $code == 200 && $size == "$big_layer_bytes" ]] || { echo "run.sh: $impl blob GET answered $code with $size bytes" >&2; exit 1; }
    calc "$size / $secs / 1000000000"; echo
  done | median >"$work/single"
  single_gbps[$impl]=$(cat "$work/single")
  single_cpu[$impl]=$(calc "($(cpu_seconds) - $c0) / 3")

  t0=$(now)
  curls=()
  for i in 1 2 3 4 5 6 7 8; do
    curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$blob_url" >"$work/c$i" &
    curls+=($!)
  done
  wait "${curls[@]}"
  t1=$(now)
  for i in 1 2 3 4 5 6 7 8; do
    read -r code size <"$work/c$i"
    [[ $code == 200 && $size == "$big_layer_bytes" ]] || { echo "run.sh: $impl concurrent blob GET answered $code with $size bytes" >&2; exit 1; }
  done
  concurrent_gbps[$impl]=$(calc "8 * $big_layer_bytes / ($t1 - $t0) / 1000000000")

  # Latency of a running server, not of its first seconds: an unmeasured pass first, the same for both servers
  # (a just-started .NET process is still compiling its hot path; distribution is compiled ahead of time).
  wrk -t2 -c100 -d"$wrk_warmup" -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "http://127.0.0.1:$port/v2/bench/big/manifests/1" >/dev/null
  c0=$(cpu_seconds)
  # drydock: one Prometheus scrape of /metrics halfway through the measured pass (as a scraper would; it is the meters'
  # recording that is measured, not the scraping), and one after it, whose manifest request count shows the recording.
  scrape_pid=""
  if [[ $impl == drydock ]]; then
    (sleep "$(calc "${wrk_duration%s} / 2")"; curl -s -m 10 -o "$work/metrics-during" -w '%{http_code}' "http://127.0.0.1:$port/metrics" >"$work/metrics-during.code") &
    scrape_pid=$!
  fi
  wrk -t2 -c100 -d"$wrk_duration" --latency \
    -H "Accept: application/vnd.oci.image.manifest.v1+json" \
    "http://127.0.0.1:$port/v2/bench/big/manifests/1" >"$work/wrk-$impl.txt"
  if [[ -n $scrape_pid ]]; then
    wait "$scrape_pid" || true
    after=$(curl -s -m 10 -o "$work/metrics-after" -w '%{http_code}' "http://127.0.0.1:$port/metrics" || true)
    manifest_count=$(awk '/^http_server_request_duration_seconds_count/ && /drydock_registry_resource="manifest"/ && /http_request_method="GET"/ && /http_response_status_code="200"/ { n += $NF } END { printf "%d", n }' "$work/metrics-after" 2>/dev/null || echo 0)
    metrics_line="/metrics during the measured pass: HTTP $(cat "$work/metrics-during.code"), $(wc -c <"$work/metrics-during") bytes; after it: HTTP $after, manifest GET 200 count $manifest_count"
  fi
  grep -qE "Non-2xx|Socket errors" "$work/wrk-$impl.txt" && { cat "$work/wrk-$impl.txt" >&2; echo "run.sh: $impl had errors under wrk" >&2; }
  p50[$impl]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk-$impl.txt")")
  p99[$impl]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk-$impl.txt")")
  rps[$impl]=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$impl.txt")
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk-$impl.txt")
  wrk_cpu_us[$impl]=$(calc "($(cpu_seconds) - $c0) * 1000000 / $requests")
  stop "$impl"
done

mbps() { calc "${image_bytes[$2]} / $1 / 1048576"; }
printf '\nmachine: %s, %s CPUs, %s; drydock: %s; %s\n' "$(uname -r)" "$(nproc)" "$(awk '/MemTotal/ { printf "%d GiB RAM", $2 / 1048576 }' /proc/meminfo)" \
  "$dll" "$(dpkg-query -W -f='docker-registry ${Version}, skopeo ' docker-registry)$(dpkg-query -W -f='${Version}' skopeo)"
printf 'drydock environment: %s\n' "${DRYDOCK_ENV:-(default)}"
[[ -n ${metrics_line:-} ]] && printf 'drydock %s\n' "$metrics_line"
printf 'load average (1/5/15 min) at start: %s, at end: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'images: big = %s bytes (1 layer), many = %s bytes (100 layers); %s repetitions, median\n\n' "${image_bytes[big]}" "${image_bytes[many]}" "$reps"
printf '| measurement | distribution 2.8.2 | drydock | drydock / distribution |\n|---|---:|---:|---:|\n'
for op in push pull; do
  for image in big many; do
    d=$(printf '%s' "${samples[distribution $op $image]:-0}" | median)
    y=$(printf '%s' "${samples[drydock $op $image]:-0}" | median)
    printf '| skopeo %s %s: seconds (MiB/s) | %.2f (%.1f) | %.2f (%.1f) | %.2f× throughput |\n' "$op" "$image" \
      "$d" "$(mbps "$d" "$image")" "$y" "$(mbps "$y" "$image")" "$(calc "$d / $y")"
  done
done
for image in big many; do
  l=$(printf '%s' "${samples[local $image]:-0}" | median)
  d=$(printf '%s' "${samples[distribution pull $image]:-0}" | median)
  printf '| client floor, skopeo oci→oci %s without a registry: seconds | %.2f | | at most %.2f× over distribution'"'"'s pull |\n' "$image" "$l" "$(calc "$d / $l")"
done
printf '| blob GET, 1 stream: GB/s | %.2f | %.2f | %.2f× |\n' "${single_gbps[distribution]:-0}" "${single_gbps[drydock]:-0}" \
  "$(calc "${single_gbps[drydock]:-0} / ${single_gbps[distribution]:-0}")"
printf '| blob GET, 8 concurrent: GB/s (total) | %.2f | %.2f | %.2f× |\n' "${concurrent_gbps[distribution]:-0}" "${concurrent_gbps[drydock]:-0}" \
  "$(calc "${concurrent_gbps[drydock]:-0} / ${concurrent_gbps[distribution]:-0}")"
printf '| manifest GET, 100 connections: p50 ms | %.2f | %.2f | |\n' "${p50[distribution]:-0}" "${p50[drydock]:-0}"
printf '| manifest GET, 100 connections: p99 ms | %.2f | %.2f | |\n' "${p99[distribution]:-0}" "${p99[drydock]:-0}"
printf '| manifest GET, 100 connections: requests/s | %.0f | %.0f | %.2f× |\n' "${rps[distribution]:-0}" "${rps[drydock]:-0}" \
  "$(calc "${rps[drydock]:-0} / ${rps[distribution]:-0}")"
printf '| peak RSS: MiB | %.0f | %.0f | |\n' "$(calc "${peak_kib[distribution]} / 1024")" "$(calc "${peak_kib[drydock]} / 1024")"

printf '\nServer CPU (user + system seconds of the server process, /proc/PID/stat) per operation; unlike the wall-clock\nfigures above, it hardly depends on other load on the machine:\n\n'
printf '| operation | distribution 2.8.2 | drydock | drydock / distribution |\n|---|---:|---:|---:|\n'
for op in push pull; do
  for image in big many; do
    d=$(printf '%s' "${samples[distribution $op $image cpu]:-0}" | median)
    y=$(printf '%s' "${samples[drydock $op $image cpu]:-0}" | median)
    printf '| skopeo %s %s: server CPU s | %.2f | %.2f | %.2f× |\n' "$op" "$image" "$d" "$y" "$(calc "$y / $d")"
  done
done
printf '| blob GET 256 MiB (curl): server CPU s | %.2f | %.2f | %.2f× |\n' "${single_cpu[distribution]:-0}" "${single_cpu[drydock]:-0}" \
  "$(calc "${single_cpu[drydock]:-0} / ${single_cpu[distribution]:-0}")"
printf '| manifest GET under wrk: server CPU µs per request | %.0f | %.0f | %.2f× |\n' "${wrk_cpu_us[distribution]:-0}" "${wrk_cpu_us[drydock]:-0}" \
  "$(calc "${wrk_cpu_us[drydock]:-0} / ${wrk_cpu_us[distribution]:-0}")"
