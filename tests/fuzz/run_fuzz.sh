#!/bin/sh
# Runs every libFuzzer target of a fuzz build for SECONDS each, on a corpus seeded from the
# repository's own WAT fixtures (the build compiles them to tests/wasm/), and prints each target's
# executions. A crash, leak or sanitizer report fails the run, and libFuzzer leaves the input as
# crash-* in OUT.
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS [OUT]
set -eu
build=$1
seconds=$2
out=${3:-$build/fuzz-out}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
seeds_wasm=$out/seeds-wasm
seeds_wat=$out/seeds-wat
mkdir -p "$seeds_wasm" "$seeds_wat"
cp "$build"/tests/wasm/*.wasm "$seeds_wasm"/
cp "$src"/tests/wat/*.wat "$src"/examples/cli/tests/*.wat "$seeds_wat"/
cp "$src"/examples/cli/tests/*.wasm "$seeds_wasm"/
for target in load run sections wat; do
  exe=$build/tests/fuzz/ember-fuzz-$target
  [ -x "$exe" ] || continue
  corpus=$out/corpus-$target
  mkdir -p "$corpus"
  seeds=$seeds_wasm
  [ "$target" = wat ] && seeds=$seeds_wat
  log=$out/$target.log
  if ! "$exe" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -artifact_prefix="$out/$target-" \
      "$corpus" "$seeds" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target FAILED (see $log)"
    exit 1
  fi
  execs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9][0-9]*' || true)
  echo "fuzz: $target: $execs executions in ${seconds}s, no crash"
done
