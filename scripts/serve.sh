#!/usr/bin/env bash
# Sets up a fresh machine, builds the page and serves it on 127.0.0.1 (default port 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build-web.sh
exec node scripts/serve.mjs --root site --port "${PORT:-8000}"
