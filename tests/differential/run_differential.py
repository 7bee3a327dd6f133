#!/usr/bin/env python3
"""Differential test: random modules from gen_programs.py, run in Ember and in wabt's wasm-interp.

For every seed: generate the WAT, compile it with wat2wasm, run every export with
`wasm-interp --run-all-exports` (the reference) and with ember-diff-driver (Ember, once per
--mode), and compare export by export: the same values, or a trap of the same kind on both sides
(the messages differ between engines, the kind must not). Memory and globals are compared
through the checksum exports the generator interleaves.

Prints one line per mismatch, keeps the WAT of every failing module in a temp dir (path printed),
then `N passed, M failed` (one unit = one export call in one Ember mode). Exit status 1 on any
mismatch, or if a generated module does not compile or the reference fails on it (a generator
bug: the test must not silently cover less). minimize.py shrinks a kept module.

The reference is wabt 1.0.32 (Debian's wabt); the generator avoids what it gets wrong:
  * return_call with other values on the operand stack: wrong results, or it runs away;
  * validation of a typed `select`'s result (accepted with the wrong type in some positions).

usage: run_differential.py --seeds FIRST:END --driver PATH [--jobs N] [--modes plain,fuel]
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_programs  # noqa: E402

TIMEOUT = 20
LINE_RE = re.compile(r"^(\S+)\(\) =>(.*)$")

# Trap kinds by the words of their message: wabt says "unreachable executed" and adds details to
# "out of bounds memory access: ...", Ember prints the spec's text.
TRAP_KINDS = [
    ("divide by zero", "integer divide by zero"),
    ("integer overflow", "integer overflow"),
    ("invalid conversion", "invalid conversion to integer"),
    ("out of bounds memory", "out of bounds memory access"),
    ("out of bounds table", "out of bounds table access"),
    ("unreachable", "unreachable"),
    ("call stack exhausted", "call stack exhausted"),
    ("mismatch", "indirect call type mismatch"),
    ("uninitialized", "uninitialized element"),
    ("undefined", "undefined element"),
]


def canonical(outcome):
    outcome = outcome.strip()
    if outcome.startswith("error:"):
        msg = outcome[len("error:"):].strip()
        for words, kind in TRAP_KINDS:
            if words in msg:
                return "trap: " + kind
        return "trap: " + msg
    return outcome


def parse_results(text):
    """{export: canonical outcome} from wasm-interp style lines."""
    out = {}
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if m:
            out[m.group(1)] = canonical(m.group(2))
    return out


def parse_driver(text):
    """{mode: {export: outcome}} from the driver's "== MODE" sections, plus stray lines."""
    sections = {}
    current = None
    stray = []
    for line in text.splitlines():
        if line.startswith("== "):
            current = line[3:].strip()
            sections[current] = {}
            continue
        m = LINE_RE.match(line)
        if m and current is not None:
            sections[current][m.group(1)] = canonical(m.group(2))
        elif line.strip():
            stray.append(line)
    return sections, stray


def describe_call(calls, name):
    if name not in calls:
        return name + "()"
    func, args = calls[name]
    shown = []
    for t, v in args:
        shown.append("%s:%s" % (t, v if t in ("i32", "i64") else gen_programs.float_text(v)))
    return "%s -> f%d(%s)" % (name, func, ", ".join(shown))


def run_seed(seed, opts):
    """Returns (seed, compared, failures, wat): failures are strings, wat is kept when any."""
    mg = gen_programs.ModuleGen(seed)
    wat = mg.generate()
    failures = []
    work = tempfile.mkdtemp(prefix="ember-diff-%d-" % seed)
    try:
        wat_path = os.path.join(work, "m.wat")
        wasm_path = os.path.join(work, "m.wasm")
        with open(wat_path, "w") as f:
            f.write(wat)
        p = subprocess.run([opts.wat2wasm, "--enable-tail-call", wat_path, "-o", wasm_path],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return seed, 0, ["generator produced an invalid module: " + p.stderr.strip()[:500]], wat
        try:
            ref = subprocess.run([opts.wasm_interp, "--enable-tail-call", wasm_path, "--run-all-exports"],
                                 capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return seed, 0, ["reference timed out (generator bug: unbounded work)"], wat
        if ref.returncode != 0:
            return seed, 0, ["reference failed (status %d): %s" % (
                ref.returncode, ref.stderr.strip()[:500])], wat
        expected = parse_results(ref.stdout)
        cmd = [opts.driver]
        for m in opts.modes:
            cmd += ["--mode", m]
        cmd.append(wasm_path)
        try:
            got = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            # The reference finished, so this is Ember running away (e.g. a broken loop exit).
            return seed, 0, ["ember timed out (the reference did not)"], wat
        sections, stray = parse_driver(got.stdout)
        compared = 0
        for mode in opts.modes:
            results = sections.get(mode, {})
            for name, want in expected.items():
                compared += 1
                have = results.get(name, "<no result: driver exited with status %d%s>" % (
                    got.returncode, (", " + " | ".join(stray + got.stderr.splitlines())[:300])
                    if (stray or got.stderr) else ""))
                if have != want:
                    failures.append("%s [%s]: ember %s, reference %s" % (
                        describe_call(mg.calls, name), mode, have, want))
        return seed, compared, failures, wat if failures else None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def parse_seeds(text):
    if ":" in text:
        a, b = text.split(":", 1)
        return range(int(a), int(b))
    return range(int(text), int(text) + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1:200", help="FIRST:END (END exclusive), or one seed")
    ap.add_argument("--driver", required=True, help="ember-diff-driver binary")
    ap.add_argument("--wat2wasm", default="wat2wasm")
    ap.add_argument("--wasm-interp", default="wasm-interp")
    ap.add_argument("--modes", default="plain,fuel", help="Ember modes: plain, lazy, fuel")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep-dir", help="where failing modules are kept (default: a new temp dir)")
    ap.add_argument("--max-lines", type=int, default=200, help="mismatch lines printed at most")
    opts = ap.parse_args()
    opts.modes = [m for m in opts.modes.split(",") if m]

    seeds = parse_seeds(opts.seeds)
    passed = failed = modules = 0
    printed = 0
    keep_dir = opts.keep_dir
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        # Results are reported in seed order, so the output is the same from run to run.
        for seed, compared, failures, wat in pool.map(run_seed, seeds, [opts] * len(seeds), chunksize=4):
            modules += 1
            passed += compared - len(failures) if compared else 0
            failed += len(failures)
            if not failures:
                continue
            if keep_dir is None:
                keep_dir = tempfile.mkdtemp(prefix="ember-differential-")
            os.makedirs(keep_dir, exist_ok=True)
            path = os.path.join(keep_dir, "seed%d.wat" % seed)
            with open(path, "w") as f:
                f.write(wat)
            for line in failures:
                if printed < opts.max_lines:
                    print("seed %d: %s" % (seed, line))
                    printed += 1
            print("seed %d: module kept at %s (shrink: minimize.py --driver %s %s)" % (
                seed, path, opts.driver, path))
            sys.stdout.flush()
    if printed >= opts.max_lines:
        print("(more mismatch lines not shown)")
    print("%d modules compared" % modules)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
