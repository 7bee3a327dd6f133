#!/usr/bin/env python3
"""Runs the WebAssembly/wasi-testsuite prebuilt tests through the `ember` CLI.

For each <test>.wasm in a suite folder: read <test>.json (legacy form, or the operation-based form),
copy the `root` fixture folder to a fresh temp dir and preopen it as "/", run with exactly the given
args and env and an empty stdin, then compare the exit status and the expected stdout / stderr
prefixes (the upstream runner reads len(expected) characters). Prints one line per test, a
per-folder summary, and a final "N passed, M failed" line; exits non-zero if anything failed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_SECONDS = 120


def load_spec(json_path):
    spec = {"args": [], "env": {}, "root": None, "exit_code": 0, "stdout": "", "stderr": ""}
    if not os.path.exists(json_path):
        return spec
    with open(json_path, encoding="utf-8") as f:
        data = json.load(f)
    if "operations" in data:
        # Operation-based form: run / read / wait; socket and HTTP operations are not supported.
        for op in data["operations"]:
            kind = op.get("type")
            if kind == "run":
                spec["args"] = op.get("args", [])
                spec["env"] = op.get("env", {})
                spec["root"] = op.get("root")
            elif kind == "wait":
                spec["exit_code"] = op.get("exit_code", 0)
            elif kind == "read":
                spec[op.get("id", "stdout")] = op.get("payload", "")
            else:
                spec["unsupported"] = kind
        return spec
    spec.update({k: v for k, v in data.items() if k in spec})
    return spec


def run_test(ember, wasm_path, spec):
    """Returns (passed, reason)."""
    if "unsupported" in spec:
        return False, "unsupported operation %r" % spec["unsupported"]
    cmd = [ember, "run"]
    for name, value in spec["env"].items():
        cmd.append("--env=%s=%s" % (name, value))
    tmp = None
    try:
        if spec["root"] is not None:
            tmp = tempfile.mkdtemp(prefix="ember-wasi-")
            fixture = os.path.join(os.path.dirname(wasm_path), spec["root"])
            root = os.path.join(tmp, "root")
            shutil.copytree(fixture, root)
            # The fixtures are read-only in the source tree; tests create and delete files.
            for dirpath, dirnames, filenames in os.walk(root):
                os.chmod(dirpath, 0o755)
                for name in filenames:
                    os.chmod(os.path.join(dirpath, name), 0o644)
            cmd.append("--dir=%s::/" % root)
        cmd.append(wasm_path)
        cmd.extend(spec["args"])
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return False, "timed out after %ds" % TIMEOUT_SECONDS
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != spec["exit_code"]:
        detail = err.strip().splitlines()[-3:] if err.strip() else []
        return False, "exit status %d, expected %d %s" % (proc.returncode, spec["exit_code"],
                                                         " | ".join(detail))
    for stream, actual in (("stdout", out), ("stderr", err)):
        expected = spec[stream]
        if actual[:len(expected)] != expected:
            return False, "%s %r does not start with %r" % (stream, actual[:len(expected) + 20], expected)
    return True, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ember", required=True, help="path to the ember CLI")
    parser.add_argument("--suite", required=True, help="wasi-testsuite folder (holds c/, assemblyscript/)")
    parser.add_argument("--filter", default="", help="only tests whose name contains this")
    args = parser.parse_args()

    folders = []
    for group in sorted(os.listdir(args.suite)):
        for sub in ("wasm32-wasip1", "testsuite", ""):
            path = os.path.join(args.suite, group, sub)
            if os.path.isdir(path) and any(f.endswith(".wasm") for f in os.listdir(path)):
                folders.append(path)
                break
    if not folders:
        print("no test folders found under %s" % args.suite)
        return 1

    total_pass = total_fail = 0
    for folder in folders:
        passed = failed = 0
        name = os.path.relpath(folder, args.suite)
        manifest = os.path.join(folder, "manifest.json")
        if os.path.exists(manifest):
            with open(manifest, encoding="utf-8") as f:
                name = json.load(f).get("name", name)
        print("== %s" % name)
        for wasm in sorted(f for f in os.listdir(folder) if f.endswith(".wasm")):
            test = wasm[:-len(".wasm")]
            if args.filter and args.filter not in test:
                continue
            spec = load_spec(os.path.join(folder, test + ".json"))
            ok, reason = run_test(args.ember, os.path.join(folder, wasm), spec)
            if ok:
                passed += 1
                print("PASS %s" % test)
            else:
                failed += 1
                print("FAIL %s: %s" % (test, reason))
        print("-- %s: %d passed, %d failed" % (name, passed, failed))
        total_pass += passed
        total_fail += failed
    print("%d passed, %d failed" % (total_pass, total_fail))
    return 0 if total_fail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
