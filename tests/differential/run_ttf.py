#!/usr/bin/env python3
"""Differential test on binaryen's random modules: random bytes (a function of the seed) turned
into a valid module by `wasm-opt -ttf`, run in Ember (ember-diff-driver, plain and fuel modes)
and in V8 (v8_runner.mjs in node), compared line by line.

Both sides provide the module's `fuzzing-support` log imports (printing their argument), call
every function export with zero arguments in export order on one instance, and call binaryen's
`hangLimitInitializer` before each, which bounds the module's loops and recursion. A log line or
an export's outcome must agree as in run_differential.py (V8's coarser trap kinds, NaN by class).

What is not compared is counted and printed, by reason:
  * the rest of a module after a "call stack exhausted" on either side (the engines' stack depths
    differ, and so does the state the unwound calls leave);
  * the rest of a fuel-mode run after Ember ran out of its --fuel-limit (V8 has no fuel);
  * a module wasm-opt could not make.
The first disagreement in a run stops that run's comparison (the states diverge after it).

usage: run_ttf.py --seeds FIRST:END --driver PATH [--wasm-opt PATH] [--node PATH] [--jobs N]
"""
import argparse
import collections
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_differential import (LINE_RE, TIMEOUT, V8Server, agrees, canonical, canonical_v8,  # noqa: E402
                              add_seed_options, run_seeds)

# The proposals Ember implements that keep every export callable from JavaScript with numbers.
FEATURES = ["--enable-sign-ext", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
            "--enable-bulk-memory", "--enable-multivalue", "--enable-tail-call"]
HARNESS = ["--all-exports", "--fuzzing-support", "--before-each", "hangLimitInitializer"]
FUEL_LIMIT = 50_000_000
STACK = "trap: call stack exhausted"
LOG_RE = re.compile(r"^log: (.*)$")


def parse_lines(text, canon):
    """[(export name or None for a log line, outcome)] and the lines that are neither."""
    out, stray = [], []
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if m:
            out.append((m.group(1), canon(m.group(2))))
            continue
        m = LOG_RE.match(line)
        if m:
            out.append((None, m.group(1).strip()))
        elif line.strip():
            stray.append(line)
    return out, stray


def compare_run(have, want, counts):
    """Compares one Ember run with V8's; returns a failure string or None."""
    for i, (h, w) in enumerate(zip(have, want)):
        if h[1] == STACK or w[1] == STACK:
            counts["skipped: rest of module after call stack exhausted"] += 1
            return None
        if h[1] == "trap: out of fuel":
            counts["skipped: rest of fuel run after Ember's fuel limit"] += 1
            return None
        if h[0] != w[0] or not agrees(h[1], w[1], "v8"):
            return "line %d: ember %s %s, v8 %s %s" % (i + 1, h[0] or "log", h[1], w[0] or "log", w[1])
        counts["log lines compared" if h[0] is None else "export calls compared"] += 1
    if len(have) != len(want):
        return "ember printed %d lines, v8 %d" % (len(have), len(want))
    return None


def run_seed(seed, opts):
    """Returns (seed, counts, failures, wasm bytes kept when any failure)."""
    counts = collections.Counter()
    work = tempfile.mkdtemp(prefix="ember-ttf-%d-" % seed)
    try:
        rnd = random.Random(seed)
        data_path = os.path.join(work, "input.dat")
        wasm_path = os.path.join(work, "m.wasm")
        with open(data_path, "wb") as f:
            f.write(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(64, 4096))))
        p = subprocess.run([opts.wasm_opt, data_path, "-ttf", "-o", wasm_path] + FEATURES,
                           capture_output=True, text=True)
        if p.returncode != 0:
            counts["skipped: wasm-opt failed"] += 1
            return seed, counts, [], None
        counts["modules"] += 1
        text, err = V8Server.run(wasm_path, opts.node, HARNESS)
        if err:
            return seed, counts, ["v8: " + err], open(wasm_path, "rb").read()
        want, _ = parse_lines(text, canonical_v8)
        v8_rejected = text.startswith("load failed:")
        cmd = [opts.driver, "--mode", "plain", "--mode", "fuel", "--fuel-limit", str(FUEL_LIMIT)]
        try:
            got = subprocess.run(cmd + HARNESS + [wasm_path], capture_output=True, text=True,
                                 timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return seed, counts, ["ember timed out (V8 did not)"], open(wasm_path, "rb").read()
        failures = []
        for section in got.stdout.split("== ")[1:]:
            mode, _, body = section.partition("\n")
            ember_rejected = body.startswith(("load failed:", "instantiate failed:"))
            if ember_rejected or v8_rejected:
                if ember_rejected != v8_rejected:
                    failures.append("[%s] ember: %s | v8: %s" % (
                        mode, body.strip()[:300], text.strip()[:300]))
                else:
                    counts["modules both rejected at load or instantiation"] += 1
                continue
            have, stray = parse_lines(body, canonical)
            if stray:
                failures.append("[%s] unexpected driver output: %s" % (mode, " | ".join(stray)[:300]))
                continue
            failure = compare_run(have, want, counts)
            if failure:
                failures.append("[%s] %s" % (mode, failure))
        if got.returncode not in (0, 1) or got.stderr.strip():
            failures.append("driver status %d: %s" % (got.returncode, got.stderr.strip()[:300]))
        return seed, counts, failures, open(wasm_path, "rb").read() if failures else None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_seed_options(ap, "1:100")
    ap.add_argument("--wasm-opt", default="wasm-opt")
    ap.add_argument("--node", default="node")
    opts = ap.parse_args()
    total = collections.Counter()
    failed = 0
    for counts, failures in run_seeds(run_seed, opts, "seed%d.wasm"):
        total.update(counts)
        failed += len(failures)
    for key in sorted(total):
        print("%s: %d" % (key, total[key]))
    print("%d mismatches" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
