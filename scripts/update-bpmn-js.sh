#!/usr/bin/env bash
# Vendors the browser build of bpmn-js (the modeler of /plans/.../edit) into
# src/main/resources/static/vendor/bpmn-js/<version>/, so that building and running Dunning needs only a JDK.
#
#   scripts/update-bpmn-js.sh 18.31.1
#
# Downloads the package tarball from the npm registry, checks it against the registry's sha512 integrity,
# and keeps only the prebuilt modeler (UMD), its stylesheets and fonts, and the licence.
# After updating, change BPMN_JS_VERSION in web/PlanPages.java and remove the old folder.
set -euo pipefail

version="${1:?usage: $0 <bpmn-js version, e.g. 18.31.1>}"
registry="${NPM_REGISTRY:-https://registry.npmjs.org}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/main/resources/static/vendor/bpmn-js/$version"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

curl -fsSL "$registry/bpmn-js/$version" -o "$work/meta.json"
# The manifest is JSON: read its tarball address and integrity with python3 (or node where there is no python3).
if command -v python3 >/dev/null; then
  read -r tarball integrity < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["dist"]; print(d["tarball"], d["integrity"])' "$work/meta.json")
else
  read -r tarball integrity < <(node -e 'const d=require(process.argv[1]).dist; console.log(d.tarball, d.integrity)' "$work/meta.json")
fi
case "$integrity" in sha512-*) ;; *) echo "no sha512 integrity for bpmn-js $version: $integrity" >&2; exit 1 ;; esac

curl -fsSL "$tarball" -o "$work/bpmn-js.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$work/bpmn-js.tgz" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "integrity mismatch for $tarball: registry says $integrity, file is $actual" >&2
  exit 1
fi

tar -xzf "$work/bpmn-js.tgz" -C "$work"
rm -rf "$target"
mkdir -p "$target"
cp "$work/package/dist/bpmn-modeler.production.min.js" "$target/"
cp -r "$work/package/dist/assets" "$target/assets"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$integrity  bpmn-js-$version.tgz" > "$target/INTEGRITY"
echo "bpmn-js $version vendored into ${target#$root/}"
