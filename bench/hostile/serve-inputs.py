#!/usr/bin/env python3
"""The hostile HTTP inputs of issue 16, sent to a running `drydock serve` (used by bench/hostile/serve.sh).

Usage: serve-inputs.py PHASE BASE_URL WORK_DIR | serve-inputs.py push BASE_URL LAYOUT REPOSITORY TAG
  push        pushes the image of an OCI layout (index.json's first manifest) blob by blob, each streamed from disk
  manifests   pushes MANIFESTS (400) distinct image manifests of just under 4 MiB (Registry:MaxManifestBytes, the
              default 4 MiB, less 4 KiB) to bigmanifests/m, a large annotation making each distinct, then GETs each once
              by digest from 8 threads, checking status and length
  uploads     opens UPLOADS (5,000) upload sessions on junk/uploads, writes 4 KiB into each and abandons them
Prints one line per phase: counts of HTTP status codes and anything unexpected. Loopback only; nothing is kept in
memory beyond one manifest per thread.
"""
import collections, concurrent.futures, hashlib, http.client, json, os, sys, urllib.parse

MANIFEST_BYTES = 4 * 1024 * 1024 - 4096
MANIFESTS = int(os.environ.get("MANIFESTS", "400"))
UPLOADS = int(os.environ.get("UPLOADS", "5000"))
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def connect(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response.status, response.getheader("Location"), data


def push_blob(conn, repo, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    status, location, body = request(conn, "POST", f"/v2/{repo}/blobs/uploads/")
    assert status == 202, (status, body)
    sep = "&" if "?" in location else "?"
    status, _, body = request(conn, "PUT", f"{location}{sep}digest={digest}", data,
                              {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
    assert status == 201, (status, body)
    return {"digest": digest, "size": len(data)}


def push_layout(base, layout, repo, tag):
    """Pushes the first manifest of an OCI layout: each blob streamed from its file, then the manifest by tag."""
    with open(os.path.join(layout, "index.json")) as f:
        descriptor = json.load(f)["manifests"][0]
    blobs = os.path.join(layout, "blobs", "sha256")
    with open(os.path.join(blobs, descriptor["digest"].split(":")[1]), "rb") as f:
        data = f.read()
    doc = json.loads(data)
    conn = connect(base)
    for blob in [doc["config"]] + doc["layers"]:
        status, location, body = request(conn, "POST", f"/v2/{repo}/blobs/uploads/")
        assert status == 202, (status, body)
        sep = "&" if "?" in location else "?"
        with open(os.path.join(blobs, blob["digest"].split(":")[1]), "rb") as f:
            status, _, body = request(conn, "PUT", f"{location}{sep}digest={blob['digest']}", f,
                                      {"Content-Type": "application/octet-stream", "Content-Length": str(blob["size"])})
        assert status == 201, (status, body)
    status, _, body = request(conn, "PUT", f"/v2/{repo}/manifests/{tag}", data,
                              {"Content-Type": descriptor["mediaType"], "Content-Length": str(len(data))})
    assert status == 201, (status, body)
    print(f"pushed {layout} as {repo}:{tag}", file=sys.stderr)


def manifest(i, config, layer):
    """An image manifest of exactly MANIFEST_BYTES whose annotation starts with its index: every one distinct."""
    doc = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", **layer}],
           "annotations": {"bench.padding": ""}}
    empty = len(json.dumps(doc, separators=(",", ":")).encode())
    prefix = f"{i:06d}-"
    doc["annotations"]["bench.padding"] = prefix + "x" * (MANIFEST_BYTES - empty - len(prefix))
    data = json.dumps(doc, separators=(",", ":")).encode()
    assert len(data) == MANIFEST_BYTES, len(data)
    return data


def manifests(base, _work):
    repo = "bigmanifests/m"
    conn = connect(base)
    config = push_blob(conn, repo, json.dumps({"architecture": "amd64", "os": "linux",
                                               "rootfs": {"type": "layers", "diff_ids": []}}).encode())
    layer = push_blob(conn, repo, b"\0" * 1024)
    digests, puts = [], collections.Counter()
    for i in range(MANIFESTS):
        data = manifest(i, config, layer)
        status, _, body = request(conn, "PUT", f"/v2/{repo}/manifests/t{i}", data,
                                  {"Content-Type": OCI_MANIFEST, "Content-Length": str(len(data))})
        puts[status] += 1
        if status != 201:
            print(f"manifest PUT t{i}: {status} {body[:300]!r}", file=sys.stderr)
            continue
        digests.append("sha256:" + hashlib.sha256(data).hexdigest())
    conn.close()

    def get_all(part):
        c, counts = connect(base), collections.Counter()
        for digest in part:
            status, _, body = request(c, "GET", f"/v2/{repo}/manifests/{digest}", headers={"Accept": OCI_MANIFEST})
            ok = status == 200 and len(body) == MANIFEST_BYTES and "sha256:" + hashlib.sha256(body).hexdigest() == digest
            counts[status if ok else f"{status}-bad"] += 1
        c.close()
        return counts

    gets = collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for counts in pool.map(get_all, [digests[k::8] for k in range(8)]):
            gets.update(counts)
    print(f"manifests: {MANIFESTS} PUTs of {MANIFEST_BYTES} bytes: {dict(puts)}; {len(digests)} GETs by digest: {dict(gets)}")


def uploads(base, _work):
    repo = "junk/uploads"
    conn = connect(base)
    starts, patches = collections.Counter(), collections.Counter()
    chunk = b"u" * 4096
    for _ in range(UPLOADS):
        status, location, body = request(conn, "POST", f"/v2/{repo}/blobs/uploads/")
        starts[status] += 1
        if status != 202:
            continue
        status, _, body = request(conn, "PATCH", location, chunk,
                                  {"Content-Type": "application/octet-stream", "Content-Length": str(len(chunk)),
                                   "Content-Range": f"0-{len(chunk) - 1}"})
        patches[status] += 1
    conn.close()
    print(f"uploads: {UPLOADS} sessions opened: {dict(starts)}; 4 KiB PATCH into each: {dict(patches)}; none completed")


if __name__ == "__main__":
    if sys.argv[1] == "push":
        push_layout(*sys.argv[2:6])
        sys.exit(0)
    phase, base, work = sys.argv[1:4]
    {"manifests": manifests, "uploads": uploads}[phase](base, work)
