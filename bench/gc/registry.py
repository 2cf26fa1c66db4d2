#!/usr/bin/env python3
"""Helper of bench/gc/run.sh, speaking the OCI distribution API over plain HTTP on loopback.

  registry.py populate PORT MANIFESTS BLOBS_PER_MANIFEST REPOS THREADS
      pushes MANIFESTS image manifests, spread over REPOS repositories gc/rN (tags t0, t1, ...), each with its own
      config blob and BLOBS_PER_MANIFEST - 1 layer blobs of 64 random bytes (monolithic POST ?digest= uploads,
      keep-alive connections, THREADS threads). Prints the request count and seconds.
  registry.py probe PORT STOP_FILE MAX_SECONDS MAX_ITERATIONS OUT_JSON
      until STOP_FILE exists (or MAX_SECONDS / MAX_ITERATIONS pass): uploads one 1 KiB blob (monolithic POST) and
      pushes a manifest referencing it into gc/probe, timing each request; writes their latencies to OUT_JSON.
"""
import hashlib
import http.client
import json
import os
import sys
import threading
import time

CONFIG_TYPE = "application/vnd.oci.image.config.v1+json"
LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip"
MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):  # one reconnect if the server closed an idle keep-alive connection
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                return response.status, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        raise AssertionError("unreachable")

    def upload(self, repo, data):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        status, body = self.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest}", data,
                                    {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
        if status != 201:
            raise SystemExit(f"upload to {repo}: {status} {body[:200]!r}")
        return {"digest": digest, "size": len(data)}

    def put_manifest(self, repo, tag, config, layers):
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": MANIFEST_TYPE,
            "config": {"mediaType": CONFIG_TYPE, **config},
            "layers": [{"mediaType": LAYER_TYPE, **layer} for layer in layers],
        }, separators=(",", ":")).encode()
        status, body = self.request("PUT", f"/v2/{repo}/manifests/{tag}", manifest,
                                    {"Content-Type": MANIFEST_TYPE, "Content-Length": str(len(manifest))})
        if status != 201:
            raise SystemExit(f"manifest PUT to {repo}:{tag}: {status} {body[:200]!r}")


def populate(port, manifests, blobs_per_manifest, repos, threads):
    started = time.monotonic()
    errors = []

    def work(first):
        try:
            client = Client(port)
            for i in range(first, manifests, threads):
                repo = f"gc/r{i % repos}"
                config = client.upload(repo, json.dumps({"architecture": "amd64", "os": "linux", "n": i}).encode())
                layers = [client.upload(repo, os.urandom(64)) for _ in range(blobs_per_manifest - 1)]
                client.put_manifest(repo, f"t{i // repos}", config, layers)
        except BaseException as e:  # noqa: BLE001 - reported below, the run fails
            errors.append(e)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise SystemExit(f"populate failed: {errors[0]}")
    seconds = time.monotonic() - started
    print(f"{manifests * (blobs_per_manifest + 1)} requests in {seconds:.1f} s")


def probe(port, stop_file, max_seconds, max_iterations, out):
    client = Client(port)
    config = client.upload("gc/probe", b'{"architecture":"amd64","os":"linux"}')
    uploads, puts = [], []
    deadline = time.monotonic() + max_seconds
    i = 0
    while i < max_iterations and time.monotonic() < deadline and not os.path.exists(stop_file):
        t0 = time.monotonic()
        layer = client.upload("gc/probe", os.urandom(1024))
        t1 = time.monotonic()
        client.put_manifest("gc/probe", f"p{i % 100}", config, [layer])
        t2 = time.monotonic()
        uploads.append((t1 - t0) * 1000)
        puts.append((t2 - t1) * 1000)
        i += 1
        time.sleep(0.005)  # a steady writer, not a flood: the latency under GC is the figure
    with open(out, "w") as f:
        json.dump({"uploadMs": uploads, "manifestPutMs": puts}, f)


def main():
    mode = sys.argv[1]
    if mode == "populate":
        populate(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif mode == "probe":
        probe(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
