#!/bin/sh
# Runs every libFuzzer target of a fuzz build for SECONDS each, on a corpus seeded from the
# repository's own WAT fixtures (the build compiles them to tests/wasm/), and prints each target's
# executions. A crash, leak or sanitizer report fails the run, and libFuzzer leaves the input as
# crash-* in OUT. JOBS targets run at once (default 2, one per core of a 2-core CI machine): each
# still runs for its full SECONDS on a core of its own, the run takes half the wall time.
#   tests/fuzz/run_fuzz.sh BUILD_DIR SECONDS [OUT] [JOBS]
set -eu
build=$1
seconds=$2
out=${3:-$build/fuzz-out}
jobs=${4:-2}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
seeds_wasm=$out/seeds-wasm
seeds_wat=$out/seeds-wat
mkdir -p "$seeds_wasm" "$seeds_wat"
cp "$build"/tests/wasm/*.wasm "$seeds_wasm"/
cp "$src"/tests/wat/*.wat "$src"/examples/cli/tests/*.wat "$seeds_wat"/
cp "$src"/examples/cli/tests/*.wasm "$seeds_wasm"/

# fuzz_one TARGET: runs one target to completion; its exit code says whether it found anything.
fuzz_one() {
  target=$1
  exe=$build/tests/fuzz/ember-fuzz-$target
  corpus=$out/corpus-$target
  mkdir -p "$corpus"
  seeds=$seeds_wasm
  [ "$target" = wat ] && seeds=$seeds_wat
  "$exe" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -artifact_prefix="$out/$target-" \
    "$corpus" "$seeds" >"$out/$target.log" 2>&1
}

# report TARGET STATUS: the target's executions, or its log's tail and a failure.
report() {
  log=$out/$1.log
  if [ "$2" -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz: $1 FAILED (see $log)"
    return 1
  fi
  execs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9][0-9]*' || true)
  echo "fuzz: $1: $execs executions in ${seconds}s, no crash"
}

targets=""
for target in load run sections wat; do
  [ -x "$build/tests/fuzz/ember-fuzz-$target" ] && targets="$targets $target"
done
failed=0
set -- $targets
while [ $# -gt 0 ]; do
  # One batch of up to JOBS targets side by side; every one is waited for and reported.
  batch=""
  while [ $# -gt 0 ] && [ "$(echo $batch | wc -w)" -lt "$jobs" ]; do
    fuzz_one "$1" &
    eval "pid_$1=$!"
    batch="$batch $1"
    shift
  done
  for target in $batch; do
    status=0
    eval "wait \$pid_$target" || status=$?
    report "$target" "$status" || failed=1
  done
done
exit "$failed"
