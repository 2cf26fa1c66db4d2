#!/usr/bin/env python3
"""Writes the two benchmark images as OCI image layouts (oci:DIR:1):

  DIR/big   one gzip layer holding a 256 MiB file of random (incompressible) bytes
  DIR/many  100 gzip layers of 10 small files each

Usage: make-images.py DIR [BIG_MIB]
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

FIXED_MTIME = 1704067200  # 2024-01-01T00:00:00Z


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return "sha256:" + h.hexdigest(), os.path.getsize(path)


class HashingWriter(io.RawIOBase):
    """Hashes the uncompressed tar stream on its way into gzip (the config's diff_id)."""

    def __init__(self, inner):
        self.inner, self.hash = inner, hashlib.sha256()

    def writable(self):
        return True

    def write(self, b):
        self.hash.update(b)
        return self.inner.write(b)


def add_blob(layout, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout, "blobs", "sha256", digest[7:]), "wb") as f:
        f.write(data)
    return digest, len(data)


def write_layer(layout, files):
    """files: list of (name, size, producer(size) -> bytes or file object)."""
    tmp = os.path.join(layout, "blobs", "layer.tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as gz:
        tee = HashingWriter(gz)
        with tarfile.open(fileobj=tee, mode="w|", format=tarfile.USTAR_FORMAT) as tar:
            for name, size, source in files:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = size, FIXED_MTIME, 0o644
                tar.addfile(info, source)
        diff_id = "sha256:" + tee.hash.hexdigest()
    digest, size = sha256_file(tmp)
    os.rename(tmp, os.path.join(layout, "blobs", "sha256", digest[7:]))
    return {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size}, diff_id


def write_image(layout, layers):
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    descriptors, diff_ids = zip(*(write_layer(layout, files) for files in layers))
    config = {
        "created": "2024-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": list(diff_ids)},
    }
    cdigest, csize = add_blob(layout, json.dumps(config, separators=(",", ":")).encode())
    manifest = {
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cdigest, "size": csize},
        "layers": list(descriptors),
    }
    mdigest, msize = add_blob(layout, json.dumps(manifest, separators=(",", ":")).encode())
    index = {"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": mdigest, "size": msize,
        "annotations": {"org.opencontainers.image.ref.name": "1"}}]}
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump(index, f)
    return mdigest


class RandomReader(io.RawIOBase):
    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def readinto(self, b):
        n = min(len(b), self.left)
        b[:n] = os.urandom(n)
        self.left -= n
        return n


def main():
    out = sys.argv[1]
    big_mib = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    size = big_mib << 20
    print("big:", write_image(os.path.join(out, "big"),
                              [[("data/random.bin", size, io.BufferedReader(RandomReader(size), 1 << 20))]]))
    layers = []
    for i in range(100):
        files = []
        for j in range(10):
            data = (f"layer {i} file {j}\n".encode() + os.urandom(1024).hex().encode())
            files.append((f"layer{i:03}/file{j}.txt", len(data), io.BytesIO(data)))
        layers.append(files)
    print("many:", write_image(os.path.join(out, "many"), layers))


if __name__ == "__main__":
    main()
