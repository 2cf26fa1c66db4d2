#!/usr/bin/env python3
"""A ~200 MB Spring-Boot-style fat jar with jars nested three deep (app.jar → BOOT-INF/lib/mid-N.jar →
lib/inner-N-M.jar → lib/leaf-N-M.jar), each with a pom.properties, padded with incompressible class-like
entries. Nested jars are stored (as Spring Boot requires) at the first level and deflated below.
Prints the number of artifacts put in."""
import io, os, sys, zipfile

def pom(group, artifact, version):
    return f"# Created by Maven 3.9.6\nartifactId={artifact}\ngroupId={group}\nversion={version}\n".encode()

def jar(entries, compression):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        for name, data in entries:
            z.writestr(name, data)
    return buffer.getvalue()

def main(path, target_mb=200):
    rng = os.urandom
    artifacts = 1
    mids = []
    per_mid = int(target_mb) // 10
    for n in range(10):
        inners = []
        for m in range(3):
            leaf = jar([(f"META-INF/maven/org.bench/leaf-{n}-{m}/pom.properties", pom("org.bench", f"leaf-{n}-{m}", "1.0.0")),
                        (f"org/bench/Leaf{n}{m}.class", rng(per_mid * 1024 * 1024 // 6))], zipfile.ZIP_DEFLATED)
            inner = jar([(f"META-INF/maven/org.bench/inner-{n}-{m}/pom.properties", pom("org.bench", f"inner-{n}-{m}", "2.0.0")),
                         (f"lib/leaf-{n}-{m}.jar", leaf),
                         (f"org/bench/Inner{n}{m}.class", rng(per_mid * 1024 * 1024 // 6))], zipfile.ZIP_DEFLATED)
            inners.append((f"lib/inner-{n}-{m}.jar", inner))
            artifacts += 2
        mid = jar([(f"META-INF/maven/org.bench/mid-{n}/pom.properties", pom("org.bench", f"mid-{n}", "3.0.0"))] + inners, zipfile.ZIP_DEFLATED)
        mids.append((f"BOOT-INF/lib/mid-{n}.jar", mid))
        artifacts += 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n")
        z.writestr("META-INF/maven/org.bench/app/pom.properties", pom("org.bench", "app", "4.0.0"))
        for name, data in mids:
            z.writestr(name, data)
    print(artifacts)

if __name__ == "__main__":
    main(sys.argv[1], *(sys.argv[2:3]))
