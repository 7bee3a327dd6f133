#!/usr/bin/env python3
"""Ember benchmark runner (python3, standard library only).

For every benchmark program it runs the native executable and the wasm32-wasi
module under each available engine, alternating between them for N
repetitions, takes the median whole-process wall time (or CPU time with
--cpu-time), checks that every
engine printed exactly the native program's stdout, and prints Markdown
tables: timings with ratios to native (ending in geometric means) and memory
(linear memory size, peak RSS of each process).

Engines:
  ember        `ember run FILE.wasm` (--ember PATH); skipped if missing
  wasm-interp  wabt's interpreter (context). Debian's build has no WASI
               ("wasi support not compiled in"), so when `--wasi` does not
               work it runs NAME.hostprint.wasm with --dummy-import-func
               --run-all-exports and decodes the logged host.print calls
               back into stdout (see bench.h).
  node         V8 through node's built-in WASI module (context), using
               node_wasi.mjs next to this script.
  --engine NAME=COMMAND (repeatable)
               another WASI runtime run as `COMMAND FILE.wasm`, e.g. Wasm3 or
               WAMR's iwasm built from their sources outside this repository
               (see README.md, Performance); timed with --runs like Ember.

Exit status: 0 if native and Ember (when run) succeeded with matching output,
1 otherwise; failures of context engines only fail the run with --strict.
"""

import argparse
import json
import math
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Default order; benchmarks present in --native-dir but not listed here are
# appended in alphabetical order.
BENCHMARKS = [
    "fib", "sieve", "sort", "i64", "matmul", "nbody", "mandel", "sha256",
    "chacha", "vm", "strings", "hashmap", "lzpack",
]

EXE_SUFFIX = ".exe" if os.name == "nt" else ""


# --------------------------------------------------------------------------
# process execution


class RunResult:
    def __init__(self, wall, rc, stdout, stderr, maxrss_kb, timed_out,
                 cpu=None):
        self.wall = wall  # seconds
        self.cpu = cpu  # user + system seconds (rusage), or None
        self.rc = rc
        self.stdout = stdout  # bytes
        self.stderr = stderr  # bytes
        self.maxrss_kb = maxrss_kb
        self.timed_out = timed_out


def _find_gnu_time():
    """GNU time, used as a small intermediate process for peak RSS.

    ru_maxrss of a direct child of this script is useless: Linux keeps the
    high-water mark across exec, and the child starts as a (v)fork of this
    Python process, so every process would report >= the runner's own RSS.
    GNU time forks from its own tiny image instead."""
    exe = "/usr/bin/time"
    if not os.access(exe, os.X_OK):
        return None
    try:
        with tempfile.NamedTemporaryFile() as f:
            r = subprocess.run([exe, "-f", "%M", "-o", f.name, "true"],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=10)
            if r.returncode == 0 and f.read().strip().isdigit():
                return exe
    except (OSError, subprocess.SubprocessError):
        pass
    return None


GNU_TIME = _find_gnu_time()


def run_process(argv, timeout):
    """Runs argv, returning wall time, exit code, output and peak RSS.

    Output goes to temporary files (no pipe deadlocks, no reader threads
    competing with the child). The wall time includes process creation (a
    few milliseconds with GNU time in between, the same for every engine)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile() as rss_file:
        cmd = list(argv)
        if GNU_TIME:
            cmd = [GNU_TIME, "-f", "%U %S %M", "-o", rss_file.name] + cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err, start_new_session=True)
        # A blocking wait: Popen.wait(timeout=...) polls with sleeps of up
        # to 50 ms, which would quantize the measured times. A timer thread
        # enforces the time limit instead.
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        wait_cpu = None
        if hasattr(os, "wait4"):
            # wait4's rusage covers the child and the children it reaped
            # (GNU time's target), with microsecond CPU times.
            _, status, ru = os.wait4(proc.pid, 0)
            if hasattr(os, "waitstatus_to_exitcode"):
                proc.returncode = os.waitstatus_to_exitcode(status)
            else:
                proc.returncode = (os.WEXITSTATUS(status)
                                   if os.WIFEXITED(status)
                                   else -os.WTERMSIG(status))
            wait_cpu = ru.ru_utime + ru.ru_stime
        else:  # pragma: no cover - non-POSIX
            proc.wait()
        t1 = time.perf_counter()
        if timer:
            timer.cancel()
        timed_out = bool(killed)
        maxrss = 0
        cpu = None
        rc = proc.returncode
        if GNU_TIME:
            lines = rss_file.read().decode(errors="replace").split("\n")
            lines = [ln.strip() for ln in lines if ln.strip()]
            fields = lines[-1].split() if lines else []
            if len(fields) == 3:
                try:
                    cpu = float(fields[0]) + float(fields[1])
                    maxrss = int(fields[2])
                except ValueError:
                    pass
            for ln in lines:  # GNU time exits 128+N; report -N like Popen
                if ln.startswith("Command terminated by signal"):
                    rc = -int(ln.rsplit(" ", 1)[-1])
        if wait_cpu is not None:
            cpu = wait_cpu
        out.seek(0)
        err.seek(0)
        return RunResult(t1 - t0, rc, out.read(), err.read(), maxrss,
                         timed_out, cpu)


# --------------------------------------------------------------------------
# wasm helpers


def _leb_u32(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def wasm_initial_memory(path):
    """Initial size in bytes of the module's (first) linear memory, or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if data[:4] != b"\0asm":
        return None
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = _leb_u32(data, pos + 1)
        body = pos
        pos += size
        if sid == 2:  # imports: an imported memory counts too
            p = body
            count, p = _leb_u32(data, p)
            for _ in range(count):
                for _ in range(2):
                    n, p = _leb_u32(data, p)
                    p += n
                kind = data[p]
                p += 1
                if kind == 0:
                    _, p = _leb_u32(data, p)
                elif kind == 1:
                    p += 1
                    flags, p = _leb_u32(data, p)
                    _, p = _leb_u32(data, p)
                    if flags & 1:
                        _, p = _leb_u32(data, p)
                elif kind == 2:
                    flags, p = _leb_u32(data, p)
                    minimum, p = _leb_u32(data, p)
                    return minimum * 65536
                elif kind == 3:
                    p += 2
        elif sid == 5:
            count, p = _leb_u32(data, body)
            if count == 0:
                return 0
            _flags, p = _leb_u32(data, p)
            minimum, p = _leb_u32(data, p)
            return minimum * 65536
    return 0


def _section(sid, payload):
    return bytes([sid]) + _leb(len(payload)) + payload


def _leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _name(s):
    b = s.encode()
    return _leb(len(b)) + b


def probe_wasi_module():
    """A minimal WASI command that writes "ok\\n" with fd_write."""
    types = _leb(2) + b"\x60\x04\x7f\x7f\x7f\x7f\x01\x7f" + b"\x60\x00\x00"
    imports = (_leb(1) + _name("wasi_snapshot_preview1") + _name("fd_write") +
               b"\x00" + _leb(0))
    funcs = _leb(1) + _leb(1)
    memory = _leb(1) + b"\x00" + _leb(1)
    exports = (_leb(2) + _name("memory") + b"\x02" + _leb(0) +
               _name("_start") + b"\x00" + _leb(1))
    body = (b"\x00" +  # no locals
            b"\x41\x01" + b"\x41\x00" + b"\x41\x01" + b"\x41\x08" +
            b"\x10\x00" + b"\x1a" + b"\x0b")
    code = _leb(1) + _leb(len(body)) + body
    iov = struct.pack("<II", 16, 3) + b"\0" * 8 + b"ok\n"
    data = _leb(1) + b"\x00\x41\x00\x0b" + _leb(len(iov)) + iov
    return (b"\0asm\x01\0\0\0" + _section(1, types) + _section(2, imports) +
            _section(3, funcs) + _section(5, memory) + _section(7, exports) +
            _section(10, code) + _section(11, data))


def probe_hostprint_module():
    """Calls host.print(111), host.print(107), host.print(10): "ok\\n"."""
    types = _leb(2) + b"\x60\x01\x7f\x00" + b"\x60\x00\x00"
    imports = _leb(1) + _name("host") + _name("print") + b"\x00" + _leb(0)
    funcs = _leb(1) + _leb(1)
    exports = _leb(1) + _name("bench_run") + b"\x00" + _leb(1)
    body = (b"\x00" + b"\x41\xef\x00\x10\x00" + b"\x41\xeb\x00\x10\x00" +
            b"\x41\x0a\x10\x00" + b"\x0b")
    code = _leb(1) + _leb(len(body)) + body
    return (b"\0asm\x01\0\0\0" + _section(1, types) + _section(2, imports) +
            _section(3, funcs) + _section(7, exports) + _section(10, code))


HOSTPRINT_RE = re.compile(rb"^called host host\.print\(i32:(-?\d+)\)", re.M)


def decode_hostprint(stdout):
    return bytes(int(m.group(1)) & 0xFF for m in HOSTPRINT_RE.finditer(stdout))


def hostprint_trapped(stdout, stderr):
    # wasm-interp reports a trap of an exported function on stdout
    # ("bench_run() => error: unreachable executed") and still exits 0.
    return b"error" in stdout.split(b"bench_run()", 1)[-1] or b"error" in stderr


# --------------------------------------------------------------------------
# engines


class Engine:
    """name: column title; argv(bench): command line; decode: maps raw stdout
    to the program's stdout; failed(result): extra failure check."""

    def __init__(self, name, argv, module, decode=None, failed=None,
                 context=True):
        self.name = name
        self.argv = argv
        self.module = module  # bench -> path of the module it runs
        self.decode = decode or (lambda out: out)
        self.failed = failed or (lambda r: False)
        self.context = context


def find_ember(path):
    if path:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.abspath(path)
        print(f"note: ember binary {path!r} not found; running native and "
              "context engines only", file=sys.stderr)
        return None
    env = os.environ.get("EMBER_CLI")
    if env and os.path.isfile(env):
        return env
    return None


def command_engine(name, command, wasm_dir):
    """An engine run as `COMMAND FILE.wasm` with --runs repetitions: Ember
    itself (`ember run`) and the runtimes given with --engine."""
    return Engine(name,
                  lambda b: command + [os.path.join(wasm_dir, b + ".wasm")],
                  lambda b: os.path.join(wasm_dir, b + ".wasm"),
                  context=False)


def setup_wasm_interp(wasm_dir, workdir, timeout):
    exe = shutil.which("wasm-interp")
    if not exe:
        print("note: wasm-interp not found; skipping its column",
              file=sys.stderr)
        return None
    probe = os.path.join(workdir, "probe-wasi.wasm")
    with open(probe, "wb") as f:
        f.write(probe_wasi_module())
    r = run_process([exe, "--wasi", probe], timeout)
    if r.rc == 0 and r.stdout == b"ok\n":
        return Engine("wasm-interp",
                      lambda b: [exe, "--wasi", os.path.join(wasm_dir,
                                                             b + ".wasm")],
                      lambda b: os.path.join(wasm_dir, b + ".wasm"))
    why = (r.stderr or r.stdout).decode(errors="replace").strip()
    probe = os.path.join(workdir, "probe-hostprint.wasm")
    with open(probe, "wb") as f:
        f.write(probe_hostprint_module())
    r = run_process([exe, "--dummy-import-func", "--run-all-exports", probe],
                    timeout)
    if r.rc == 0 and decode_hostprint(r.stdout) == b"ok\n":
        print(f"note: `wasm-interp --wasi` does not work here ({why}); "
              "using the NAME.hostprint.wasm variants for its column",
              file=sys.stderr)

        def module(b):
            return os.path.join(wasm_dir, b + ".hostprint.wasm")

        return Engine(
            "wasm-interp",
            lambda b: [exe, "--dummy-import-func", "--run-all-exports",
                       module(b)],
            module,
            decode=decode_hostprint,
            failed=lambda res: hostprint_trapped(res.stdout, res.stderr))
    print(f"note: wasm-interp cannot run WASI modules ({why}) nor the "
          "host.print variants; skipping its column", file=sys.stderr)
    return None


def setup_node(wasm_dir, workdir, timeout):
    exe = shutil.which("node") or shutil.which("nodejs")
    wrapper = os.path.join(HERE, "node_wasi.mjs")
    if not exe or not os.path.isfile(wrapper):
        print("note: node (or node_wasi.mjs) not found; skipping its column",
              file=sys.stderr)
        return None
    probe = os.path.join(workdir, "probe-wasi.wasm")
    with open(probe, "wb") as f:
        f.write(probe_wasi_module())
    # Node < 20 needs the flag; newer versions accept and ignore it.
    for flags in (["--experimental-wasi-unstable-preview1", "--no-warnings"],
                  ["--no-warnings"]):
        r = run_process([exe] + flags + [wrapper, probe], timeout)
        if r.rc == 0 and r.stdout == b"ok\n":
            return Engine(
                "node",
                lambda b, f=flags: [exe] + f + [
                    wrapper, os.path.join(wasm_dir, b + ".wasm")],
                lambda b: os.path.join(wasm_dir, b + ".wasm"))
    why = (r.stderr or r.stdout).decode(errors="replace").strip()
    print(f"note: node's WASI does not work here ({why[:200]}); skipping its "
          "column", file=sys.stderr)
    return None


# --------------------------------------------------------------------------
# reporting


def fmt_ms(seconds):
    if seconds is None:
        return "-"
    ms = seconds * 1000.0
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def fmt_ratio(x):
    if x is None:
        return "-"
    return f"{x:.1f}x" if x >= 10 else f"{x:.2f}x"


def fmt_mib(kib):
    if not kib:
        return "-"
    return f"{kib / 1024.0:.1f}"


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ember", help="path of the `ember` CLI (run as "
                    "`ember run FILE.wasm`); default: $EMBER_CLI if set")
    ap.add_argument("--native-dir", default=None,
                    help="directory of the native executables "
                    "(default: ./native)")
    ap.add_argument("--wasm-dir", default=None,
                    help="directory of the .wasm modules (default: ./wasm)")
    ap.add_argument("--runs", type=int, default=5,
                    help="repetitions per engine (default 5)")
    ap.add_argument("--context-runs", type=int, default=None,
                    help="repetitions for the context engines (default: "
                    "--runs; wasm-interp is slow)")
    ap.add_argument("--only", action="append", default=[],
                    help="run only this benchmark (repeatable, or a "
                    "comma-separated list)")
    ap.add_argument("--engine", action="append", default=[],
                    metavar="NAME=COMMAND",
                    help="also run COMMAND FILE.wasm as engine NAME "
                    "(repeatable; COMMAND may hold arguments)")
    ap.add_argument("--no-context", action="store_true",
                    help="do not run wasm-interp and node")
    ap.add_argument("--timeout", type=float, default=900.0,
                    help="per-process time limit in seconds (default 900)")
    ap.add_argument("--json", metavar="FILE",
                    help="also write all samples and medians as JSON")
    ap.add_argument("--cpu-time", action="store_true",
                    help="report user+system CPU time instead of wall time "
                    "(steadier on a busy machine)")
    ap.add_argument("--strict", action="store_true",
                    help="also fail if a context engine fails or mismatches")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every sample to stderr")
    ap.add_argument("--from-json", metavar="FILE", action="append",
                    default=[],
                    help="do not run anything: print the tables from one or "
                    "more --json files (repeatable; samples of the same "
                    "engine and benchmark are pooled), e.g. a saved context "
                    "run plus a new Ember run")
    args = ap.parse_args()
    if args.from_json:
        return report_from_json(args)

    native_dir = os.path.abspath(args.native_dir or "native")
    wasm_dir = os.path.abspath(args.wasm_dir or "wasm")
    if not os.path.isdir(native_dir):
        ap.error(f"native dir {native_dir} does not exist (build the "
                 "`bench_programs` target, or pass --native-dir)")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    context_runs = args.context_runs if args.context_runs else args.runs

    present = sorted(f[:-len(EXE_SUFFIX)] if EXE_SUFFIX else f
                     for f in os.listdir(native_dir)
                     if os.path.isfile(os.path.join(native_dir, f)))
    names = [b for b in BENCHMARKS if b in present]
    names += [b for b in present if b not in BENCHMARKS]
    only = [x for o in args.only for x in o.split(",") if x]
    if only:
        unknown = [o for o in only if o not in names]
        if unknown:
            ap.error(f"unknown benchmark(s): {', '.join(unknown)}; "
                     f"available: {', '.join(names)}")
        names = [b for b in names if b in only]

    workdir = tempfile.mkdtemp(prefix="ember-bench-")
    try:
        engines = []
        ember = find_ember(args.ember)
        if ember:
            engines.append(command_engine("Ember", [ember, "run"], wasm_dir))
        for spec in args.engine:
            name, sep, command = spec.partition("=")
            if not sep or not name or not command.split():
                ap.error(f"--engine wants NAME=COMMAND, got {spec!r}")
            engines.append(command_engine(name, command.split(), wasm_dir))
        if not args.no_context:
            for setup in (setup_wasm_interp, setup_node):
                e = setup(wasm_dir, workdir, 60)
                if e:
                    engines.append(e)
        return run_all(args, names, native_dir, wasm_dir, engines,
                       context_runs, ember is not None)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run_all(args, names, native_dir, wasm_dir, engines, context_runs,
            have_ember):
    results = {}
    hard_fail = False
    soft_fail = False
    for bench in names:
        native_exe = os.path.join(native_dir, bench + EXE_SUFFIX)
        res = {"native": {"times": [], "cpu": [], "rss": [], "status": "ok"}}
        for e in engines:
            res[e.name] = {"times": [], "cpu": [], "rss": [], "status": "ok"}
            if not os.path.isfile(e.module(bench)):
                res[e.name]["status"] = "missing"
        expected = None
        final_mem = None
        print(f"[{bench}]", end="", file=sys.stderr, flush=True)
        for rep in range(max(args.runs, context_runs)):
            todo = []
            if rep < args.runs:
                todo.append(("native", [native_exe], lambda o: o,
                             lambda r: False))
            for e in engines:
                n = context_runs if e.context else args.runs
                if rep < n and res[e.name]["status"] == "ok":
                    todo.append((e.name, e.argv(bench), e.decode, e.failed))
            for name, argv, decode, failed in todo:
                if name != "native" and res["native"]["status"] != "ok":
                    continue
                r = run_process(argv, args.timeout)
                slot = res[name]
                out = decode(r.stdout)
                if r.timed_out:
                    slot["status"] = "timeout"
                elif r.rc != 0 or failed(r):
                    slot["status"] = f"exit {r.rc}" if r.rc else "trap"
                elif name == "native":
                    if expected is None:
                        expected = out
                    elif out != expected:
                        slot["status"] = "unstable"
                elif out != expected:
                    slot["status"] = "mismatch"
                if slot["status"] != "ok":
                    msg = r.stderr.decode(errors="replace").strip()[-500:]
                    print(f"\n  {name}: {slot['status']}"
                          + (f"\n    stderr: {msg}" if msg else ""),
                          file=sys.stderr)
                    if slot["status"] == "mismatch":
                        print("    expected: "
                              + expected.decode(errors="replace")[:300]
                              + "\n    got:      "
                              + out.decode(errors="replace")[:300],
                              file=sys.stderr)
                    continue
                slot["times"].append(r.wall)
                slot["cpu"].append(r.cpu)
                slot["rss"].append(r.maxrss_kb)
                m = re.search(rb"bench-linear-memory-bytes=(\d+)", r.stderr)
                if m:
                    final_mem = int(m.group(1))
                if args.verbose:
                    cpu = f" ({r.cpu * 1000:.0f} ms cpu)" if r.cpu else ""
                    print(f"\n  {name}: {r.wall * 1000:.1f} ms{cpu}, "
                          f"{r.maxrss_kb} KiB", end="", file=sys.stderr)
            print(".", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        for name, slot in res.items():
            _summarize(slot, args.cpu_time)
            if slot["status"] not in ("ok", "missing"):
                if name in ("native", "Ember"):
                    hard_fail = True
                else:
                    soft_fail = True
        res["_memory"] = {
            "initial_bytes": wasm_initial_memory(
                os.path.join(wasm_dir, bench + ".wasm")),
            "final_bytes": final_mem,
        }
        results[bench] = res

    print_tables(names, results, engines, args, context_runs, have_ember)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"runs": args.runs, "context_runs": context_runs,
                       "engines": ["native"] + [e.name for e in engines],
                       "results": results}, f, indent=2)
    if hard_fail or (args.strict and soft_fail):
        return 1
    return 0


class _SavedEngine:
    def __init__(self, name):
        self.name = name
        self.context = name not in ("native", "Ember")


def _summarize(slot, cpu_time):
    ok = slot["status"] == "ok" and slot["times"]
    slot["wall_median"] = statistics.median(slot["times"]) if ok else None
    cpus = [c for c in slot["cpu"] if c is not None]
    slot["cpu_median"] = (statistics.median(cpus)
                          if ok and len(cpus) == len(slot["times"]) else None)
    slot["median"] = slot["cpu_median"] if cpu_time else slot["wall_median"]
    if ok and slot["median"] is None:
        slot["status"] = "no cpu time"
    slot["rss_median_kib"] = statistics.median(slot["rss"]) if ok else None


def report_from_json(args):
    names, engines, results = [], [], {}
    runs, context_runs = 0, 0
    for path in args.from_json:
        with open(path) as f:
            data = json.load(f)
        runs = max(runs, data.get("runs", 0))
        context_runs = max(context_runs, data.get("context_runs", 0))
        for e in data["engines"]:
            if e != "native" and e not in [x.name for x in engines]:
                engines.append(_SavedEngine(e))
        for bench, res in data["results"].items():
            if bench not in results:
                names.append(bench)
                results[bench] = {"_memory": {"initial_bytes": None,
                                              "final_bytes": None}}
            merged = results[bench]
            for key in ("initial_bytes", "final_bytes"):
                v = res.get("_memory", {}).get(key)
                if v is not None:
                    merged["_memory"][key] = v
            for e, slot in res.items():
                if e == "_memory":
                    continue
                m = merged.setdefault(e, {"times": [], "cpu": [], "rss": [],
                                          "status": "ok"})
                if slot["status"] not in ("ok",):
                    m["status"] = slot["status"]
                m["times"] += slot["times"]
                m["cpu"] += slot.get("cpu", [None] * len(slot["times"]))
                m["rss"] += slot["rss"]
    order = [b for b in BENCHMARKS if b in names] + \
        [b for b in names if b not in BENCHMARKS]
    empty = {"times": [], "cpu": [], "rss": [], "status": "missing"}
    for b in order:
        for e in ["native"] + [x.name for x in engines]:
            results[b].setdefault(e, dict(empty))
            _summarize(results[b][e], args.cpu_time)
    engines.sort(key=lambda e: e.name != "Ember")  # Ember first
    counts = {}
    for e in ["native"] + [x.name for x in engines]:
        ns = [len(results[b][e]["times"]) for b in order
              if results[b][e]["times"]]
        counts[e] = max(ns) if ns else 0
    args.runs = runs or 1
    print_tables(order, results, engines, args, context_runs or args.runs,
                 any(e.name == "Ember" for e in engines), counts)
    return 0


def cell(slot):
    if slot["status"] == "ok":
        return fmt_ms(slot["median"])
    return slot["status"].upper()


def print_tables(names, results, engines, args, context_runs, have_ember,
                 counts=None):
    cols = ["benchmark", "native ms"]
    for e in engines:
        cols += [f"{e.name} ms", f"{e.name}/native"]
    print()
    what = "user+system CPU time" if args.cpu_time else "wall time"
    if counts:
        print(f"Median {what} of the whole process (samples per benchmark: "
              + ", ".join(f"{k} {v}" for k, v in counts.items()) + ").")
    else:
        print(f"Median {what} of the whole process over {args.runs} runs"
              + (f" ({context_runs} for context engines)"
                 if context_runs != args.runs
                 and any(e.context for e in engines) else "") + ".")
    if not have_ember:
        print("(no ember binary: Ember column omitted)")
    print()
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(cols) - 1)) + "|")
    ratios = {e.name: [] for e in engines}
    for b in names:
        res = results[b]
        nat = res["native"]
        row = [b, cell(nat)]
        for e in engines:
            slot = res[e.name]
            ratio = None
            if slot["median"] and nat["median"]:
                ratio = slot["median"] / nat["median"]
                ratios[e.name].append(ratio)
            row += [cell(slot), fmt_ratio(ratio)]
        print("| " + " | ".join(row) + " |")
    row = ["**geomean**", ""]
    for e in engines:
        g = geomean(ratios[e.name])
        row += ["", f"**{fmt_ratio(g)}**" if g else "-"]
    print("| " + " | ".join(row) + " |")

    print()
    print("Memory: the module's linear memory (initial size from the module; "
          "final size as seen by node) and the median peak RSS (MiB) of each "
          "process.")
    print()
    mcols = ["benchmark", "linear memory KiB (initial → final)", "native RSS"]
    mcols += [f"{e.name} RSS" for e in engines]
    print("| " + " | ".join(mcols) + " |")
    print("|" + "|".join(["---", "---:"] + ["---:"] * (len(mcols) - 2)) + "|")
    for b in names:
        res = results[b]
        mem = res["_memory"]
        ini = mem["initial_bytes"]
        fin = mem["final_bytes"]
        lm = "-" if ini is None else f"{ini // 1024}"
        if fin is not None:
            lm += f" → {fin // 1024}"
        row = [b, lm, fmt_mib(res["native"]["rss_median_kib"])]
        row += [fmt_mib(res[e.name]["rss_median_kib"]) for e in engines]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
