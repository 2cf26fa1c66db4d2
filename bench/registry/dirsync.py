#!/usr/bin/env python3
# Cost of making a blob commit durable, as FileSystemBlobStore.CommitUploadAsync does it: write and fsync a staged
# file, rename it into a blob directory, then fsync that directory (or not). Alternates both variants three times.
# Usage: bench/registry/dirsync.py DIR COMMITS      (DIR on the file system the data directory lives on)
import os, sys, time, statistics
root = sys.argv[1]; n = int(sys.argv[2])
os.makedirs(f"{root}/uploads", exist_ok=True); os.makedirs(f"{root}/blobs/ab", exist_ok=True)
data = os.urandom(4096)
def commit(i, dirsync):
    p = f"{root}/uploads/u{i}"
    t0 = time.perf_counter()
    fd = os.open(p, os.O_WRONLY | os.O_CREAT); os.write(fd, data); os.fsync(fd); os.close(fd)
    os.rename(p, f"{root}/blobs/ab/b{i}-{dirsync}")
    if dirsync:
        d = os.open(f"{root}/blobs/ab", os.O_RDONLY); os.fsync(d); os.close(d)
    return time.perf_counter() - t0
for dirsync in (0, 1, 0, 1, 0, 1):
    t = [commit(i, dirsync) for i in range(n)]
    print(f"dir fsync={dirsync}: median {statistics.median(t)*1e3:.3f} ms, p90 {sorted(t)[int(n*0.9)]*1e3:.3f} ms over {n} commits")
