#!/usr/bin/env python3
"""Writes the hostile test corpus: OCI image layouts built to exhaust a scanner's memory.

Usage: make-corpus.py OUT_DIR [CASE ...]     (default: every case; a case already written is kept)

Deterministic: fixed seeds, mtime 0, uid 0, gzip without a timestamp, so the same digests come out on
every machine. Layers stream through gzip and hashing; nothing is held whole in memory.

Cases (each an OCI layout OUT_DIR/NAME, scanned as oci:OUT_DIR/NAME):
  dpkg-one-line    a ~3.6 MB gzip layer whose var/lib/dpkg/status is one 900 MiB line, compressing
                   about 250:1, under the 500:1 decompression-ratio guard
  config-768m      an image whose config blob is 768 MiB
  dotdot-300k      one layer of 300,000 entries named ../escape/N (one warning each)
  dpkg-stanzas     a 60 MiB status of 1.2 million minimal stanzas (one package each)
  gzip-bomb        a 1 GiB run of zeros in one gzip layer, ~1000:1
  apk-one-line     lib/apk/db/installed as one 900 MiB line
"""
import gzip, hashlib, io, json, os, random, sys, tarfile

MiB = 1 << 20
OS_RELEASE = b'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'


class HashWriter(io.RawIOBase):
    """Counts and hashes what passes through to `inner`."""

    def __init__(self, inner):
        self.inner, self.sha, self.size = inner, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.inner.write(data) if self.inner is not None else len(data)


class Generated(io.RawIOBase):
    """`length` bytes made by repeating `block` (bytes), read forward."""

    def __init__(self, block, length):
        self.block, self.length, self.pos = block, length, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.length - self.pos)
        done = 0
        while done < n:
            offset = (self.pos + done) % len(self.block)
            take = min(n - done, len(self.block) - offset)
            buffer[done:done + take] = self.block[offset:offset + take]
            done += take
        self.pos += n
        return n


def noisy_letters(seed, size, every):
    """`size` bytes of 'a' with a pseudo-random letter every `every` bytes: no newline, and just enough
    entropy that gzip stays near 250:1 instead of its 1000:1 on a pure run."""
    rng = random.Random(seed)
    block = bytearray(b"a" * size)
    for i in range(0, size, every):
        block[i] = rng.choice(b"bcdefghijklmnopqrstuvwxyz")
    return bytes(block)


def entry(name, size, kind=tarfile.REGTYPE):
    info = tarfile.TarInfo(name)
    info.size, info.type, info.mtime, info.mode, info.uid, info.gid = size, kind, 0, 0o644, 0, 0
    return info


def write_layer(blobs, files):
    """files: iterable of (name, size, fileobj or bytes). Returns (descriptor, diff_id)."""
    tmp = os.path.join(blobs, "layer.tmp")
    with open(tmp, "wb") as raw:
        compressed = HashWriter(raw)
        gz = gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=6, mtime=0)
        tar_bytes = HashWriter(gz)
        with tarfile.open(fileobj=tar_bytes, mode="w|", format=tarfile.GNU_FORMAT) as tar:
            for name, size, content in files:
                data = io.BytesIO(content) if isinstance(content, bytes) else content
                tar.addfile(entry(name, size), data if size else None)
        gz.close()
    digest = compressed.sha.hexdigest()
    os.replace(tmp, os.path.join(blobs, digest))
    return ({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{digest}", "size": compressed.size},
            f"sha256:{tar_bytes.sha.hexdigest()}")


def write_blob(blobs, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": f"sha256:{digest}", "size": len(data)}


def write_layout(layout, layers, config_filler=0):
    blobs = os.path.join(layout, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    descriptors, diff_ids = [], []
    for files in layers:
        descriptor, diff_id = write_layer(blobs, files)
        descriptors.append(descriptor)
        diff_ids.append(diff_id)
    config = {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": diff_ids}}
    if config_filler:
        # A config is any JSON; this one carries a history comment of config_filler bytes, streamed to disk.
        head = json.dumps(config)[:-1].encode() + b', "history": [{"comment": "'
        tail = b'"}]}'
        filler = config_filler - len(head) - len(tail)
        sha, tmp = hashlib.sha256(), os.path.join(blobs, "config.tmp")
        with open(tmp, "wb") as f:
            for part in [head] + [b"x" * MiB] * (filler // MiB) + [b"x" * (filler % MiB), tail]:
                sha.update(part)
                f.write(part)
        os.replace(tmp, os.path.join(blobs, sha.hexdigest()))
        cdesc = {"digest": f"sha256:{sha.hexdigest()}", "size": config_filler}
    else:
        cdesc = write_blob(blobs, json.dumps(config).encode())
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **cdesc},
                           "layers": descriptors}).encode()
    mdesc = write_blob(blobs, manifest)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", **mdesc,
                   "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, f)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')


def dpkg_one_line():
    size = 900 * MiB
    return [[("etc/os-release", len(OS_RELEASE), OS_RELEASE),
             ("var/lib/dpkg/status", size, Generated(noisy_letters(1, MiB, 1024), size))]]


def apk_one_line():
    size = 900 * MiB
    release = b"ID=alpine\nVERSION_ID=3.20.0\n"
    return [[("etc/os-release", len(release), release),
             ("lib/apk/db/installed", size, Generated(noisy_letters(2, MiB, 1024), size))]]


def config_768m():
    status = b"Package: a\nStatus: install ok installed\nVersion: 1\nArchitecture: amd64\n\n"
    return [[("etc/os-release", len(OS_RELEASE), OS_RELEASE), ("var/lib/dpkg/status", len(status), status)]]


def dotdot_300k():
    return [(f"../escape/{i}", 0, b"") for i in range(300_000)]


def dpkg_stanzas():
    count = 1_200_000
    text = b"".join(b"Package: p%d\nStatus: install ok installed\nVersion: 1\n\n" % i for i in range(count))
    return [[("etc/os-release", len(OS_RELEASE), OS_RELEASE), ("var/lib/dpkg/status", len(text), text)]]


def gzip_bomb():
    size = 1 << 30
    return [[("zeros", size, Generated(b"\0" * MiB, size))]]


CASES = {
    "dpkg-one-line": lambda d: write_layout(d, dpkg_one_line()),
    "config-768m": lambda d: write_layout(d, config_768m(), config_filler=768 * MiB),
    "dotdot-300k": lambda d: write_layout(d, [dotdot_300k()]),
    "dpkg-stanzas": lambda d: write_layout(d, dpkg_stanzas()),
    "gzip-bomb": lambda d: write_layout(d, gzip_bomb()),
    "apk-one-line": lambda d: write_layout(d, apk_one_line()),
}

if __name__ == "__main__":
    out, names = sys.argv[1], sys.argv[2:] or list(CASES)
    for name in names:
        layout = os.path.join(out, name)
        if os.path.exists(os.path.join(layout, "index.json")):
            continue
        CASES[name](layout)
        print(f"{name}: written", file=sys.stderr)
