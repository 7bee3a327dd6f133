#!/usr/bin/env python3
"""Cold start of a large module: time to the first instruction and peak RSS, eager vs lazy.

Generates (in a temp dir, never committed) a WASI command with many functions and CODE_MB of code,
whose _start calls proc_exit(0) at once, so a run's wall time is the time to its first instruction
plus the exit. Runs `ember --compile=MODE` on it REPEAT times per mode and prints the median wall
time and the peak RSS (from --stats), side by side. A module given with --module is measured too
(e.g. a large prebuilt WASI program; its own _start then runs, so that is a whole-run time).
Usage: cold_start.py --ember PATH [--code-mb 60] [--repeat 5] [--module FILE.wasm [--module-args ARGS]]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

# The binary encoders of the benchmark runner (same directory).
from run_bench import _leb as leb, _section as section


def vec(items):
    return leb(len(items)) + b"".join(items)


def name(s):
    return leb(len(s)) + s.encode()


def big_module(code_bytes):
    """proc_exit import (func 0), _start (func 1), then filler functions of ~2.5 KB each doing
    integer arithmetic, until the code section holds about code_bytes."""
    body_ops = bytearray()
    k = 0
    while len(body_ops) < 2500:
        # i32.const k; i32.const 7; i32.add; i32.const 3; i32.mul; drop
        body_ops += b"\x41" + leb(k % 64) + b"\x41\x07\x6a\x41\x03\x6c\x1a"
        k += 1
    filler = bytes([0]) + bytes(body_ops) + b"\x0b"  # no locals
    filler = leb(len(filler)) + filler
    count = max(1, code_bytes // len(filler))
    start = b"\x00\x41\x00\x10\x00\x0b"  # i32.const 0; call 0 (proc_exit); end
    start = leb(len(start)) + start
    types = vec([b"\x60\x01\x7f\x00", b"\x60\x00\x00"])
    imports = vec([name("wasi_snapshot_preview1") + name("proc_exit") + b"\x00\x00"])
    funcs = leb(count + 1) + b"\x01" * (count + 1)
    memory = vec([b"\x00\x01"])
    exports = vec([name("_start") + b"\x00\x01", name("memory") + b"\x02\x00"])
    code = leb(count + 1) + start + filler * count
    return (b"\x00asm\x01\x00\x00\x00" + section(1, types) + section(2, imports) + section(3, funcs) +
            section(5, memory) + section(7, exports) + section(10, code)), count


def measure(ember, module, mode, repeat, program_args):
    times, rss = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run([ember, "run", "--compile", mode, "--stats", module] + program_args, capture_output=True,
                              stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        m = re.search(r"peak RSS +([0-9.]+) MiB", proc.stderr.decode())
        if proc.returncode != 0 or not m:
            sys.exit("ember failed on %s (%s): %s" % (module, mode, proc.stderr.decode()[-500:]))
        rss.append(float(m.group(1)))
    return statistics.median(times), max(rss)


def report(ember, module, label, repeat, program_args):
    size_mib = os.path.getsize(module) / 2**20
    print("%s: %.1f MiB" % (label, size_mib))
    print("  %-6s %10s %12s %10s" % ("mode", "time (s)", "peak RSS", "RSS/size"))
    for mode in ("eager", "lazy"):
        t, r = measure(ember, module, mode, repeat, program_args)
        print("  %-6s %10.3f %8.1f MiB %9.2fx" % (mode, t, r, r / size_mib))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ember", required=True)
    ap.add_argument("--code-mb", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--module", help="also measure this prebuilt module")
    ap.add_argument("--module-args", default="", help="arguments for --module's program")
    ap.add_argument("--generate", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.generate:
        data, count = big_module(args.code_mb * 2**20)
        with open(args.generate, "wb") as f:
            f.write(data)
        print(count + 1)
        return 0
    with tempfile.TemporaryDirectory(prefix="ember-cold-") as tmp:
        path = os.path.join(tmp, "big.wasm")
        # Generated in a child that then exits: a run's peak RSS counts the memory of the process
        # it was forked from, so this one must stay small.
        count = subprocess.run([sys.executable, __file__, "--ember", args.ember, "--code-mb", str(args.code_mb),
                                "--generate", path], check=True, capture_output=True).stdout.decode().strip()
        report(args.ember, path, "generated, %s functions" % count, args.repeat, [])
    if args.module:
        report(args.ember, args.module, os.path.basename(args.module), args.repeat, args.module_args.split())
    return 0


if __name__ == "__main__":
    sys.exit(main())
