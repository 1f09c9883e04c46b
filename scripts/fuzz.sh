#!/usr/bin/env bash
# Fuzzes the engine and the rules loader with cargo-fuzz (libFuzzer, nightly Rust).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 60), one process;
#                                           targets: profile profile_structured rules (default: all)
#   FUZZ_UPDATE=1 scripts/fuzz.sh ...       then merge what the run found into fuzz/corpus/<target>
#                                           and minimise it (cargo fuzz cmin): the committed corpus
#
# Installs what is missing (a nightly toolchain, cargo-fuzz), seeds fuzz/corpus/<target>/ from the
# contract examples (../shared/contract/examples), the case profiles (tests/cases/*.toml) and the
# rules files (rules/*.toml), replays fuzz/regressions/<target>/, and runs each target with a 10 s
# timeout and a 2 GB memory limit. New inputs go to fuzz/work/<target>/ (not committed), so a run
# leaves the tree as it was. Prints per target the inputs executed and the time; exits non-zero on
# any crash, timeout or out-of-memory (the input is left in fuzz/artifacts/<target>/).
# FUZZ_SANITIZER=address builds with ASan (the engine has no unsafe code; without it, twice the
# inputs per second). Builds go to $CARGO_TARGET_DIR, else fuzz/target.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
[ $# -gt 0 ] && shift
case $seconds in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac
all_targets=(profile profile_structured rules)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "unknown target $t, expected one of ${all_targets[*]}" >&2; exit 2; }
done

# ---- tools
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

target_dir=${CARGO_TARGET_DIR:-$root/fuzz/target}
flags=(--sanitizer "${FUZZ_SANITIZER:-none}" --debug-assertions --target-dir "$target_dir")
fuzz() { (cd "$root/fuzz" && cargo +nightly fuzz "$@"); }

# ---- seeds: named by content (as libFuzzer names its inputs), so seeding twice changes nothing
seed() { # seed TARGET FILE
  local dir=$root/fuzz/corpus/$1
  mkdir -p "$dir"
  cp "$2" "$dir/$(sha1sum "$2" | cut -c1-40)"
}
seed_profiles() {
  local examples=$root/../shared/contract/examples
  if [ -d "$examples" ]; then
    for f in "$examples"/*.json; do seed profile "$f"; done
  else
    echo "note: no contract examples at $examples" >&2
  fi
  # Each case's profile as JSON text (python3 with tomllib, 3.11+).
  local tmp
  tmp=$(mktemp -d)
  if python3 - "$root/tests/cases" "$tmp" <<'EOF'
import json, pathlib, sys, tomllib
cases, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for f in sorted(cases.glob("*.toml")):
    for case in tomllib.loads(f.read_text(encoding="utf-8")).get("case", []):
        if isinstance(case.get("profile"), dict):
            (out / f"{n}.json").write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
            n += 1
EOF
  then
    for f in "$tmp"/*.json; do [ -e "$f" ] && seed profile "$f"; done
  else
    echo "note: the case profiles need python3 >= 3.11 (tomllib); not seeded" >&2
  fi
  rm -rf "$tmp"
}
for t in "${targets[@]}"; do
  case $t in
    profile) seed_profiles ;;
    rules) for f in "$root"/rules/*.toml; do seed rules "$f"; done ;;
    # Its inputs are the generator's choices, not JSON text: it starts from its own corpus.
    profile_structured) mkdir -p "$root/fuzz/corpus/$t" ;;
  esac
done

# ---- build once, then run each target
for t in "${targets[@]}"; do fuzz build "${flags[@]}" "$t"; done

failed=()
summary=()
for t in "${targets[@]}"; do
  work=$root/fuzz/work/$t
  mkdir -p "$work" "$root/fuzz/regressions/$t"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  # The rules files run to 100 KB; inputs past 16 KB add little but size to the corpus.
  [ "$t" = rules ] && args+=(-max_len=16384)
  # A log of this run's own (a short pass may run beside a long one in the same tree); the last
  # finished run's is kept as fuzz/work/<target>.log.
  log=$root/fuzz/work/$t.$$.log
  echo "== $t: ${seconds}s"
  start=$(date +%s.%N)
  status=0
  fuzz run "${flags[@]}" "$t" "$work" "$root/fuzz/corpus/$t" "$root/fuzz/regressions/$t" -- "${args[@]}" \
    >"$log" 2>&1 || status=$?
  mv -f "$log" "$root/fuzz/work/$t.log"
  log=$root/fuzz/work/$t.log
  elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  runs=${runs:-0}
  rate=$(awk -v n="$runs" -v t="$elapsed" 'BEGIN { printf "%d", (t > 0) ? n / t : 0 }')
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    grep -aE 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|artifact_prefix|out-of-memory|Timeout' "$log" | head -20 >&2 || true
    result="FAILED (exit $status; log $log)"
  else
    result=ok
  fi
  summary+=("$(printf '%-20s %12s inputs %8s s %9s/s  %s' "$t" "$runs" "$elapsed" "$rate" "$result")")
  if [ "$status" -eq 0 ] && [ "${FUZZ_UPDATE:-0}" = 1 ]; then
    # Merge the run's findings into the committed corpus, minimise it, and keep every seed.
    cp -n "$work"/* "$root/fuzz/corpus/$t/" 2>/dev/null || true
    before="$(find "$root/fuzz/corpus/$t" -type f | wc -l) files, $(du -sk "$root/fuzz/corpus/$t" | cut -f1) KB"
    cmin_args=(-timeout=10 -rss_limit_mb=2048)
    [ "$t" = rules ] && cmin_args+=(-max_len=16384)
    fuzz cmin "${flags[@]}" "$t" "$root/fuzz/corpus/$t" -- "${cmin_args[@]}" >"$root/fuzz/work/$t.cmin.log" 2>&1
    case $t in
      profile) seed_profiles ;;
      rules) for f in "$root"/rules/*.toml; do seed rules "$f"; done ;;
    esac
    echo "   corpus of $t: $before before cmin, $(find "$root/fuzz/corpus/$t" -type f | wc -l) files, $(du -sk "$root/fuzz/corpus/$t" | cut -f1) KB after"
  fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${failed[*]} failed; reproduce with: (cd fuzz && cargo +nightly fuzz run ${flags[*]} TARGET artifacts/TARGET/<file>)" >&2
  exit 1
fi
