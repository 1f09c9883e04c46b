#!/usr/bin/env bash
# Supply-chain checks, policy in deny.toml:
#   - cargo deny: licences, bans and sources of the main workspace and of fuzz/ (its own workspace);
#     advisories too when the RustSec database (on GitHub) can be fetched, else one line says so;
#   - npm audit --omit=dev for the repo's package.json and for the published package (pkg/).
# Runs every check, then exits 1 if any found a problem. An unreachable advisory database or npm
# audit endpoint is reported on one line and is not a failure (this machine cannot reach GitHub).
# Usage: scripts/supply-chain.sh   (ADVISORY_TIMEOUT=seconds for the database fetch, default 45)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CONFIG="$ROOT/deny.toml"
export PATH="$HOME/.cargo/bin:$PATH"
status=0

if ! command -v cargo-deny >/dev/null 2>&1; then
  echo "installing cargo-deny"
  cargo install cargo-deny --locked || cargo install cargo-deny
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The workspaces to check. fuzz/ has its own workspace and may have no lock file: check a copy of
# the sources, so resolving its lock never writes into the tree (seeded with the main lock, so the
# shared crates keep the versions the main workspace uses).
workspaces=("$ROOT")
names=("main workspace")
if [ -f fuzz/Cargo.toml ]; then
  mkdir "$TMP/src"
  tar -cf - --exclude=./target --exclude=./node_modules --exclude=./.git --exclude=./pkg \
    --exclude=./dist --exclude=./docs --exclude=./www --exclude=./site --exclude=./fuzz/target \
    --exclude=./fuzz/corpus --exclude=./fuzz/artifacts --exclude=./fuzz/coverage . |
    tar -xf - -C "$TMP/src"
  [ -f fuzz/Cargo.lock ] || cp Cargo.lock "$TMP/src/fuzz/Cargo.lock"
  workspaces+=("$TMP/src/fuzz")
  names+=("fuzz/ workspace")
fi

for i in "${!workspaces[@]}"; do
  echo "cargo deny: licences, bans, sources (${names[$i]})"
  (cd "${workspaces[$i]}" && cargo deny --config "$CONFIG" check licenses bans sources) || status=1
done

# Advisories: the database is a git repository on GitHub; fetch it once, then check offline.
if timeout "${ADVISORY_TIMEOUT:-45}" cargo deny --config "$CONFIG" fetch db >"$TMP/fetch.log" 2>&1; then
  for i in "${!workspaces[@]}"; do
    echo "cargo deny: advisories (${names[$i]})"
    (cd "${workspaces[$i]}" && cargo deny --offline --config "$CONFIG" check advisories) || status=1
  done
else
  echo "advisories: database unreachable, skipped"
fi

# npm audit of the runtime dependencies in folder $1 (with package.json and package-lock.json).
npm_audit() {
  local dir=$1 what=$2 out rc=0 deps
  deps=$(node -e '
    const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const names = ["dependencies", "optionalDependencies", "peerDependencies"].flatMap((k) => Object.keys(p[k] ?? {}));
    console.log(names.join(" ") || "none");' "$dir/package.json")
  echo "npm audit --omit=dev ($what): runtime dependencies: $deps"
  out=$(cd "$dir" && npm audit --omit=dev --audit-level=low --json 2>/dev/null) || rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "npm audit ($what): 0 vulnerabilities"
    return
  fi
  # A report with vulnerabilities fails; an endpoint that cannot be reached (network error, or a
  # registry mirror that refuses the audit POST) is skipped like the advisory database.
  local kind
  kind=$(node -e '
    let j = {};
    try { j = JSON.parse(require("fs").readFileSync(0, "utf8")); } catch {}
    const net = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "ENETUNREACH"];
    if (j.metadata?.vulnerabilities) console.log("found");
    else if (j.statusCode || net.includes(j.error?.code) || net.includes(j.code)) console.log("unreachable " + (j.message ?? j.error?.code ?? j.code));
    else console.log("error");' <<<"$out")
  case $kind in
    unreachable*) echo "npm audit ($what): audit endpoint unreachable (${kind#unreachable }), skipped" ;;
    *)
      (cd "$dir" && npm audit --omit=dev --audit-level=low) || true
      echo "npm audit ($what): FAILED"
      status=1
      ;;
  esac
}

npm_audit "$ROOT" "package.json"

# The published package has no lock file of its own: make one for a copy of its manifest.
if [ -f pkg/package.json ]; then
  mkdir "$TMP/pkg"
  cp pkg/package.json "$TMP/pkg/"
  if (cd "$TMP/pkg" && npm install --package-lock-only --ignore-scripts --omit=dev --no-audit --no-fund >/dev/null); then
    npm_audit "$TMP/pkg" "published package pkg/"
  else
    echo "npm audit (published package pkg/): could not resolve its dependencies: FAILED"
    status=1
  fi
else
  echo "npm audit (published package): pkg/ not built, skipped"
fi

[ "$status" -eq 0 ] && echo "supply chain: ok" || echo "supply chain: FAILED"
exit "$status"
