#!/usr/bin/env bash
# End-to-end: one layer holding a file of every language-package kind (taken from the fixtures the
# tests build under .cache/languages), indexed by `drydock sbom` in CycloneDX and SPDX; prints the
# package count per purl type and the warnings. DRYDOCK=path to a published drydock (bench/languages/run.sh makes one).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fx="$repo/.cache/languages"
drydock="${DRYDOCK:-$repo/.cache/bench-languages/drydock/drydock}"
work="$(mktemp -d)"
root="$work/root"
mkdir -p "$root/srv/app" "$root/usr/local/bin" "$root/usr/lib/python3/dist-packages" "$root/opt/java/openjdk" "$root/usr/share/dotnet" "$root/var/www" "$root/usr/local/include"
cp -r "$fx/npm-express-v1/npm/node_modules" "$fx/npm-express-v1/npm/package-lock.json" "$root/srv/app/"
cp "$fx/npm-express-v1/pnpm/pnpm-lock.yaml" "$fx/npm-express-v1/yarn/yarn.lock" "$root/srv/app/"
cp "$fx/go-app-v1/app-linux-amd64" "$root/usr/local/bin/goapp"
cp "$fx/rust-app-v1/target/release/app" "$root/usr/local/bin/rustapp"
cp "$fx/rust-app-v1/app/Cargo.lock" "$root/srv/app/"
cp "$fx/java-archives-v1/enterprise-3.1.ear" "$root/srv/app/"
cp "$fx/dotnet-app-v1/publish/Fixture.deps.json" "$fx/dotnet-app-v1/app/packages.lock.json" "$root/srv/app/"
cp -r /usr/share/dotnet/shared "$root/usr/share/dotnet/"
cp -r /usr/lib/python3/dist-packages/*.dist-info "$root/usr/lib/python3/dist-packages/"
cp -r "$fx/composer-app-v1/app/composer.lock" "$fx/composer-app-v1/app/vendor" "$root/var/www/"
cp "$(ls -d /usr/lib/jvm/*/release | head -1)" "$root/opt/java/openjdk/release"
mkdir -p "$root/usr/local/include/node" && cp /usr/include/node/node_version.h "$root/usr/local/include/node/"
tar -cf "$work/layer.tar" -C "$root" .
python3 "$repo/bench/languages/make-oci.py" "$work/layer.tar" "$work/layer.tar" "$work/oci"
for format in cyclonedx spdx; do
  "$drydock" sbom "oci:$work/oci" --no-cache --format $format -o "$work/sbom.$format.json" 2>"$work/stderr.$format"
  python3 - "$work/sbom.$format.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
purls = [c.get("purl") for c in d.get("components", [])] if "components" in d else \
        [r["referenceLocator"] for p in d.get("packages", []) for r in p.get("externalRefs", []) if r.get("referenceType") == "purl"]
print(sys.argv[1].rsplit("/", 1)[1], dict(collections.Counter(p.split("/")[0] for p in purls if p)))
PY
done
grep -i warn "$work/stderr.cyclonedx" | head -20 || true
rm -rf "$work"
