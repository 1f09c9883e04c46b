#!/usr/bin/env bash
# Builds the wasm engine (release, size-tuned, wasm-opt from npm binaryen) into pkg/, makes pkg/ the
# npm package (scripts/package.mjs), copies what the page loads into www/pkg/; then writes the
# offline single file dist/rencai.html.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
rm -rf pkg
# What `wasm-pack build --target web --release` does, plus wasm-bindgen's reset-state function:
# after a trap (panic = "abort") the package swaps in a fresh instance (package/index.js).
# RENCAI_WASM=decisions: the page's wasm decides but holds no rule's words (build.rs); the package
# joins its decisions with the text packs scripts/package.mjs cuts (pkg/texts/).
RENCAI_WASM=decisions cargo build --quiet --lib --profile wasm --target wasm32-unknown-unknown
target=${CARGO_TARGET_DIR:-target}
wasm-bindgen --target web --experimental-reset-state-function --out-dir pkg "$target/wasm32-unknown-unknown/wasm/rencai.wasm"
wasm-opt -Oz pkg/rencai_bg.wasm -o pkg/rencai_bg.wasm
node scripts/package.mjs
mkdir -p www/pkg
cp pkg/index.js pkg/rencai.js pkg/rencai_bg.wasm pkg/index.d.ts pkg/rencai.d.ts www/pkg/
rm -rf www/pkg/texts
cp -r pkg/texts www/pkg/texts
# The release manifest the service worker caches as a unit (www/sw-release.js, www/release.json).
node scripts/release.mjs --root www
if [ -f scripts/build-single.mjs ]; then node scripts/build-single.mjs; fi
echo "build-web: www/pkg/ ($(wc -c < www/pkg/rencai_bg.wasm) bytes of wasm)"
