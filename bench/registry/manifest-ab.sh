#!/usr/bin/env bash
# Manifest GET requests/s and p99 of two drydock builds, runs alternated (A B, B A, A B, ...) so that drift in the
# machine's load falls on both alike; each run is `BIG_MIB=1 IMPLS=drydock DRYDOCK_DLL=DLL bench/registry/run.sh 1`
# (its manifest GET part: wrk -t2 -c100 -d10s --latency after an unmeasured 5 s pass; the 1 MiB image keeps the
# push/pull part short, and the manifest GET does not depend on it). Prints one row per run and the medians.
# Before each run it waits (at most WAIT_MAX s, default 300) until no other wrk or bench/registry/run.sh is running
# (or metrics-overhead.sh, another helper's driver) is running on the machine, and it reports when another wrk overlapped a run anyway.
# Usage: bench/registry/manifest-ab.sh NAME_A DLL_A NAME_B DLL_B [ROUNDS]    (ROUNDS default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
names=("$1" "$3")
dlls=("$2" "$4")
rounds=${5:-3}
wait_max=${WAIT_MAX:-300}
out=$(mktemp -d /tmp/manifest-ab.XXXXXX)

others() { { pgrep -x wrk || true; pgrep -f 'bench/registry/(run|metrics-overhead)\.sh' || true; } | wc -l; }

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
field() { awk -F'|' -v m="$2" 'index($2, m) { gsub(/ /, "", $4); print $4 }' "$1"; }

echo "| run | started (UTC) | load (1 min) | requests/s | p50 ms | p99 ms | server CPU µs/request | other wrk overlapped |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |"
declare -A rps p99
for round in $(seq 1 "$rounds"); do
  order=(0 1)
  ((round % 2 == 0)) && order=(1 0)
  for i in "${order[@]}"; do
    waited=0
    while (($(others) > 0 && waited < wait_max)); do sleep 2; waited=$((waited + 2)); done
    started=$(date -u +%H:%M:%S)
    load=$(cut -d' ' -f1 /proc/loadavg)
    # Counts wrk processes while the run lasts: ours is at most one, more means another overlapped.
    echo 0 >"$out/wrk-peak"
    (peak=0; while :; do n=$(pgrep -x wrk | wc -l || true); if ((n > peak)); then peak=$n; echo "$peak" >"$out/wrk-peak"; fi; sleep 0.5; done) &
    sampler=$!
    log=$out/run-$round-$i.txt
    BIG_MIB=1 IMPLS=drydock DRYDOCK_DLL=${dlls[$i]} bench/registry/run.sh 1 >"$log" 2>"$log.err" || { cat "$log.err" >&2; echo "manifest-ab.sh: run.sh failed" >&2; }
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    overlapped=$([[ $(cat "$out/wrk-peak") -gt 1 ]] && echo yes || echo no)
    r=$(field "$log" "manifest GET, 100 connections: requests/s")
    p=$(field "$log" "manifest GET, 100 connections: p99 ms")
    echo "| ${names[$i]} | $started | $load | $r | $(field "$log" "manifest GET, 100 connections: p50 ms") | $p | $(field "$log" "manifest GET under wrk") | $overlapped |"
    rps[$i]+="$r"$'\n'
    p99[$i]+="$p"$'\n'
  done
done
echo
for i in 0 1; do
  echo "${names[$i]}: median requests/s $(printf '%s' "${rps[$i]}" | median), median p99 $(printf '%s' "${p99[$i]}" | median) ms over $rounds runs"
done
echo "run logs: $out"
