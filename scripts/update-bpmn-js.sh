#!/usr/bin/env bash
# Vendors the browser build of bpmn-js (the modeler of /plans/.../edit) into
# src/main/resources/static/vendor/bpmn-js/<version>/, so that building and running Dunning needs only a JDK.
# Only this update needs npm (Node.js).
#
#   scripts/update-bpmn-js.sh 18.31.1
#
# Fetches the package tarball from the npm registry with npm, checks it against the sha512 integrity the
# registry publishes for that version, and keeps only the prebuilt modeler and navigated viewer (UMD), its stylesheets and fonts,
# and the licence. After updating, change BPMN_JS_VERSION in web/PlanPages.java and remove the old folder.
set -euo pipefail

version="${1:?usage: $0 <bpmn-js version, e.g. 18.31.1>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/main/resources/static/vendor/bpmn-js/$version"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

integrity="$(npm view "bpmn-js@$version" dist.integrity)"
case "$integrity" in sha512-*) ;; *) echo "no sha512 integrity for bpmn-js $version: '$integrity'" >&2; exit 1 ;; esac

tarball="$(cd "$work" && npm pack --silent "bpmn-js@$version")"
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "integrity mismatch for bpmn-js $version: the registry says $integrity, the tarball is $actual" >&2
  exit 1
fi

tar -xzf "$work/$tarball" -C "$work"
rm -rf "$target"
mkdir -p "$target"
cp "$work/package/dist/bpmn-modeler.production.min.js" "$target/"
# The admin cockpit only looks at diagrams: the navigated viewer (pan and zoom, no editing) is a third of the size.
cp "$work/package/dist/bpmn-navigated-viewer.production.min.js" "$target/"
cp -r "$work/package/dist/assets" "$target/assets"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$integrity  bpmn-js-$version.tgz" > "$target/INTEGRITY"
echo "bpmn-js $version vendored into ${target#$root/}"
