#!/usr/bin/env python3
"""Shrinks a module on which Ember and wasm-interp disagree, keeping the disagreement.

Works on the generator's flat WAT, one instruction per line. A change is kept when the module
still compiles with wat2wasm, Ember still loads it, and the chosen export still gives different
outcomes in the two engines. Passes, repeated until nothing changes: tail calls rewritten as
call + return, whole functions removed, blocks removed or unwrapped, chunks of lines deleted
(halving the chunk size down to single lines), unused functions dropped from the table. Flat
code makes this effective: most balanced instruction runs can go without breaking validity.

The result still needs a look by hand: shrinking keeps *a* disagreement on the export, which
could turn into one where the reference is wrong (see run_differential.py for wabt's known
problems).

usage: minimize.py --driver PATH IN.wat [-o OUT.wat] [--export NAME] [--mode plain]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_differential  # noqa: E402


class Oracle:
    def __init__(self, opts):
        self.opts = opts
        self.dir = tempfile.mkdtemp(prefix="ember-minimize-")
        self.tests = 0

    def outcomes(self, text):
        """(reference, ember) result maps, or None if the text is not a usable module."""
        self.tests += 1
        wat = os.path.join(self.dir, "m.wat")
        wasm = os.path.join(self.dir, "m.wasm")
        with open(wat, "w") as f:
            f.write(text)
        p = subprocess.run([self.opts.wat2wasm, "--enable-tail-call", wat, "-o", wasm], capture_output=True)
        if p.returncode != 0:
            return None
        try:
            ref = subprocess.run([self.opts.wasm_interp, "--enable-tail-call", wasm, "--run-all-exports"],
                                 capture_output=True, text=True, timeout=10)
            got = subprocess.run([self.opts.driver, "--mode", self.opts.mode, wasm], capture_output=True,
                                 text=True, timeout=10)
        except subprocess.TimeoutExpired:
            return None
        if ref.returncode != 0:
            return None
        # wabt 1.0.32 accepts some invalid code (e.g. a typed select's result feeding br_table
        # as the wrong type); deletions can produce it, and Ember rightly refuses to load it.
        if "load failed" in got.stdout or "instantiate failed" in got.stdout:
            return None
        sections, _ = run_differential.parse_driver(got.stdout)
        return run_differential.parse_results(ref.stdout), sections.get(self.opts.mode, {})

    def interesting(self, text):
        r = self.outcomes(text)
        if r is None:
            return False
        ref, ember = r
        name = self.opts.export
        if name not in ref or name not in ember:
            return False
        return not same_outcome(ember[name], ref[name])


def is_nan_bits(value):
    """True for an "i32:N" / "i64:N" result whose bits are a NaN of the same width."""
    t, _, n = value.partition(":")
    if not n.isdigit():
        return False
    n = int(n)
    if t == "i32":
        return (n >> 23) & 0xFF == 0xFF and n & 0x7FFFFF != 0
    if t == "i64":
        return (n >> 52) & 0x7FF == 0x7FF and n & ((1 << 52) - 1) != 0
    return False


def same_outcome(a, b):
    """Outcomes agree, NaNs of any payload counting as equal: deleting lines can remove the
    wrappers' NaN canonicalisation, and NaN payloads legitimately differ between engines."""
    if a == b:
        return True
    va, vb = a.split(", "), b.split(", ")
    return len(va) == len(vb) and all(x == y or (is_nan_bits(x) and is_nan_bits(y)) for x, y in zip(va, vb))


def ddmin_lines(lines, keep, oracle):
    """Deletes chunks of lines (except those `keep` protects) while the module stays
    interesting, halving the chunk size until single lines no longer go."""
    chunk = max(1, len(lines) // 2)
    while True:
        changed = False
        i = 0
        while i < len(lines):
            seg = lines[i:i + chunk]
            kept = [ln for ln in seg if keep(ln)]
            if len(kept) < len(seg):
                candidate = lines[:i] + kept + lines[i + chunk:]
                if oracle.interesting("\n".join(candidate) + "\n"):
                    lines = candidate
                    changed = True
                    i += len(kept)
                    continue
            i += chunk
        if not changed:
            if chunk == 1:
                return lines
            chunk = max(1, chunk // 2)


def without_tail_calls(lines, oracle):
    """Rewrites return_call as call + return (the same semantics) if the disagreement stays:
    wasm-interp 1.0.32 mishandles return_call when other values are on the operand stack, so a
    disagreement that needs a tail call is suspect and gets a warning instead."""
    rewritten = []
    for line in lines:
        m = re.match(r"^(\s*)return_(call(?:_indirect)?\b.*)$", line)
        if m:
            rewritten += [m.group(1) + m.group(2), m.group(1) + "return"]
        else:
            rewritten.append(line)
    if rewritten == lines:
        return lines
    if oracle.interesting("\n".join(rewritten) + "\n"):
        return rewritten
    print("warning: the disagreement goes away without tail calls; wasm-interp 1.0.32 gets "
          "return_call wrong when other values are on the stack: check the result by hand")
    return lines


def drop_functions(lines, export, oracle):
    """Removes whole functions (with their exports and table entries), then other exports."""
    def spans(ls):
        out = []
        for i, line in enumerate(ls):
            m = re.match(r"^  \(func \$(\S+)", line)
            if m:
                j = i
                while not re.match(r"^  \)\s*$", ls[j]):
                    j += 1
                out.append((i, j, m.group(1)))
        return out

    for _, _, name in reversed(spans(lines)):
        found = [s for s in spans(lines) if s[2] == name]
        if not found:
            continue
        i, j, _ = found[0]
        candidate = []
        for k, line in enumerate(lines):
            if i <= k <= j:
                continue
            if re.match(r'^\s*\(export "[^"]*" \(func \$%s\)\)' % re.escape(name), line):
                continue
            if line.strip().startswith("(elem"):
                line = re.sub(r" \$%s(?=[ )])" % re.escape(name), "", line)
            candidate.append(line)
        if oracle.interesting("\n".join(candidate) + "\n"):
            lines = candidate
    for line in list(lines):
        if line.strip().startswith("(export") and '"%s"' % export not in line:
            candidate = [ln for ln in lines if ln is not line]
            if oracle.interesting("\n".join(candidate) + "\n"):
                lines = candidate
    return lines


def control_spans(lines):
    """(start, else, end) line indices of every block/loop/if, matched by indentation (the
    generator indents each body one level deeper than its header)."""
    out = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not re.match(r"^(block|loop|if)\b", s):
            continue
        indent = len(line) - len(line.lstrip())
        els = None
        for j in range(i + 1, len(lines)):
            other = lines[j]
            ind = len(other) - len(other.lstrip())
            if ind < indent:
                break
            if ind == indent and other.strip() == "else":
                els = j
            elif ind == indent and other.strip() == "end":
                out.append((i, els, j))
                break
    return out


def shrink_control(lines, oracle):
    """Deletes whole blocks, or unwraps them (header and end go, the body stays; for an if, one
    arm stays)."""
    i = 0
    while True:
        spans = control_spans(lines)
        if i >= len(spans):
            return lines
        start, els, end = spans[i]
        candidates = [lines[:start] + lines[end + 1:]]
        if els is None:
            candidates.append(lines[:start] + lines[start + 1:end] + lines[end + 1:])
        else:
            candidates.append(lines[:start] + lines[start + 1:els] + lines[end + 1:])
            candidates.append(lines[:start] + lines[els + 1:end] + lines[end + 1:])
        for cand in candidates:
            if oracle.interesting("\n".join(cand) + "\n"):
                lines = cand
                break
        else:
            i += 1


def shrink_elem(lines, oracle):
    """Drops functions from the table's elem list one at a time."""
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*\(elem \(i32\.const 0\) func)(.*)\)\s*$", line)
        if not m:
            continue
        names = m.group(2).split()
        for name in list(names):
            trial = [n for n in names if n != name]
            candidate = lines[:i] + ["%s %s)" % (m.group(1), " ".join(trial))] + lines[i + 1:]
            if oracle.interesting("\n".join(candidate) + "\n"):
                lines = candidate
                names = trial
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("-o", "--output")
    ap.add_argument("--driver", required=True)
    ap.add_argument("--wat2wasm", default="wat2wasm")
    ap.add_argument("--wasm-interp", default="wasm-interp")
    ap.add_argument("--mode", default="plain")
    ap.add_argument("--export", help="the export that must keep disagreeing (default: the first one)")
    opts = ap.parse_args()
    oracle = Oracle(opts)
    text = open(opts.input).read()
    r = oracle.outcomes(text)
    if r is None:
        sys.exit("input does not compile or the reference fails on it")
    ref, ember = r
    if opts.export is None:
        bad = [n for n in ref if ember.get(n) != ref[n]]
        if not bad:
            sys.exit("no disagreement in mode %s" % opts.mode)
        opts.export = bad[0]
    print("keeping the disagreement on export %s: ember %s, reference %s" % (
        opts.export, ember.get(opts.export), ref[opts.export]))

    lines = text.splitlines()
    # Structural lines are never deleted one by one; everything else may go.
    def keep(line):
        s = line.strip()
        if s in ("(module", ")") or s.startswith("(memory"):
            return True
        if s.startswith('(export "%s"' % opts.export):
            return True
        return False

    lines = without_tail_calls(lines, oracle)
    lines = drop_functions(lines, opts.export, oracle)
    previous = None
    while previous != lines:
        previous = list(lines)
        lines = shrink_control(lines, oracle)
        lines = ddmin_lines(lines, keep, oracle)
        lines = shrink_elem(lines, oracle)
    out = "\n".join(lines) + "\n"
    r = oracle.outcomes(out)
    print("after %d tests: %d lines; ember %s, reference %s" % (
        oracle.tests, len(lines), r[1].get(opts.export), r[0].get(opts.export)))
    if opts.output:
        with open(opts.output, "w") as f:
            f.write(out)
    else:
        sys.stdout.write(out)


if __name__ == "__main__":
    main()
