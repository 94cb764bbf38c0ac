#!/usr/bin/env bash
# The package as users get it: `npm pack`, a global install into a temporary prefix, then the installed
# `merchant` run from another directory with its own MERCHANT_HOME (so nothing of the checkout is
# reachable): --version, stores list, completion, and a sandbox link → pay → capture flow. A file
# missing from `files`, or a dev-only import, fails here. Also `npx merchant-cli` from the tarball.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/merchant-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "== packed $(basename "$tarball")"
npm install --global --prefix "$work/prefix" --no-audit --no-fund "$tarball" >/dev/null

mkdir -p "$work/elsewhere"
cd "$work/elsewhere"
export MERCHANT_HOME="$work/home" MERCHANT_KEYCHAIN=off NO_COLOR=1
merchant="$work/prefix/bin/merchant"

version="$("$merchant" --version)"
[ "$version" = "$(node -p "require('$root/package.json').version")" ] || { echo "version: $version" >&2; exit 1; }
"$merchant" stores list | grep -q '^se-demo'
"$merchant" completion bash | bash -n
link="$("$merchant" links create --store se-demo --email customer@example.com --reference CI-1 \
  --line 'name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25' --yes --json | node -e 'process.stdin.on("data",(d)=>console.log(JSON.parse(d).link_id))')"
order="$("$merchant" sandbox pay "$link")"
"$merchant" orders capture "$order" --yes >/dev/null
"$merchant" orders show "$order" --json | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const o = JSON.parse(s);
    if (o.status !== "CAPTURED" || o.captured_amount !== 25000) { console.error(o); process.exit(1); }
  });'
echo "== installed package: --version, stores list, completion, link $link → order $order captured"

# npx from the tarball, in a directory without a package.json, with its own npm cache.
npx_version="$(npm_config_cache="$work/npm-cache" npx --yes --package "$tarball" merchant --version)"
[ "$npx_version" = "$version" ] || { echo "npx: $npx_version" >&2; exit 1; }
echo "== npx merchant-cli from the tarball: $npx_version"
