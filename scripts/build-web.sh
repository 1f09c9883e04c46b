#!/usr/bin/env bash
# Builds the wasm engine (release, size-tuned, wasm-opt from npm binaryen) into pkg/, makes pkg/ the
# npm package (scripts/package.mjs), copies what the page loads into www/pkg/; then writes the
# offline single file dist/rencai.html.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
rm -rf pkg
wasm-pack --log-level warn build --target web --release
node scripts/package.mjs
mkdir -p www/pkg
cp pkg/index.js pkg/rencai.js pkg/rencai_bg.wasm pkg/index.d.ts pkg/rencai.d.ts www/pkg/
if [ -f scripts/build-single.mjs ]; then node scripts/build-single.mjs; fi
echo "build-web: www/pkg/ ($(wc -c < www/pkg/rencai_bg.wasm) bytes of wasm)"
