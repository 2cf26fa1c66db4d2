#!/usr/bin/env python3
"""Writes an OCI image layout from already-compressed layer files (gzip), bottom first.

Usage: make-oci.py LAYOUT_DIR LAYER.tar.gz [LAYER.tar.gz ...]
The diff ids are computed by decompressing each layer once (gzip -dc | sha256sum).
"""
import hashlib, json, os, shutil, subprocess, sys

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

def write_blob(blobs, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return digest, len(data)

layout, layers = sys.argv[1], sys.argv[2:]
blobs = os.path.join(layout, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)
descriptors, diff_ids = [], []
for layer in layers:
    digest = sha256_file(layer)
    diff = subprocess.run(f"gzip -dc '{layer}' | sha256sum", shell=True, check=True, capture_output=True, text=True).stdout.split()[0]
    shutil.copyfile(layer, os.path.join(blobs, digest))
    descriptors.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{digest}", "size": os.path.getsize(layer)})
    diff_ids.append(f"sha256:{diff}")
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
cdigest, csize = write_blob(blobs, config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": f"sha256:{cdigest}", "size": csize},
                       "layers": descriptors}).encode()
mdigest, msize = write_blob(blobs, manifest)
with open(os.path.join(layout, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": f"sha256:{mdigest}", "size": msize,
               "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, f)
with open(os.path.join(layout, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion":"1.0.0"}')
