#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from the built page: the browser
# test that takes them, told to write into docs/screenshots. The test run itself writes them to a
# temporary folder, so ./scripts/test.sh never changes tracked files.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
./scripts/setup.sh >/dev/null
./scripts/build-web.sh
SCREENSHOTS=docs/screenshots node --test --test-name-pattern='^screenshots' tests/browser/page.test.mjs
echo "screenshots: docs/screenshots/ ($(ls docs/screenshots | tr '\n' ' '))"
