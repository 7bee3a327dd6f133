#!/usr/bin/env python3
"""Differential test: random modules from gen_programs.py, run in Ember and in a reference engine,
wabt's wasm-interp or V8 (node).

For every seed: generate the WAT, compile it with wat2wasm, run every export in the reference
(`wasm-interp --run-all-exports`, or v8_runner.mjs in node) and with ember-diff-driver (Ember, once
per --mode; node and the driver as one long-lived server per worker), and compare export by
export: the same values, or a trap of the same kind on both sides (the messages differ between
engines, the kind must not). Memory and globals are compared
through the checksum exports the generator interleaves. With --wast2json the seeds go in batches
(--batch): one wast2json assembles a batch's modules (the bytes wat2wasm writes) and, for wabt,
one spectest-interp invokes each module's exports in order (what --run-all-exports does, printed
alike); a batch either fails on is run again seed by seed.

Prints one line per mismatch, keeps the WAT of every failing module in a temp dir (path printed),
then `N passed, M failed` (one unit = one export call in one Ember mode). Exit status 1 on any
mismatch, or if a generated module does not compile or the reference fails on it (a generator
bug: the test must not silently cover less). minimize.py shrinks a kept module.

The wabt reference is wabt 1.0.32 (Debian's wabt); the generator avoids what it gets wrong:
  * return_call with other values on the operand stack: wrong results, or it runs away;
  * validation of a typed `select`'s result (accepted with the wrong type in some positions).
With --reference v8 the generator lifts those workarounds (gen_programs.py --reference v8). V8
names fewer trap kinds than the spec: "null function or function signature mismatch" covers an
uninitialised element and a type mismatch, "table index is out of bounds" an undefined element
and an out-of-bounds table access, "float unrepresentable in integer range" a NaN and an
out-of-range truncation, so Ember's kind must be one of those the message covers.
A NaN result agrees with any NaN of its type (payloads do not survive into JavaScript; the wrappers
canonicalise NaNs before they become observable anyway).

usage: run_differential.py --seeds FIRST:END --driver PATH [--jobs N] [--modes plain,fuel]
                           [--reference wabt|v8] [--node PATH] [--wast2json PATH
                           [--spectest-interp PATH] [--batch N]]
"""
import argparse
import concurrent.futures
import os
import re
import select
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


# V8's trap messages (and the RangeError v8_runner.mjs reports as "call stack exhausted") -> the
# spec kinds each may stand for.
V8_TRAP_KINDS = [
    ("divide by zero", ["integer divide by zero"]),
    ("remainder by zero", ["integer divide by zero"]),
    ("divide result unrepresentable", ["integer overflow"]),
    ("float unrepresentable in integer range", ["invalid conversion to integer", "integer overflow"]),
    ("memory access out of bounds", ["out of bounds memory access"]),
    ("data segment out of bounds", ["out of bounds memory access"]),
    ("table index is out of bounds", ["undefined element", "out of bounds table access"]),
    ("element segment out of bounds", ["out of bounds table access"]),
    ("null function or function signature mismatch",
     ["uninitialized element", "indirect call type mismatch"]),
    ("unreachable", ["unreachable"]),
    ("call stack exhausted", ["call stack exhausted"]),
]
V8_RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "v8_runner.mjs")


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


def canonical_v8(outcome):
    """A V8 outcome as the driver's canonical form; a trap V8 names vaguely becomes
    "trap: KIND|KIND" (see agrees)."""
    outcome = outcome.strip()
    if not outcome.startswith("error:"):
        return outcome
    msg = outcome[len("error:"):].strip()
    for words, kinds in V8_TRAP_KINDS:
        if words in msg:
            return "trap: " + "|".join(kinds)
    return "trap: " + msg


def nan_class(value):
    """An Ember value with NaN bits written as v8_runner.mjs writes any NaN."""
    kind, _, bits = value.partition(":")
    if kind == "f32-bits" and (int(bits) & 0x7FFFFFFF) > 0x7F800000:
        return "f32:nan"
    if kind == "f64-bits" and (int(bits) & 0x7FFFFFFFFFFFFFFF) > 0x7FF0000000000000:
        return "f64:nan"
    return value


def agrees(have, want, reference):
    if reference == "wabt" or have == want:
        return have == want
    if want.startswith("trap: ") and have.startswith("trap: "):
        return have[len("trap: "):] in want[len("trap: "):].split("|")
    return [nan_class(v.strip()) for v in have.split(",")] == [v.strip() for v in want.split(",")]


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


def run_wabt(wasm_path, opts):
    """({export: outcome}, None) from wasm-interp, or (None, why it failed)."""
    try:
        ref = subprocess.run([opts.wasm_interp, "--enable-tail-call", wasm_path, "--run-all-exports"],
                             capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "reference timed out (generator bug: unbounded work)"
    if ref.returncode != 0:
        return None, "reference failed (status %d): %s" % (ref.returncode, ref.stderr.strip()[:500])
    return parse_results(ref.stdout), None


class LineServer:
    """A long-lived process that answers one module path per line of stdin with text closed by an
    "== end" line: `node v8_runner.mjs --serve` or `ember-diff-driver --serve`. One per command
    and worker process, since a module costs far less than a process start (a spawn is most of a
    small module's time); restarted after a timeout or an exit."""

    servers = {}

    def __init__(self, command, stderr):
        self.command = command
        self.stderr = stderr
        self.proc = None
        self.pending = b""

    @classmethod
    def run(cls, command, path, stderr=subprocess.DEVNULL):
        """The server's answer for the module at `path`: (text, None), or (None, "timed out") or
        (None, "exited"). `stderr`: where the server's goes (None: this process's own)."""
        server = cls.servers.get(tuple(command))
        if server is None:
            server = cls.servers[tuple(command)] = LineServer(command, stderr)
        return server.ask(path)

    def ask(self, path):
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self.stderr)
            self.pending = b""
        try:
            self.proc.stdin.write(path.encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.proc = None
            return None, "exited"
        out = self.proc.stdout.fileno()
        while b"== end\n" not in self.pending:
            ready, _, _ = select.select([out], [], [], TIMEOUT)
            chunk = os.read(out, 65536) if ready else b""
            if not chunk:
                why = "timed out" if self.proc.poll() is None else "exited"
                self.proc.kill()
                self.proc.wait()
                self.proc = None
                return None, why
            self.pending += chunk
        text, _, self.pending = self.pending.partition(b"== end\n")
        return text.decode(), None


class V8Server:
    """v8_runner.mjs as a LineServer."""

    @staticmethod
    def run(path, node, options=()):
        """v8_runner.mjs's output for the module at `path`, run with `options`: (text, None), or
        (None, what went wrong)."""
        text, err = LineServer.run([node, V8_RUNNER] + list(options) + ["--serve"], path)
        return text, ("node " + err if err else None)


def run_v8(wasm_path, opts):
    """({export: outcome}, None) from V8, or (None, why it failed)."""
    text, err = V8Server.run(wasm_path, opts.node)
    if err:
        return None, "reference failed: " + err
    if text.startswith("load failed:"):
        return None, "reference failed: " + text.strip()[:500]
    out = {}
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if m:
            out[m.group(1)] = canonical_v8(m.group(2))
    return out, None


def compare_with_ember(seed, mg, wat, wasm_path, expected, opts):
    """Runs the module at wasm_path in Ember, once per mode, and compares every export with the
    reference's `expected` outcomes: (seed, compared, failures, wat), wat kept when any fails."""
    cmd = [opts.driver]
    for m in opts.modes:
        cmd += ["--mode", m]
    text, err = LineServer.run(cmd + ["--serve"], wasm_path, stderr=None)
    if err == "timed out":
        # The reference finished, so this is Ember running away (e.g. a broken loop exit).
        return seed, 0, ["ember timed out (the reference did not)"], wat
    if err:
        # A crash (what the driver printed of it is in the test's output, before this line).
        return seed, 0, ["ember-diff-driver died on this module"], wat
    text, _, status = text.rpartition("== exit ")
    sections, stray = parse_driver(text)
    compared = 0
    failures = []
    for mode in opts.modes:
        results = sections.get(mode, {})
        for name, want in expected.items():
            compared += 1
            have = results.get(name, "<no result: driver exited with status %s%s>" % (
                status.strip(), (", " + " | ".join(stray))[:300] if stray else ""))
            if not agrees(have, want, opts.reference):
                failures.append("%s [%s]: ember %s, reference %s" % (
                    describe_call(mg.calls, name), mode, have, want))
    return seed, compared, failures, wat if failures else None


def run_seed(seed, opts):
    """One seed alone: wat2wasm, the reference, Ember. Returns (seed, compared, failures, wat):
    failures are strings, wat is kept when any."""
    mg = gen_programs.ModuleGen(seed, opts.reference)
    wat = mg.generate()
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
        expected, err = (run_v8 if opts.reference == "v8" else run_wabt)(wasm_path, opts)
        if err:
            return seed, 0, [err], wat
        return compare_with_ember(seed, mg, wat, wasm_path, expected, opts)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# wast2json 1.0.32 writes the expected types of an action with several results without the comma
# between them (`{"type": "i64"}{"type": "f32"}`), which spectest-interp cannot read.
MISSING_COMMA_RE = re.compile(r"\}\s*\{")
SPECTEST_NOISE_RE = re.compile(r"^(\S+\.wast:\d+: unexpected trap: .*|\d+/\d+ tests passed\.)$")


def assemble_batch(wats, exports, work, opts):
    """The batch's modules assembled by one wast2json (the same bytes wat2wasm writes for each), each
    followed by an invoke of each of its exports in order: the paths of the binaries and of the
    JSON script, or None if wast2json failed."""
    wast = os.path.join(work, "batch.wast")
    with open(wast, "w") as f:
        for wat, names in zip(wats, exports):
            f.write(wat)
            f.write("".join('(invoke "%s")\n' % name for name in names))
    script = os.path.join(work, "batch.json")
    p = subprocess.run([opts.wast2json, "--enable-tail-call", wast, "-o", script],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None
    with open(script) as f:
        text = f.read()
    with open(script, "w") as f:
        f.write(MISSING_COMMA_RE.sub("}, {", text))
    return [os.path.join(work, "batch.%d.wasm" % i) for i in range(len(wats))], script


def interp_batch(script, exports, opts):
    """wabt's outcomes for every module of a batch script, from one spectest-interp, which prints
    an invoke's outcome as `wasm-interp --run-all-exports` prints an export's: one {export: outcome}
    per module, or None unless it printed exactly one outcome per export, in order."""
    try:
        ref = subprocess.run([opts.spectest_interp, "--enable-tail-call", script],
                             capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    if ref.returncode < 0:
        return None
    lines = []
    for line in ref.stdout.splitlines():
        m = LINE_RE.match(line)
        if m:
            lines.append((m.group(1), canonical(m.group(2))))
        elif not SPECTEST_NOISE_RE.match(line):
            return None
    wanted = [name for names in exports for name in names]
    if [name for name, _ in lines] != wanted:
        return None
    results, at = [], 0
    for names in exports:
        results.append(dict(lines[at:at + len(names)]))
        at += len(names)
    return results


def run_assembled_batch(seeds, gens, wats, work, opts):
    """run_batch's work in the directory `work`: the results, or None if wast2json or
    spectest-interp failed on the batch."""
    exports = [mg.export_names for mg in gens]
    assembled = assemble_batch(wats, exports, work, opts)
    if assembled is None:
        return None
    paths, script = assembled
    if opts.reference == "wabt":
        expected = interp_batch(script, exports, opts)
        if expected is None:
            return None
    results = []
    for i, seed in enumerate(seeds):
        if opts.reference == "wabt":
            want = expected[i]
        else:
            want, err = run_v8(paths[i], opts)
            if err:
                results.append((seed, 0, [err], wats[i]))
                continue
        results.append(compare_with_ember(seed, gens[i], wats[i], paths[i], want, opts))
    return results


def run_batch(seeds, opts):
    """run_seed's results for a batch of seeds, with one wast2json for all their modules and, with
    wabt as the reference, one spectest-interp (a process start costs more than one of these
    modules takes to assemble or run). A batch either tool fails on, or whose outcomes do not
    account for every export, is run again seed by seed, so what went wrong is reported against
    its seed exactly as it would be alone."""
    results = None
    if opts.wast2json and (opts.reference != "wabt" or opts.spectest_interp) and len(seeds) > 1:
        gens = [gen_programs.ModuleGen(seed, opts.reference) for seed in seeds]
        wats = [mg.generate() for mg in gens]
        work = tempfile.mkdtemp(prefix="ember-diff-batch-%d-" % seeds[0])
        try:
            results = run_assembled_batch(seeds, gens, wats, work, opts)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return results if results is not None else [run_seed(seed, opts) for seed in seeds]


def parse_seeds(text):
    if ":" in text:
        a, b = text.split(":", 1)
        return range(int(a), int(b))
    return range(int(text), int(text) + 1)


def add_seed_options(ap, default_seeds):
    """The options every seed-driven runner takes: the seeds, the driver, jobs and where failing
    modules are kept (what run_seeds reads)."""
    ap.add_argument("--seeds", default=default_seeds, help="FIRST:END (END exclusive), or one seed")
    ap.add_argument("--driver", required=True, help="ember-diff-driver binary")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep-dir", help="where failing modules are kept (default: a new temp dir)")


def run_seeds(run_seed, opts, keep_name, hint=lambda path: "", max_lines=None, run_batch=None,
              batch_size=1):
    """Runs run_seed(seed, opts) -> (seed, info, failures, module) for every seed of opts.seeds on
    opts.jobs processes and yields (info, failures) in seed order, so the output is the same from
    run to run; or, given run_batch, runs run_batch(seeds, opts) -> [those tuples] on batches of
    batch_size seeds. A failing seed's module (text or bytes) is kept in opts.keep_dir (a new temporary
    directory when unset) as keep_name % seed, and its failures are printed (at most max_lines
    lines in all), then where the module is and `hint(path)`."""
    keep_dir = opts.keep_dir
    printed = 0
    seeds = parse_seeds(opts.seeds)
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        if run_batch is None:
            results = pool.map(run_seed, seeds, [opts] * len(seeds), chunksize=4)
        else:
            batches = [list(seeds[i:i + batch_size]) for i in range(0, len(seeds), batch_size)]
            results = (r for batch in pool.map(run_batch, batches, [opts] * len(batches)) for r in batch)
        for seed, info, failures, module in results:
            yield info, failures
            if not failures:
                continue
            if keep_dir is None:
                keep_dir = tempfile.mkdtemp(prefix="ember-differential-")
            os.makedirs(keep_dir, exist_ok=True)
            path = os.path.join(keep_dir, keep_name % seed)
            with open(path, "wb" if isinstance(module, bytes) else "w") as f:
                f.write(module)
            for line in failures:
                if max_lines is None or printed < max_lines:
                    print("seed %d: %s" % (seed, line))
                    printed += 1
            print("seed %d: module kept at %s%s" % (seed, path, hint(path)))
            sys.stdout.flush()
    if max_lines is not None and printed >= max_lines:
        print("(more mismatch lines not shown)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_seed_options(ap, "1:200")
    ap.add_argument("--wat2wasm", default="wat2wasm")
    ap.add_argument("--wasm-interp", default="wasm-interp")
    ap.add_argument("--wast2json", help="wabt's wast2json, to assemble a batch of modules at once")
    ap.add_argument("--spectest-interp", help="wabt's spectest-interp, to run a batch at once")
    ap.add_argument("--batch", type=int, default=25,
                    help="seeds per batch (with --wast2json; 1: one wat2wasm and wasm-interp each)")
    ap.add_argument("--reference", choices=("wabt", "v8"), default="wabt",
                    help="the engine Ember is compared with")
    ap.add_argument("--node", default="node", help="node binary, for --reference v8")
    ap.add_argument("--modes", default="plain,fuel", help="Ember modes: plain, lazy, fuel")
    ap.add_argument("--max-lines", type=int, default=200, help="mismatch lines printed at most")
    opts = ap.parse_args()
    opts.modes = [m for m in opts.modes.split(",") if m]

    passed = failed = modules = 0
    shrink = lambda path: " (shrink: minimize.py --driver %s %s)" % (opts.driver, path)  # noqa: E731
    for compared, failures in run_seeds(run_seed, opts, "seed%d.wat", shrink, opts.max_lines,
                                        run_batch, max(1, opts.batch)):
        modules += 1
        passed += compared - len(failures) if compared else 0
        failed += len(failures)
    print("%d modules compared" % modules)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
