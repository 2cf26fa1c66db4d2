#!/usr/bin/env python3
"""Writes one OCI layout holding COUNT small images, refs img-0 … img-(COUNT-1), each with one
distinct uncompressed layer of SIZE bytes, so that `skopeo copy --dest-compress` must gzip every layer
while it pushes (and no push can skip a blob another push already sent).

Usage: make-images.py LAYOUT_DIR COUNT SIZE     Deterministic (seeded), mtime 0."""
import hashlib, io, json, os, random, sys, tarfile

layout, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
blobs = os.path.join(layout, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)


def blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": f"sha256:{digest}", "size": len(data)}


# Words drawn at random: compressible about 3:1, so gzip has real work to do. One text is made once and each
# image takes its own slice of it, behind its own first line, so every layer is distinct.
rng = random.Random(0)
words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(4096)]
text_all = b" ".join(rng.choices(words, k=(size + count * 4096) // 5 + 1))
manifests = []
for n in range(count):
    text = (b"img-%d\n" % n + text_all[n * 4096:n * 4096 + size])[:size]
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        info = tarfile.TarInfo(f"data/img-{n}.txt")
        info.size, info.mtime = len(text), 0
        tar.addfile(info, io.BytesIO(text))
    layer = blob(tar_buffer.getvalue())
    config = blob(json.dumps({"architecture": "amd64", "os": "linux",
                              "rootfs": {"type": "layers", "diff_ids": [layer["digest"]]}}).encode())
    manifest = blob(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
                                "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", **layer}]}).encode())
    manifests.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest,
                      "annotations": {"org.opencontainers.image.ref.name": f"img-{n}"}})
with open(os.path.join(layout, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": manifests}, f)
with open(os.path.join(layout, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')
