#!/usr/bin/env python3
"""Writes a one-layer OCI image layout around a layer tar (plain or gzip), for `drydock sbom oci:DIR`."""
import hashlib, json, os, shutil, sys

def blob(layout, data_or_path):
    if isinstance(data_or_path, bytes):
        digest = hashlib.sha256(data_or_path).hexdigest()
        with open(os.path.join(layout, "blobs", "sha256", digest), "wb") as f:
            f.write(data_or_path)
        return digest, len(data_or_path)
    h = hashlib.sha256()
    with open(data_or_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    target = os.path.join(layout, "blobs", "sha256", digest)
    if not os.path.exists(target):
        os.link(data_or_path, target) if os.stat(data_or_path).st_dev == os.stat(layout).st_dev else shutil.copy(data_or_path, target)
    return digest, os.path.getsize(data_or_path)

def main(layer, diff_tar, layout):
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    gz = layer.endswith(".gz")
    layer_digest, layer_size = blob(layout, layer)
    diff_digest = blob_digest(diff_tar)
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_digest]}, "config": {}}).encode()
    config_digest, config_size = blob(layout, config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + config_digest, "size": config_size},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar" + ("+gzip" if gz else ""), "digest": "sha256:" + layer_digest, "size": layer_size}]}).encode()
    manifest_digest, manifest_size = blob(layout, manifest)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + manifest_digest, "size": manifest_size,
            "annotations": {"org.opencontainers.image.ref.name": "latest"}, "platform": {"architecture": "amd64", "os": "linux"}}]}, f)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)

def blob_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

if __name__ == "__main__":
    main(*sys.argv[1:4])
