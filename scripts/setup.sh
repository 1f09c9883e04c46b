#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there:
# the wasm32 target, wasm-bindgen-cli (the version in Cargo.lock), wasm-pack, the npm tools
# (binaryen's wasm-opt 132, playwright-core, axe-core) and Debian's Chromium + ChromeDriver.
# Never lets a tool download its own browser or binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf 'setup: %s\n' "$*"; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ -n "$want" ] && [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi
command -v wasm-pack >/dev/null || { say "installing wasm-pack"; cargo install wasm-pack; }

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/tsc ] \
  || [ ! -d node_modules/json-rules-engine ] || [ ! -d node_modules/@gorules/zen-engine ] || [ ! -d node_modules/esbuild ]; then
  say "installing npm tools (binaryen, playwright-core, axe-core, typescript, json-rules-engine, zen-engine, esbuild)"
  # `npm install`, not `npm ci`: the lock holds only the ZEN binaries this registry serves (linux
  # x64), which `npm ci` rejects as out of sync; `npm install` installs the locked versions and
  # leaves the lock as it is.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  say "installing Debian's chromium, chromium-driver and fonts-noto-cjk (Chinese text)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi
# Fuzzing (scripts/fuzz.sh): a nightly toolchain and cargo-fuzz.
rustup toolchain list | grep -q '^nightly' || { say "installing a nightly toolchain (for cargo fuzz)"; rustup toolchain install nightly --profile minimal; }
command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz --locked || cargo install cargo-fuzz; }
# Supply-chain checks (scripts/supply-chain.sh, policy in deny.toml).
command -v cargo-deny >/dev/null || { say "installing cargo-deny"; cargo install cargo-deny --locked || cargo install cargo-deny; }
say "ready"
