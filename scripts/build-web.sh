#!/usr/bin/env bash
# Builds the wasm engine (release, size-tuned, wasm-opt from npm binaryen) into pkg/, makes pkg/ the
# npm package (scripts/package.mjs), then the page as it ships in site/: www/ (the sources) with
# the engine beside it in site/pkg/, its modules bundled, its JS and CSS minified, and its release manifest; then writes
# the offline single file dist/rencai.html from site/.
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
# (What earlier builds wrote into www/ itself.)
rm -rf www/pkg www/release.json www/sw-release.js
rm -rf site
cp -r www site
mkdir -p site/pkg
cp pkg/index.js pkg/rencai.js pkg/rencai_bg.wasm pkg/index.d.ts pkg/rencai.d.ts site/pkg/
cp -r pkg/texts site/pkg/texts
# The page loads a place's pack, never all of them at once (that one is for the package and the
# single file): the release, which the service worker caches whole, goes without it.
rm site/pkg/texts/all.json
# The page's own modules bundled per entry (split where shared or imported on demand), the engine
# apart; then every JS and CSS file minified.
node scripts/bundle.mjs www site
node scripts/minify.mjs site
node scripts/preload.mjs site
# The empty-profile first screen into index.html, rendered by the live page in Chromium (boot.js
# shows it on a first visit, before the engine is up).
node scripts/prerender.mjs --root site
# The release manifest the service worker caches as a unit (site/sw-release.js, site/release.json).
node scripts/release.mjs --root site
node scripts/build-single.mjs --root site
echo "build-web: site/ ($(wc -c < site/pkg/rencai_bg.wasm) bytes of wasm)"
