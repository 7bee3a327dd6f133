#!/usr/bin/env python3
"""End-to-end checks of the WASI layer and the `ember` CLI with the C programs in programs/.

Each check sets up its own fixture in a fresh temp dir, runs a program through `ember run`, and
compares the output with what the host computes itself (sha256sum, a directory walk, ...).
Usage: run_programs.py --ember PATH --programs DIR CHECK   (CHECK: see CHECKS below)
"""
import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 120


class Failure(Exception):
    pass


def run(ctx, args, stdin=b"", expect_status=0):
    proc = subprocess.run([ctx.ember, "run"] + args, input=stdin, capture_output=True, timeout=TIMEOUT)
    if expect_status is not None and proc.returncode != expect_status:
        raise Failure("%s: exit status %d, expected %d\nstdout: %s\nstderr: %s" % (
            " ".join(args), proc.returncode, expect_status, proc.stdout[-2000:].decode("utf-8", "replace"),
            proc.stderr[-2000:].decode("utf-8", "replace")))
    return proc


def program(ctx, name):
    return os.path.join(ctx.programs, name + ".wasm")


def expect_equal(what, actual, expected):
    if actual != expected:
        raise Failure("%s differs\n--- expected\n%r\n--- actual\n%r" % (what, expected, actual))


def make_files(root):
    """A few text and binary files; the binary one is large enough to need many reads."""
    rng = random.Random(1234)
    os.makedirs(os.path.join(root, "sub"), exist_ok=True)
    files = {
        "poem.txt": b"The quick brown fox\njumps over\n\tthe lazy dog.\n\nEnd without newline",
        "empty.txt": b"",
        "sub/data.bin": bytes(rng.getrandbits(8) for _ in range(300_000)),
    }
    for name, data in files.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    return files


def check_cat(ctx, tmp):
    files = make_files(tmp)
    names = ["poem.txt", "empty.txt", "sub/data.bin"]
    out = run(ctx, ["--dir", tmp + "::.", program(ctx, "fileutil"), "cat"] + names).stdout
    expect_equal("cat output", out, b"".join(files[n] for n in names))


def check_wc(ctx, tmp):
    files = make_files(tmp)
    names = ["poem.txt", "empty.txt", "sub/data.bin"]
    out = run(ctx, ["--dir", tmp + "::.", program(ctx, "fileutil"), "wc"] + names).stdout.decode()
    expected = "".join("%d %d %d %s\n" % (files[n].count(b"\n"), len(files[n].split()), len(files[n]), n)
                       for n in names)
    expect_equal("wc output", out, expected)


def check_sha256(ctx, tmp):
    make_files(tmp)
    names = ["poem.txt", "empty.txt", "sub/data.bin"]
    out = run(ctx, ["--dir=%s::." % tmp, program(ctx, "fileutil"), "sha256"] + names).stdout.decode()
    if shutil.which("sha256sum"):
        expected = subprocess.run(["sha256sum"] + names, cwd=tmp, capture_output=True, check=True).stdout.decode()
    else:
        expected = "".join("%s  %s\n" % (hashlib.sha256(open(os.path.join(tmp, n), "rb").read()).hexdigest(), n)
                           for n in names)
    expect_equal("sha256 output", out, expected)
    # A file outside the preopen is out of reach, and says so.
    proc = run(ctx, ["--dir=%s::." % os.path.join(tmp, "sub"), program(ctx, "fileutil"), "sha256", "../poem.txt"],
               expect_status=1)
    if b"capabilit" not in proc.stderr.lower():
        raise Failure("expected a 'not capable' error, got %r" % proc.stderr)


def walk(root, shown):
    """The listing listdir.c prints for host folder `root`, which the guest sees as `shown`."""
    lines = []
    for name in sorted(os.listdir(root)):
        full = os.path.join(root, name)
        path = shown + "/" + name
        if os.path.islink(full):
            lines.append("l %s -> %s\n" % (path, os.readlink(full)))
        elif os.path.isdir(full):
            lines.append("d %s/\n" % path)
            lines.extend(walk(full, path))
        else:
            lines.append("f %s %d\n" % (path, os.path.getsize(full)))
    return lines


def check_listdir(ctx, tmp):
    make_files(tmp)
    os.makedirs(os.path.join(tmp, "sub", "deeper", "deepest"))
    for i in range(300):  # many entries: several fd_readdir calls
        open(os.path.join(tmp, "sub", "deeper", "entry-%03d-%s" % (i, "x" * (i % 50))), "w").close()
    os.symlink("../poem.txt", os.path.join(tmp, "sub", "link"))
    out = run(ctx, ["--dir", tmp + "::/data", program(ctx, "listdir"), "/data"]).stdout.decode()
    expect_equal("listing", out, "".join(walk(tmp, "/data")))


def check_stdin(ctx, tmp):
    rng = random.Random(99)
    data = b"".join(b"line %d %s\n" % (i, bytes(rng.getrandbits(7) | 32 for _ in range(i % 90)))
                    for i in range(20000))
    out = run(ctx, [program(ctx, "stdin_stats")], stdin=data).stdout.decode()
    expected = "bytes %d lines %d sha256 %s\n" % (len(data), data.count(b"\n"), hashlib.sha256(data).hexdigest())
    expect_equal("stdin stats", out, expected)
    out = run(ctx, [program(ctx, "stdin_stats")], stdin=b"").stdout.decode()
    expect_equal("empty stdin", out, "bytes 0 lines 0 sha256 %s\n" % hashlib.sha256(b"").hexdigest())


def snapshot(root):
    """Every path under root with its content (or link target), to prove nothing changed."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                state[full] = "link:" + os.readlink(full)
            elif os.path.isfile(full):
                with open(full, "rb") as f:
                    state[full] = f.read()
            else:
                state[full] = "dir"
    return state


def check_sandbox(ctx, tmp):
    sandbox = os.path.join(tmp, "sandbox")
    outside = os.path.join(tmp, "outside")
    os.makedirs(os.path.join(sandbox, "sub"))
    os.makedirs(outside)
    with open(os.path.join(sandbox, "inside.txt"), "w") as f:
        f.write("inside")
    with open(os.path.join(outside, "secret.txt"), "w") as f:
        f.write("secret")
    os.symlink(os.path.join(outside, "secret.txt"), os.path.join(sandbox, "escape_abs"))
    os.symlink("../outside/secret.txt", os.path.join(sandbox, "escape_rel"))
    os.symlink("..", os.path.join(sandbox, "escape_dir"))
    os.symlink("../../outside", os.path.join(sandbox, "sub", "deep_escape"))
    os.symlink("loop_b", os.path.join(sandbox, "loop_a"))
    os.symlink("loop_a", os.path.join(sandbox, "loop_b"))
    os.symlink("inside.txt", os.path.join(sandbox, "ok_link"))
    os.symlink("../inside.txt", os.path.join(sandbox, "sub", "ok_up"))
    before = snapshot(tmp)
    proc = run(ctx, ["--dir", sandbox + "::/", "--env", "A=1", program(ctx, "sandbox_probe")], stdin=b"X",
               expect_status=None)
    sys.stdout.write(proc.stdout.decode())
    sys.stderr.write(proc.stderr.decode())
    if proc.returncode != 0:
        raise Failure("sandbox_probe exited with %d" % proc.returncode)
    if b"never printed" in proc.stdout:
        raise Failure("a refused fd_write wrote anyway")
    expect_equal("files after the probe", snapshot(tmp), before)


def check_fsops(ctx, tmp):
    proc = run(ctx, ["--dir", tmp + "::/", program(ctx, "fsops")], expect_status=None)
    sys.stdout.write(proc.stdout.decode())
    if proc.returncode != 0:
        raise Failure("fsops exited with %d\n%s" % (proc.returncode, proc.stderr.decode()))
    expect_equal("scratch dir after fsops", os.listdir(tmp), [])


def check_cli(ctx, tmp):
    probe = program(ctx, "cli_probe")
    out = run(ctx, [probe, "args", "two words", "--not-an-option"]).stdout.decode()
    expect_equal("argv", out, "%s\nargs\ntwo words\n--not-an-option\n" % probe)
    os.environ["EMBER_TEST_HOST_VAR"] = "from host"
    out = run(ctx, ["--env", "A=1", "--env=B=x=y", "--env", "EMBER_TEST_HOST_VAR", probe, "env", "A", "B",
                    "EMBER_TEST_HOST_VAR", "HOME", "PATH"]).stdout.decode()
    expect_equal("environment", out, "A=1\nB=x=y\nEMBER_TEST_HOST_VAR=from host\nHOME unset\nPATH unset\ncount 3\n")
    for code in (0, 1, 42, 255):
        run(ctx, [probe, "exit", str(code)], expect_status=code)

    # proc_raise: ignored signals return success, unknown ones EINVAL, terminating ones end the
    # program with 128 + signal as a shell would report it.
    expect_equal("raise none", run(ctx, [probe, "raise", "0"]).stdout.decode(), "errno 0\n")
    expect_equal("raise SIGCHLD", run(ctx, [probe, "raise", "16"]).stdout.decode(), "errno 0\n")
    expect_equal("raise 99", run(ctx, [probe, "raise", "99"]).stdout.decode(), "errno 28\n")
    run(ctx, [probe, "raise", "15"], expect_status=128 + 15)

    proc = run(ctx, [probe, "trap"], expect_status=134)
    err = proc.stderr.decode()
    if not err.startswith("ember: trap: ") or "crash_here" not in err or "main" not in err:
        raise Failure("trap report lacks the message or the backtrace names:\n" + err)
    expect_equal("output before the trap", proc.stdout.decode(), "about to trap\n")

    expect_equal("--invoke add", run(ctx, ["--invoke", "add", probe, "40", "2"]).stdout.decode(), "42\n")
    expect_equal("--invoke=mul64", run(ctx, ["--invoke=mul64", probe, "-3", "0x100000000"]).stdout.decode(),
                 "-12884901888\n")
    run(ctx, ["--invoke", "add", probe, "1"], expect_status=1)
    run(ctx, ["--invoke", "missing", probe], expect_status=1)
    run(ctx, ["--invoke", "add", probe, "one", "2"], expect_status=1)

    proc = run(ctx, [os.path.join(tmp, "no-such-file.wasm")], expect_status=1)
    if b"no-such-file.wasm" not in proc.stderr:
        raise Failure("missing file error does not name the file: %r" % proc.stderr)
    bad = os.path.join(tmp, "truncated.wasm")
    with open(probe, "rb") as f, open(bad, "wb") as g:
        g.write(f.read()[:100])
    proc = run(ctx, [bad], expect_status=1)
    if b"offset" not in proc.stderr:
        raise Failure("malformed module error lacks the offset: %r" % proc.stderr)
    proc = subprocess.run([ctx.ember, "validate", bad], capture_output=True)
    expect_equal("validate status of a truncated module", proc.returncode, 1)
    proc = subprocess.run([ctx.ember, "validate", probe], capture_output=True)
    expect_equal("validate status", proc.returncode, 0)
    proc = subprocess.run([ctx.ember, "inspect", probe], capture_output=True)
    text = proc.stdout.decode()
    if proc.returncode != 0 or "wasi_snapshot_preview1.fd_write" not in text or "add (i32, i32) -> (i32)" not in text:
        raise Failure("inspect output incomplete:\n" + text)
    run(ctx, ["--dir", os.path.join(tmp, "missing-dir"), probe, "args"], expect_status=1)
    run(ctx, ["--bogus", probe], expect_status=1)
    run(ctx, ["--max-memory", "64K", probe, "args"], expect_status=1)  # the module needs more


def check_edge_paths(ctx, tmp):
    """Preview1 edge cases (edge_paths.c): the preopen opened as itself, trailing slashes in link
    names, and a read-only preopen that leaves its folder untouched."""
    prog = program(ctx, "edge_paths")
    for mode in ("preopen", "slashes"):
        scratch = os.path.join(tmp, mode)
        os.mkdir(scratch)
        proc = run(ctx, ["--dir", scratch + "::/", prog, mode], expect_status=None)
        sys.stdout.write(proc.stdout.decode())
        if proc.returncode != 0:
            raise Failure("edge_paths %s exited with %d\n%s" % (mode, proc.returncode, proc.stderr.decode()))
        expect_equal("scratch dir after %s" % mode, sorted(os.listdir(scratch)), [])
    ro = os.path.join(tmp, "ro")
    os.mkdir(ro)
    with open(os.path.join(ro, "kept.txt"), "wb") as f:
        f.write(b"kept")
    before = snapshot(ro)
    proc = run(ctx, ["--dir-ro", ro + "::/", prog, "readonly"], expect_status=None)
    sys.stdout.write(proc.stdout.decode())
    if proc.returncode != 0:
        raise Failure("edge_paths readonly exited with %d\n%s" % (proc.returncode, proc.stderr.decode()))
    expect_equal("read-only folder after the run", snapshot(ro), before)


def check_conventions(ctx, tmp):
    """The command-line conventions shared with other runtimes."""
    probe = program(ctx, "cli_probe")
    out = run(ctx, ["--argv0", "busybox-ls", probe, "args", "x"]).stdout.decode()
    expect_equal("--argv0", out, "busybox-ls\nargs\nx\n")
    out = run(ctx, ["--", probe, "args", "--argv0", "--", "-x"]).stdout.decode()
    expect_equal("-- ends the options; words after FILE are the guest's", out,
                 "%s\nargs\n--argv0\n--\n-x\n" % probe)
    implicit = subprocess.run([ctx.ember, "--env", "A=1", probe, "env", "A"], capture_output=True, timeout=TIMEOUT)
    expect_equal("implicit run", implicit.stdout.decode(), "A=1\ncount 1\n")
    env = dict(os.environ, EMBER_TEST_INHERITED="yes", EMBER_TEST_REPLACED="host")
    proc = subprocess.run([ctx.ember, "run", "--inherit-env", "--env", "EMBER_TEST_REPLACED=guest", probe, "env",
                           "EMBER_TEST_INHERITED", "EMBER_TEST_REPLACED"], env=env, capture_output=True,
                          timeout=TIMEOUT)
    lines = proc.stdout.decode().splitlines()
    expect_equal("--inherit-env", lines[:2], ["EMBER_TEST_INHERITED=yes", "EMBER_TEST_REPLACED=guest"])
    expect_equal("--inherit-env count", lines[2], "count %d" % len(env))
    for mode in ("lazy", "eager"):
        out = run(ctx, ["--compile", mode, "--invoke", "add", probe, "2", "3"]).stdout.decode()
        expect_equal("--compile %s" % mode, out, "5\n")
    proc = run(ctx, ["--stats", probe, "args"])
    err = proc.stderr.decode()
    for field in ("load", "instantiate", "run", "fuel used", "peak RSS"):
        if ("  " + field) not in err:
            raise Failure("--stats lacks %r:\n%s" % (field, err))
    proc = run(ctx, ["--stats", "--fuel", "1000000000", probe, "args"])
    used = int(proc.stderr.decode().split("fuel used")[1].split()[0])
    if not 0 < used < 1000000000:
        raise Failure("--stats fuel used %d is not within the budget" % used)


CHECKS = {
    "cat": check_cat,
    "wc": check_wc,
    "sha256": check_sha256,
    "listdir": check_listdir,
    "stdin": check_stdin,
    "sandbox": check_sandbox,
    "fsops": check_fsops,
    "cli": check_cli,
    "edge_paths": check_edge_paths,
    "conventions": check_conventions,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ember", required=True)
    parser.add_argument("--programs", required=True, help="folder with the compiled programs")
    parser.add_argument("checks", nargs="*", default=sorted(CHECKS))
    ctx = parser.parse_args()
    failed = 0
    for name in ctx.checks:
        tmp = tempfile.mkdtemp(prefix="ember-wasi-%s-" % name)
        try:
            CHECKS[name](ctx, tmp)
            print("PASS %s" % name)
        except (Failure, subprocess.TimeoutExpired) as e:
            failed += 1
            print("FAIL %s: %s" % (name, e))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
