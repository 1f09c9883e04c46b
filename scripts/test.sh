#!/usr/bin/env bash
# Runs every test: formatting and lints, the page's pure modules in Node, the native suite (the rules loader and its errors, every
# case, the CLI contract, property tests, snapshots), the rules folder checked and in the canonical
# layout, a short fuzzing pass, the same cases compiled to wasm in headless Chromium, the
# release web build and the npm package (packed, installed, type-checked, run in Node), the supply
# chain (cargo deny, npm audit), the page's
# browser tests in Debian's Chromium, and one run of the budget report
# (that it still measures; its figures are not kept). Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "set-up (skips what is installed)"
./scripts/setup.sh

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "native tests (cargo test, every crate)"
cargo test --workspace

step "rules: rencai check rules/, rencai fmt --check, rencai coverage"
cargo run -q -- check rules
cargo run -q -- check
cargo run -q -- fmt --check rules
cargo run -q -- coverage >/dev/null && echo "coverage: every individual-facing clause is encoded or marked not encoded"

step "fuzzing, a short pass (scripts/fuzz.sh 10: each target 10 s; a crash or timeout fails)"
./scripts/fuzz.sh 10

step "the page's pure modules in Node (node --test tests/unit, no browser)"
node --test tests/unit/

step "the cases in wasm, headless Chromium (wasm-pack test)"
wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver

step "release web build (pkg/, site/, dist/rencai.html)"
./scripts/build-web.sh

step "the npm package as a portal installs it (npm pack, tsc against the generated types, Node vs the CLI)"
node --test tests/package/

step "supply chain (cargo deny: licences, bans, sources; advisories when reachable; npm audit --omit=dev)"
./scripts/supply-chain.sh

step "the peers agree: json-rules-engine and ZEN, converted from rencai catalog --json, hold the same rules as rencai"
node --test benches/peers/

step "browser tests (node --test, playwright-core + Debian Chromium)"
node --test --test-concurrency=1 tests/browser/

step "the budget report still measures (one run, figures not kept; the report is scripts/budgets.mjs)"
node scripts/budgets.mjs --runs 1 --out "$(mktemp -d)/budgets.json"
