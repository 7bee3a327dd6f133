#!/usr/bin/env python3
"""Deterministic generator of random, valid WebAssembly text modules for differential testing.

Every module is a function of its seed alone (random.Random(seed), no other input), so a failing
seed reproduces anywhere. The programs target Ember's compiler rather than numeric corner cases
(the spec suite covers those): they are written in flat stack form so that operand-stack shapes
the folded syntax never produces show up, e.g. a `local.get L` still lazily on the stack while a
statement interleaved in the middle of an expression writes L.

What the function bodies mix (weights in FuncGen.expr / FuncGen.stmt):
  * deep expression trees of locals and constants (small, edge, random 32/64-bit, negative;
    on either side of an operator, so immediate forms and mirrored compares get used), all
    numeric operators and conversions, select (typed and not), globals, memory.size;
  * statements interleaved inside expressions: local.set / local.tee of locals still lazily on
    the stack, swaps and rotations of locals (paired copies), stores, global.set;
  * block / if / loop with params and multi-value results, br / br_if / br_table carrying
    values out of nested blocks (to the function too), return (and tail calls) from inside
    blocks, unconditional branches followed by dead code;
  * conditions shaped for the compare+branch fusions: compares (constant left or right),
    i32.eqz, i32.and tests, x+k stored then compared;
  * counted loops (1..4 trips) whose tails take every increment/decrement + compare + branch
    shape, br_if / br+br_if / br_table exits, and "continue" branches from the body;
  * loads and stores at masked, base+offset, base+base, wrapping and end-of-page addresses
    (some trap), float mul+add/sub in every operand order, integer div/rem (some trap), direct
    and indirect calls (some trap: wrong type, uninitialised, undefined), bulk memory
    (fill/copy/init/data.drop) and a second table (get/set/grow/fill/size).

Module layout:
  * f0..fN-1: the functions under test, with random i32/i64/f32/f64 params and 0..3 results.
    fi only calls fj for j < i, and a static cost estimate bounds the work of every call, so all
    calls terminate quickly (every loop is a counted loop with a trip count of 1..4).
  * wrappers "fI_J": no params; call fI with the J-th constant argument vector and return its
    results as integers (floats reinterpreted to bits, every NaN replaced by one canonical NaN,
    since NaN payloads legitimately differ between engines). wasm-interp can only run exports
    without parameters, hence the wrappers.
  * "csI" after each function's wrappers: a checksum of the memory region the programs write and
    of the globals, so wrong stores are caught even when no result depends on them.

Floats are sanitised the same way wherever their bits become observable: stores, reinterprets,
copysign's sign operand and wrapper results.

usage: gen_programs.py SEED [--out FILE] [--reference wabt|v8]
"""
import argparse
import random
import struct
import sys

INTS = ("i32", "i64")
FLOATS = ("f32", "f64")
TYPES = INTS + FLOATS

# Memory the masked accesses reach: [0, REGION) plus offsets; checksummed after every function.
ADDR_MASKS = (0x7FF, 0x7F8, 0x3FC, 0xFF, 0x7F0)
REGION = 0x800 + 128
PAGE = 65536

INT_UNOPS = {
    "i32": ["i32.clz", "i32.ctz", "i32.popcnt", "i32.eqz", "i32.extend8_s", "i32.extend16_s"],
    "i64": ["i64.clz", "i64.ctz", "i64.popcnt", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s"],
}
FLOAT_UNOPS = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"]
INT_BINOPS = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"]
INT_DIVOPS = ["div_s", "div_u", "rem_s", "rem_u"]
FLOAT_BINOPS = ["add", "sub", "mul", "div", "min", "max"]
INT_CMPS = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
FLOAT_CMPS = ["eq", "ne", "lt", "gt", "le", "ge"]

# Conversions: (to, from) -> list of (instruction, traps?, needs a sanitised float input)
CONVERSIONS = {
    ("i32", "i64"): [("i32.wrap_i64", False, False)],
    ("i32", "f32"): [("i32.trunc_f32_s", True, False), ("i32.trunc_f32_u", True, False),
                     ("i32.trunc_sat_f32_s", False, False), ("i32.trunc_sat_f32_u", False, False),
                     ("i32.reinterpret_f32", False, True)],
    ("i32", "f64"): [("i32.trunc_f64_s", True, False), ("i32.trunc_f64_u", True, False),
                     ("i32.trunc_sat_f64_s", False, False), ("i32.trunc_sat_f64_u", False, False)],
    ("i64", "i32"): [("i64.extend_i32_s", False, False), ("i64.extend_i32_u", False, False)],
    ("i64", "f32"): [("i64.trunc_f32_s", True, False), ("i64.trunc_f32_u", True, False),
                     ("i64.trunc_sat_f32_s", False, False), ("i64.trunc_sat_f32_u", False, False)],
    ("i64", "f64"): [("i64.trunc_f64_s", True, False), ("i64.trunc_f64_u", True, False),
                     ("i64.trunc_sat_f64_s", False, False), ("i64.trunc_sat_f64_u", False, False),
                     ("i64.reinterpret_f64", False, True)],
    ("f32", "i32"): [("f32.convert_i32_s", False, False), ("f32.convert_i32_u", False, False),
                     ("f32.reinterpret_i32", False, False)],
    ("f32", "i64"): [("f32.convert_i64_s", False, False), ("f32.convert_i64_u", False, False)],
    ("f32", "f64"): [("f32.demote_f64", False, False)],
    ("f64", "i32"): [("f64.convert_i32_s", False, False), ("f64.convert_i32_u", False, False)],
    ("f64", "i64"): [("f64.convert_i64_s", False, False), ("f64.convert_i64_u", False, False),
                     ("f64.reinterpret_i64", False, False)],
    ("f64", "f32"): [("f64.promote_f32", False, False)],
}

LOADS = {
    "i32": [("i32.load", 4), ("i32.load8_s", 1), ("i32.load8_u", 1), ("i32.load16_s", 2),
            ("i32.load16_u", 2)],
    "i64": [("i64.load", 8), ("i64.load8_s", 1), ("i64.load8_u", 1), ("i64.load16_s", 2),
            ("i64.load16_u", 2), ("i64.load32_s", 4), ("i64.load32_u", 4)],
    "f32": [("f32.load", 4)],
    "f64": [("f64.load", 8)],
}
STORES = {
    "i32": [("i32.store", 4), ("i32.store8", 1), ("i32.store16", 2)],
    "i64": [("i64.store", 8), ("i64.store8", 1), ("i64.store16", 2), ("i64.store32", 4)],
    "f32": [("f32.store", 4)],
    "f64": [("f64.store", 8)],
}

INT32_EDGES = [0, 1, -1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 127, 128, 255, 256, -2, -8,
               -128, -129, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, -0x80000000, 0x12345678, -0x1234567]
INT64_EXTRA = [0x7FFFFFFF, 0x80000000, -0x80000000, -0x80000001, 0xFFFFFFFF, 0x100000000,
               0x7FFFFFFFFFFFFFFF, -0x8000000000000000, 0x123456789ABCDEF0, -0x0123456789ABCDEF]
FLOAT_EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.25, 3.0, 10.0, 100.0, 1e10, -1e10, 1e-7, 0.1,
               -0.75, 2147483647.0, 2147483648.0, -2147483649.0, 4294967296.0, 1e30, -1e30,
               float("inf"), float("-inf")]


def f32_round(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def float_text(x):
    if x != x:
        return "nan"
    if x == float("inf"):
        return "inf"
    if x == float("-inf"):
        return "-inf"
    # Hex floats are exact; values are pre-rounded to f32 for f32 constants.
    return x.hex()


def wrap_int(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


class Label:
    def __init__(self, kind, types):
        self.kind = kind      # "func", "block", "if", "loop"
        self.types = types    # branch arity: results, or params for a loop
        self.guard = None     # loops that may be re-entered from the body: see counted_loop


class Sig:
    def __init__(self, params, results):
        self.params = params
        self.results = results
        self.cost = 0


class FuncGen:
    """Generates one function body. Emits flat instructions; the type discipline is structural:
    expr(t) leaves exactly one t, stmt() leaves the stack as it found it, values(ts) leaves ts."""

    MAX_EXPR_DEPTH = 7
    MAX_CTRL_DEPTH = 5
    MAX_LOOP_DEPTH = 3
    COST_BUDGET = 6000

    def __init__(self, mg, index, sig):
        self.mg = mg
        self.r = mg.r
        self.index = index
        self.sig = sig
        self.local_types = list(sig.params)
        self.lines = []
        self.recent = []
        self.indent = 2
        self.labels = [Label("func", list(sig.results))]
        self.mult = 1
        self.cost = 0
        self.loop_depth = 0
        self.ctrl_depth = 0
        self.expr_level = 0
        self.nodes = self.r.randint(60, 500)
        # Locals the random statements may write: params plus a few declared ones per type.
        self.writable = {t: [i for i, p in enumerate(sig.params) if p == t] for t in TYPES}
        for t in TYPES:
            for _ in range(self.r.randint(1, 3)):
                self.writable[t].append(self.new_local(t))
        # Counters and limits of counted loops (one per loop depth), pointer locals (always
        # in-bounds addresses) and float scratch locals for sanitising: never written at random.
        self.counters = {}
        self.limits = {}
        self.scratch = {}
        self.ptrs = [self.new_local("i32") for _ in range(self.r.randint(1, 2))]
        self.readonly = {t: [] for t in TYPES}
        self.readonly["i32"].extend(self.ptrs)
        # A few "hot" locals per type, picked most of the time, so that reads and writes of the
        # same local collide often.
        self.hot = {t: self.r.sample(self.writable[t], min(2, len(self.writable[t]))) for t in TYPES}

    # ---- helpers ----
    def new_local(self, t):
        self.local_types.append(t)
        return len(self.local_types) - 1

    def emit(self, text):
        self.lines.append("  " * self.indent + text)
        self.cost += self.mult
        # Locals written last are read again soon (see leaf): reads that follow a write, lazily
        # on the stack while the write's instruction is still being fused, are where the
        # compiler's peepholes interact.
        if text.startswith(("local.set ", "local.tee ")):
            l = int(text.split()[1])
            if l not in self.scratch.values():
                self.recent = ([l] + [x for x in self.recent if x != l])[:4]

    def chance(self, p):
        return self.r.random() < p

    def pick(self, weighted):
        total = sum(w for w, _ in weighted)
        x = self.r.random() * total
        for w, v in weighted:
            x -= w
            if x < 0:
                return v
        return weighted[-1][1]

    def counter(self, depth, t="i32"):
        key = (depth, t)
        if key not in self.counters:
            self.counters[key] = self.new_local(t)
            self.readonly[t].append(self.counters[key])
        return self.counters[key]

    def limit(self, depth, t="i32"):
        key = (depth, t)
        if key not in self.limits:
            self.limits[key] = self.new_local(t)
            self.readonly[t].append(self.limits[key])
        return self.limits[key]

    def scratch_local(self, t):
        if t not in self.scratch:
            self.scratch[t] = self.new_local(t)
        return self.scratch[t]

    def writable_local(self, t):
        if self.hot[t] and self.chance(0.6):
            return self.r.choice(self.hot[t])
        return self.r.choice(self.writable[t])

    def readable_local(self, t):
        pool = self.writable[t] + self.readonly[t]
        if self.hot[t] and self.chance(0.5):
            return self.r.choice(self.hot[t])
        return self.r.choice(pool)

    def const_value(self, t):
        r = self.r
        if t == "i32":
            k = r.random()
            if k < 0.45:
                return r.randint(-16, 16)
            if k < 0.75:
                return r.choice(INT32_EDGES)
            return wrap_int(r.getrandbits(32), 32)
        if t == "i64":
            k = r.random()
            if k < 0.4:
                return r.randint(-16, 16)
            if k < 0.6:
                return r.choice(INT32_EDGES)
            if k < 0.8:
                return r.choice(INT64_EXTRA)
            return wrap_int(r.getrandbits(64), 64)
        k = r.random()
        if k < 0.5:
            v = r.choice(FLOAT_EDGES)
        elif k < 0.8:
            v = float(r.randint(-20, 20)) / r.choice([1, 2, 4, 8, 3])
        else:
            v = r.uniform(-1e6, 1e6)
        return f32_round(v) if t == "f32" else v

    def const_text(self, t, v):
        if t in INTS:
            return "%s.const %d" % (t, v)
        return "%s.const %s" % (t, float_text(v))

    def emit_const(self, t, v=None):
        if v is None:
            v = self.const_value(t)
        self.emit(self.const_text(t, v))

    def blocktype(self, params, results):
        s = ""
        if params:
            s += " (param %s)" % " ".join(params)
        if results:
            s += " (result %s)" % " ".join(results)
        return s

    def open(self, head, label):
        self.emit(head)
        self.indent += 1
        self.labels.append(label)
        self.ctrl_depth += 1

    def close(self):
        self.labels.pop()
        self.ctrl_depth -= 1
        self.indent -= 1
        self.emit("end")

    def branch_targets(self, types=None, guarded=False):
        """Depths of labels a branch may target: forward ones, and with `guarded` also loops
        whose label has a guard (the branch must then be conditional on it). Other back edges
        only come from the counted-loop tails, which is what bounds every loop."""
        out = []
        n = len(self.labels)
        for i, lab in enumerate(self.labels):
            if lab.kind == "loop" and not (guarded and lab.guard):
                continue
            if types is not None and lab.types != types:
                continue
            out.append(n - 1 - i)
        return out

    def sanitize(self, t):
        """The float on top of the stack, with any NaN replaced by the canonical NaN."""
        s = self.scratch_local(t)
        self.emit("local.set %d" % s)
        self.emit("%s.const nan" % t)
        self.emit("local.get %d" % s)
        self.emit("local.get %d" % s)
        self.emit("local.get %d" % s)
        self.emit("%s.ne" % t)
        self.emit("select")

    # ---- expressions ----
    def leaf(self, t):
        recent = [l for l in self.recent if self.local_types[l] == t]
        if recent and self.chance(0.3):
            self.emit("local.get %d" % recent[0])
        elif self.chance(0.65):
            self.emit("local.get %d" % self.readable_local(t))
        else:
            self.emit_const(t)

    def expr(self, t, d):
        # Anything generated while an expression is under way may have values below it.
        self.expr_level += 1
        try:
            self.expr_inner(t, d)
        finally:
            self.expr_level -= 1

    def expr_inner(self, t, d):
        self.nodes -= 1
        if d >= self.MAX_EXPR_DEPTH or self.nodes <= 0:
            return self.leaf(t)
        ctrl_ok = self.ctrl_depth < self.MAX_CTRL_DEPTH and d < self.MAX_EXPR_DEPTH - 2
        choices = [
            (14, self.leaf_expr),
            (10, self.unop_expr),
            (24, self.binop_expr),
            (5, self.convert_expr),
            (5, self.tee_expr),
            (4, self.select_expr),
            (5, self.load_expr),
            (2, self.global_expr),
            (4, self.seq_expr),
            (4, self.clobber_expr),
        ]
        if t == "i32":
            choices.append((8, self.compare_expr))
            choices.append((1, self.table_expr))
        if t in FLOATS:
            choices.append((6, self.muladd_expr))
        if t in INTS:
            choices.append((3, self.div_expr))
        if ctrl_ok:
            choices += [
                (4, self.block_expr),
                (4, self.if_expr),
                (3, self.loop_expr),
                (4, self.brif_expr),
                (2, self.brtable_expr),
                (4, self.call_expr),
                (2, self.multi_block_expr),
            ]
        self.pick(choices)(t, d)

    def leaf_expr(self, t, d):
        self.leaf(t)

    def unop_expr(self, t, d):
        if t in INTS:
            op = self.r.choice(INT_UNOPS[t])
            self.expr(t, d + 1)
            self.emit(op)
        else:
            self.expr(t, d + 1)
            self.emit("%s.%s" % (t, self.r.choice(FLOAT_UNOPS)))

    def binop_expr(self, t, d):
        if t in INTS:
            op = self.r.choice(INT_BINOPS)
        else:
            op = self.r.choice(FLOAT_BINOPS + ["copysign"])
        # Constants on either side: the compiler uses immediate forms and mirrors compares.
        k = self.r.random()
        if k < 0.2:
            self.emit_const(t)
            self.expr(t, d + 1)
        elif k < 0.45:
            self.expr(t, d + 1)
            self.emit_const(t)
        else:
            self.expr(t, d + 1)
            self.expr(t, d + 1)
        if op == "copysign":
            # The sign of a NaN is not deterministic across engines.
            self.sanitize(t)
        self.emit("%s.%s" % (t, op))

    def div_expr(self, t, d):
        op = self.r.choice(INT_DIVOPS)
        bits = 32 if t == "i32" else 64
        k = self.r.random()
        if k < 0.04:
            # Signed overflow: MIN / -1.
            self.emit_const(t, -(1 << (bits - 1)))
            self.emit_const(t, -1)
        else:
            self.expr(t, d + 1)
            if k < 0.55:
                self.expr(t, d + 1)
                self.emit_const(t, 1)
                self.emit("%s.or" % t)  # never zero
            elif k < 0.75:
                self.emit_const(t, self.r.choice([3, 7, -5, 16, 1000, -1, 1]))
            else:
                self.expr(t, d + 1)  # may be zero: traps
        self.emit("%s.%s" % (t, op))

    def compare_expr(self, t, d):
        st = self.r.choice(TYPES)
        op = self.r.choice(INT_CMPS if st in INTS else FLOAT_CMPS)
        k = self.r.random()
        if st == "i64" and k < 0.1:
            self.expr("i64", d + 1)
            self.emit("i64.eqz")
            return
        if k < 0.25:
            self.emit_const(st)
            self.expr(st, d + 1)
        elif k < 0.55:
            self.expr(st, d + 1)
            self.emit_const(st)
        else:
            self.expr(st, d + 1)
            self.expr(st, d + 1)
        self.emit("%s.%s" % (st, op))

    def convert_expr(self, t, d):
        sources = [s for s in TYPES if (t, s) in CONVERSIONS]
        s = self.r.choice(sources)
        options = CONVERSIONS[(t, s)]
        # Trapping truncations are rarer: a trap ends the whole call.
        weighted = [(1 if traps else 6, (op, traps, san)) for op, traps, san in options]
        op, _, san = self.pick(weighted)
        self.expr(s, d + 1)
        if san:
            self.sanitize(s)
        self.emit(op)

    def tee_expr(self, t, d):
        self.expr(t, d + 1)
        self.emit("local.tee %d" % self.writable_local(t))

    def select_expr(self, t, d):
        self.expr(t, d + 1)
        self.expr(t, d + 1)
        self.cond(d + 1)
        self.emit("select" if self.chance(0.5) else "select (result %s)" % t)

    def table_expr(self, t, d):
        """i32 results of the second table's instructions (the call table is never modified, so
        calls stay acyclic)."""
        k = self.r.random()
        if k < 0.3:
            self.emit("table.size $t2")
        elif k < 0.7:
            self.table_index(d)
            self.emit("table.get $t2")
            self.emit("ref.is_null")
        else:
            self.ref_value(d)
            self.emit("i32.const %d" % self.r.choice([0, 1, 2]))
            self.emit("table.grow $t2")

    def table_index(self, d):
        if self.chance(0.9):
            self.expr("i32", d + 1)
            self.emit("i32.const 3")
            self.emit("i32.and")
        else:
            self.expr("i32", d + 1)  # usually out of bounds: traps

    def ref_value(self, d):
        k = self.r.random()
        if k < 0.4:
            self.emit("ref.func $f%d" % self.r.randrange(len(self.mg.sigs)))
        elif k < 0.7:
            self.emit("ref.null func")
        else:
            self.emit("i32.const %d" % self.r.randrange(self.mg.table_size))
            self.emit("table.get $t0")

    def global_expr(self, t, d):
        if t == "i32" and self.chance(0.2):
            self.emit("memory.size")
        else:
            self.emit("global.get $g_%s" % t)

    def seq_expr(self, t, d):
        # A statement in the middle of an expression: whatever is below stays lazily referenced.
        self.stmt(d + 1)
        self.expr(t, d + 1)

    def clobber_expr(self, t, d):
        """local.get L, then an operand that writes L, then an op reading both: the first read must
        still see L's old value."""
        l = self.writable_local(t)
        self.emit("local.get %d" % l)
        k = self.r.random()
        if k < 0.4:
            self.expr(t, d + 1)
            self.emit("local.tee %d" % l)
        elif k < 0.7:
            self.expr(t, d + 1)
            self.emit("local.set %d" % l)
            self.expr(t, d + 1)
        else:
            self.stmt(d + 1)
            self.emit("local.get %d" % l)
        if t in INTS:
            self.emit("%s.%s" % (t, self.r.choice(INT_BINOPS)))
        else:
            self.emit("%s.%s" % (t, self.r.choice(["add", "sub", "mul", "min", "max"])))

    def muladd_expr(self, t, d):
        form = self.r.randrange(4)
        operand = lambda: self.expr(t, d + 1) if self.chance(0.7) else self.emit_const(t)
        if form in (0, 1):  # a*b +/- c
            operand()
            operand()
            self.emit("%s.mul" % t)
            operand()
            self.emit("%s.%s" % (t, "add" if form == 0 else "sub"))
        else:  # c +/- a*b
            operand()
            operand()
            operand()
            self.emit("%s.mul" % t)
            self.emit("%s.%s" % (t, "add" if form == 2 else "sub"))

    def address(self, d, width):
        """An i32 address; returns the static offset to use. Mostly in-bounds, sometimes at the
        end of the page (may trap depending on offset), rarely arbitrary (usually traps)."""
        r = self.r
        k = r.random()
        offset = r.choice([0, 0, 0, 1, 2, 4, 8, 16, 24, 60])
        if k < 0.3:
            self.expr("i32", d + 1)
            self.emit("i32.const %d" % r.choice(ADDR_MASKS))
            self.emit("i32.and")
        elif k < 0.5:
            self.expr("i32", d + 1)
            self.emit("i32.const %d" % r.choice(ADDR_MASKS))
            self.emit("i32.and")
            self.emit("i32.const %d" % r.randint(0, 40))
            self.emit("i32.add")
        elif k < 0.58:
            for _ in range(2):
                self.expr("i32", d + 1)
                self.emit("i32.const %d" % r.choice((0x3FF, 0x3F8, 0x1FF)))
                self.emit("i32.and")
            self.emit("i32.add")
        elif k < 0.65:
            # A negative addend: the 32-bit add wraps (in bounds) unless the base is small (a
            # huge address: traps). The add must wrap before the offset is added.
            self.expr("i32", d + 1)
            self.emit("i32.const %d" % r.choice(ADDR_MASKS))
            self.emit("i32.and")
            neg = r.choice([-1, -4, -8, -16, -64])
            if self.chance(0.5):
                self.emit("i32.const %d" % neg)
            else:
                l = self.writable_local("i32")
                self.emit("i32.const %d" % neg)
                self.emit("local.set %d" % l)
                self.emit("local.get %d" % l)
            self.emit("i32.add")
        elif k < 0.85:
            self.emit("local.get %d" % r.choice(self.ptrs))
            if self.chance(0.6):
                self.emit("i32.const %d" % r.randint(0, 64))
                self.emit("i32.add")
        elif k < 0.93:
            self.emit("i32.const %d" % r.randint(0, REGION - 64))
        elif k < 0.98:
            self.emit("i32.const %d" % (PAGE - width - r.randint(-2, 3)))
            offset = r.choice([0, 0, 1, 4])
        else:
            self.expr("i32", d + 1)
        return offset

    def mem_arg(self, offset, width):
        s = ""
        if offset:
            s += " offset=%d" % offset
        align = self.r.choice([a for a in (1, 2, 4, 8) if a <= width])
        if align != width:
            s += " align=%d" % align
        return s

    def load_expr(self, t, d):
        op, width = self.r.choice(LOADS[t])
        offset = self.address(d, width)
        self.emit(op + self.mem_arg(offset, width))

    def cond(self, d):
        """An i32 condition shaped like the ones the compiler fuses into branches."""
        k = self.r.random()
        if k < 0.45 or d >= self.MAX_EXPR_DEPTH:
            if d >= self.MAX_EXPR_DEPTH:
                self.leaf("i32")
                return
            self.compare_expr("i32", d)
        elif k < 0.6:
            self.expr("i32", d + 1)
            self.emit("i32.eqz")
        elif k < 0.75:
            self.expr("i32", d + 1)
            if self.chance(0.6):
                self.emit("i32.const %d" % self.r.choice([1, 2, 3, 4, 8, 0x10, 0x80, 0xFF, -1, -0x80000000]))
            else:
                self.expr("i32", d + 1)
            self.emit("i32.and")
        elif k < 0.8:
            self.compare_expr("i32", d)
            self.emit("i32.eqz")
        elif k < 0.88:
            self.increment_compare(d)
        else:
            self.expr("i32", d + 1)

    def increment_compare(self, d):
        """x + k, kept in a local or not, compared right away: outside loops too, a br_if on it
        folds the add into the branch."""
        t = self.r.choice(INTS)
        self.emit("local.get %d" % self.readable_local(t))
        self.emit("%s.const %d" % (t, self.r.choice([1, 2, -1, 7, -100])))
        self.emit("%s.add" % t)
        dst = None
        k = self.r.random()
        if k < 0.4:
            dst = self.writable_local(t)
            self.emit("local.tee %d" % dst)
        elif k < 0.6:
            dst = self.writable_local(t)
            self.emit("local.set %d" % dst)
            self.emit("local.get %d" % dst)
        k = self.r.random()
        if k < 0.5:
            self.emit_const(t)
        elif k < 0.65 and dst is not None:
            self.emit("local.get %d" % dst)  # the same slot on both sides
        else:
            self.emit("local.get %d" % self.readable_local(t))
        self.emit("%s.%s" % (t, self.r.choice(INT_CMPS)))

    # ---- control expressions ----
    def body(self, have, want, d, label_kind):
        """Code of a block body: starts with `have` on the stack, ends with `want`. May end in an
        unconditional branch or return, followed by dead code."""
        # expr_level counts "values may be on the stack": statements see it (see emit_return).
        below = 1 if have else 0
        self.expr_level += below
        for _ in range(self.r.randint(0, 3)):
            self.stmt(d + 1)
        self.expr_level -= below
        self.reshape(have, want, d)
        if self.chance(0.12):
            below = 1 if want else 0
            self.expr_level += below
            for _ in range(self.r.randint(0, 1)):
                self.stmt(d + 1)
            self.expr_level -= below
            k = self.r.random()
            if label_kind != "loop" and k < 0.4:
                self.emit("br 0")
            else:
                targets = self.branch_targets()
                if k < 0.75 and targets:
                    depth = self.r.choice(targets)
                    self.values(self.labels[len(self.labels) - 1 - depth].types, d + 1)
                    self.emit("br %d" % depth)
                else:
                    self.emit_return(d + 1, tail_ok=not want)
            # Dead code until the end: the compiler must skip it, blocks included.
            if self.chance(0.5):
                self.values(want, d + 2)

    def reshape(self, have, want, d):
        """Turn the values `have` (on top of the stack) into `want`, consuming some of them."""
        have = list(have)
        unary_budget = 2
        while True:
            if have == want and (not have or self.chance(0.6)):
                return
            if want[:len(have)] == have and self.chance(0.5):
                self.values(want[len(have):], d + 1)
                return
            if not have:
                self.values(want, d + 1)
                return
            t = have[-1]
            k = self.r.random()
            if len(have) >= 2 and have[-2] == t and k < 0.4:
                ops = INT_BINOPS if t in INTS else ["add", "sub", "mul", "min", "max"]
                self.emit("%s.%s" % (t, self.r.choice(ops)))
                have.pop()
            elif len(have) >= 2 and have[-2] == t and k < 0.5:
                self.emit("%s.%s" % (t, self.r.choice(INT_CMPS if t in INTS else FLOAT_CMPS)))
                have[-2:] = ["i32"]
            elif k < 0.65 and unary_budget > 0:
                unary_budget -= 1
                # Convert toward a type the result needs, or combine with a fresh operand.
                target = self.r.choice(want) if want else self.r.choice(TYPES)
                if target == t or self.chance(0.3):
                    self.expr(t, d + 1)
                    ops = INT_BINOPS if t in INTS else ["add", "sub", "mul"]
                    self.emit("%s.%s" % (t, self.r.choice(ops)))
                else:
                    op, _, san = self.r.choice([o for o in CONVERSIONS[(target, t)] if not o[1]])
                    if san:
                        self.sanitize(t)
                    self.emit(op)
                    have[-1] = target
            elif k < 0.85:
                self.emit("local.set %d" % self.writable_local(t))
                have.pop()
            else:
                self.emit("drop")
                have.pop()

    def values(self, types, d):
        types = list(types)
        if (len(types) >= 2 and self.ctrl_depth < self.MAX_CTRL_DEPTH and d < self.MAX_EXPR_DEPTH
                and self.chance(0.3)):
            callees = [j for j in range(self.index) if self.mg.sigs[j].results == types]
            if callees and self.chance(0.5):
                site = self.emit_call(self.r.choice(callees), d)
                if site is not None:
                    self.reshape(site.results, types, d)
                    return
            self.open("block" + self.blocktype([], types), Label("block", types))
            self.body([], types, d + 1, "block")
            self.close()
            return
        for t in types:
            self.expr(t, d + 1)

    def block_params(self, params, d):
        """Values for a block's params: half the time plain reads and constants, which are
        still lazy (nothing emitted) when the block is entered."""
        if self.chance(0.5):
            for p in params:
                self.leaf(p)
        else:
            self.values(params, d)

    def block_expr(self, t, d):
        params = []
        if self.chance(0.35):
            params = [self.r.choice(TYPES) for _ in range(self.r.randint(1, 2))]
            self.block_params(params, d + 1)
        self.open("block" + self.blocktype(params, [t]), Label("block", [t]))
        self.body(params, [t], d + 1, "block")
        self.close()

    def multi_block_expr(self, t, d):
        """A block with two or three results, reduced to t afterwards."""
        types = [self.r.choice(TYPES) for _ in range(self.r.randint(2, 3))]
        self.open("block" + self.blocktype([], types), Label("block", types))
        self.body([], types, d + 1, "block")
        self.close()
        self.reshape(types, [t], d)

    def if_expr(self, t, d):
        params = []
        if self.chance(0.12):
            # L = x + k; then params that are plain reads (of L among others: nothing emitted);
            # then a compare of L: the add is right before the compare, as in a loop tail, but
            # entering the if copies the lazy params home first.
            ct = self.r.choice(INTS)
            l = self.writable_local(ct)
            self.emit("local.get %d" % self.readable_local(ct))
            self.emit("%s.const %d" % (ct, self.r.choice([1, -1, 3])))
            self.emit("%s.add" % ct)
            self.emit("local.set %d" % l)
            params = [self.r.choice(TYPES) for _ in range(self.r.randint(0, 2))]
            if self.chance(0.7):
                params.append(ct)
            for p in params:
                self.emit("local.get %d" % (l if p == ct and self.chance(0.7) else self.readable_local(p)))
            self.emit("local.get %d" % l)
            self.emit_const(ct)
            self.emit("%s.%s" % (ct, self.r.choice(INT_CMPS)))
        else:
            if self.chance(0.3):
                params = [self.r.choice(TYPES) for _ in range(self.r.randint(1, 2))]
                self.block_params(params, d + 1)
            self.cond(d + 1)
        if params == [t] and self.chance(0.3):
            # Without else: the false path passes the param through as the result.
            self.open("if" + self.blocktype(params, [t]), Label("if", [t]))
            self.body(params, [t], d + 1, "if")
            self.close()
            return
        self.open("if" + self.blocktype(params, [t]), Label("if", [t]))
        self.body(params, [t], d + 1, "if")
        self.indent -= 1
        self.emit("else")
        self.indent += 1
        self.body(params, [t], d + 1, "if")
        self.close()

    def loop_expr(self, t, d):
        if self.loop_depth >= self.MAX_LOOP_DEPTH:
            return self.binop_expr(t, d)
        self.counted_loop([t], d)

    # Loop-continue conditions on the counter value after its update, as (op, rhs, then eqz):
    # each holds exactly while iterations remain. `end` is trips * step (counting up from 0).
    UP_TESTS = [("lt_s", "end", False), ("lt_u", "end", False), ("le_s", "end-1", False),
                ("le_u", "end-1", False), ("ne", "end", False), ("eq", "end", True),
                ("ge_s", "end", True), ("ge_u", "end", True), ("gt_s", "end-1", True)]
    DOWN_TESTS = [("gt_s", "0", False), ("gt_u", "0", False), ("ne", "0", False),
                  ("ge_s", "step", False), ("ge_u", "step", False), ("eq", "0", True),
                  ("le_s", "0", True), ("raw", "0", False)]
    MIRROR = {"lt_s": "gt_s", "lt_u": "gt_u", "gt_s": "lt_s", "gt_u": "lt_u", "le_s": "ge_s",
              "le_u": "ge_u", "ge_s": "le_s", "ge_u": "le_u", "eq": "eq", "ne": "ne"}

    def counted_loop(self, params, d):
        """A loop running 1..4 times: `loop (param P) (result P)` whose tail tests a counter and
        branches back with the params. The tail takes the shapes the compiler fuses (increment +
        compare + branch with an immediate or a register bound, either operand order, eqz of a
        compare) and some it must not (decrement by subtraction, a raw counter as condition).

        Exits: a br_if back at the tail; or, inside a block with the same types, br_if out + br
        back, or a br_table choosing between the loop and the block. In "top" loops the counter
        is advanced at the start of the body, so the body may also branch back from anywhere
        (continue) as long as the counter is below its bound: such labels carry that guard."""
        r = self.r
        depth = self.loop_depth
        n = r.randint(1, 4)
        ct = "i64" if r.random() < 0.25 else "i32"
        step = r.choice([1, 1, 1, 2, 3])
        top = r.random() < 0.3
        down = not top and r.random() < 0.35
        end = n * step
        op, rhs_name, eqz = r.choice(self.DOWN_TESTS if down else self.UP_TESTS)
        if op == "raw" and ct == "i64":
            op, rhs_name, eqz = "ne", "0", False
        rhs = {"end": end, "end-1": end - 1, "0": 0, "step": step}[rhs_name]
        rhs_form = r.choice(["imm", "imm", "reg", "mirror"])
        exit_style = r.choice(["br_if", "br_if", "br_if", "out", "table"])
        c = self.counter(depth, ct)
        if params:
            self.block_params(params, d + 1)
        # Initialised after the params: generating them may use (and leave dirty) this counter.
        self.emit("%s.const %d" % (ct, end if down else 0))
        self.emit("local.set %d" % c)
        if rhs_form == "reg":
            lim = self.limit(depth, ct)
            self.emit("%s.const %d" % (ct, rhs))
            self.emit("local.set %d" % lim)
        saved_mult = self.mult
        if exit_style != "br_if":
            self.open("block" + self.blocktype(params, params), Label("block", list(params)))
        label = Label("loop", list(params))
        if top:
            label.guard = (c, ct, end)
        self.open("loop" + self.blocktype(params, params), label)
        self.mult *= n
        self.loop_depth += 1

        def advance():
            self.emit("local.get %d" % c)
            if down and r.random() < 0.5:
                self.emit("%s.const %d" % (ct, step))
                self.emit("%s.sub" % ct)
            else:
                self.emit("%s.const %d" % (ct, -step if down else step))
                self.emit("%s.add" % ct)

        if top:
            advance()
            self.emit("local.set %d" % c)
        self.body(params, params, d + 1, "loop")

        def push_rhs():
            if rhs_form == "reg":
                self.emit("local.get %d" % self.limit(depth, ct))
            else:
                self.emit("%s.const %d" % (ct, rhs))

        if rhs_form == "mirror" and op != "raw":
            push_rhs()
        if top:
            self.emit("local.get %d" % c)
        else:
            advance()
            if r.random() < 0.6:
                self.emit("local.tee %d" % c)
            else:
                self.emit("local.set %d" % c)
                self.emit("local.get %d" % c)
        if op == "raw":
            pass  # the counter itself: non-zero while iterations remain
        elif rhs_form == "mirror":
            self.emit("%s.%s" % (ct, self.MIRROR[op]))
        else:
            push_rhs()
            self.emit("%s.%s" % (ct, op))
        if eqz:
            self.emit("i32.eqz")
        if exit_style == "out":
            self.emit("i32.eqz")
            self.emit("br_if 1")
            self.emit("br 0")
        elif exit_style == "table":
            self.emit("i32.eqz")
            self.emit("br_table 0 1")
        else:
            self.emit("br_if 0")
        self.loop_depth -= 1
        self.mult = saved_mult
        self.close()
        if exit_style != "br_if":
            self.close()

    def guard(self, lab):
        """For a branch back to a "top" loop: ANDs the condition on the stack with the loop's
        bound test, so that such a branch can never make the loop run more often."""
        c, ct, end = lab.guard
        self.emit("local.get %d" % c)
        self.emit("%s.const %d" % (ct, end))
        self.emit("%s.lt_s" % ct)
        self.emit("i32.and")

    def brif_expr(self, t, d):
        """br_if to an enclosing label carrying its values; the fallthrough values become t."""
        targets = self.branch_targets(guarded=True)
        depth = self.r.choice(targets)
        lab = self.labels[len(self.labels) - 1 - depth]
        types = lab.types
        self.values(types, d + 1)
        self.cond(d + 1)
        if lab.guard:
            self.guard(lab)
        self.emit("br_if %d" % depth)
        self.reshape(types, [t], d)

    def brtable_expr(self, t, d, types=None):
        """Nested blocks with equal result types and a br_table choosing among them (and, when
        the types match, enclosing labels); each block end transforms the values a little."""
        types = [t] if types is None else types
        nblocks = self.r.randint(1, 3)
        for _ in range(nblocks):
            self.open("block" + self.blocktype([], types), Label("block", types))
        outer = [x for x in self.branch_targets(types) if x >= nblocks]
        self.values(types, d + 1)
        k = self.r.random()
        if k < 0.5:
            self.expr("i32", d + 1)
            self.emit("i32.const %d" % self.r.choice([1, 3, 7]))
            self.emit("i32.and")
        elif k < 0.75:
            self.emit("i32.const %d" % self.r.randint(0, nblocks + 1))
        else:
            self.expr("i32", d + 1)
        count = self.r.randint(1, nblocks + 2)
        table = [self.r.choice(list(range(nblocks)) + outer) for _ in range(count + 1)]
        self.emit("br_table %s" % " ".join(str(x) for x in table))
        for i in range(nblocks):
            self.close()
            if i < nblocks - 1 or self.chance(0.5):
                self.reshape(types, types, d + 1)

    def emit_call(self, j, d, tail=False):
        """Calls fj with generated arguments if the cost budget allows; the results stay (or,
        with `tail`, it is a tail call). Returns the signature the call site uses, or None.
        A third of the calls go through the table: the index is always the constant j (calls
        stay acyclic), but sometimes it points past the functions (uninitialised or undefined
        element) or the call site names another signature (type mismatch): all trap."""
        sig = self.mg.sigs[j]
        site = sig
        index = j
        indirect = self.chance(0.33)
        if indirect and self.chance(0.12):
            k = self.r.random()
            if k < 0.5:
                site = self.mg.sigs[self.r.randrange(self.index)]
                if tail and site.results != self.sig.results:
                    site = sig
            elif k < 0.75:
                index = self.r.randrange(len(self.mg.sigs), self.mg.table_size)
            else:
                index = self.mg.table_size + self.r.choice([0, 1, 1000])
        extra = max(sig.cost, site.cost) * self.mult
        if self.cost + extra > self.COST_BUDGET:
            return None
        for p in site.params:
            self.expr(p, d + 1)
        prefix = "return_" if tail else ""
        if indirect:
            if self.chance(0.5):
                self.emit("i32.const %d" % index)
            else:
                # A computed index that still always equals `index`.
                self.expr("i32", d + 1)
                self.emit("i32.const 0")
                self.emit("i32.and")
                self.emit("i32.const %d" % index)
                self.emit("i32.or")
            self.emit("%scall_indirect%s" % (prefix, self.blocktype(site.params, site.results)))
        else:
            self.emit("%scall $f%d" % (prefix, j))
        self.cost += extra
        return site

    def call_expr(self, t, d):
        if self.index == 0:
            return self.binop_expr(t, d)
        j = self.r.randrange(self.index)
        site = self.emit_call(j, d)
        if site is None:
            return self.leaf(t)
        self.reshape(site.results, [t], d)

    # ---- statements ----
    def stmt(self, d):
        self.nodes -= 1
        if d >= self.MAX_EXPR_DEPTH or self.nodes <= 0:
            return self.set_stmt(min(d, self.MAX_EXPR_DEPTH))
        choices = [
            (12, self.set_stmt),
            (3, self.drop_stmt),
            (8, self.store_stmt),
            (2, self.global_stmt),
            (4, self.swap_stmt),
            (3, self.ptr_stmt),
            (1, self.bulk_stmt),
        ]
        if self.ctrl_depth < self.MAX_CTRL_DEPTH and d < self.MAX_EXPR_DEPTH - 2:
            choices += [
                (5, self.if_stmt),
                (3, self.block_stmt),
                (4, self.loop_stmt),
                (5, self.brif_stmt),
                (3, self.return_stmt),
                (3, self.call_stmt),
                (2, self.brtable_stmt),
                (1, self.trap_stmt),
                (1, self.grow_stmt),
            ]
            if self.ctrl_depth >= 2:  # only inner blocks lose their remainder to dead code
                choices.append((1, self.br_stmt))
        self.pick(choices)(d)

    def set_stmt(self, d):
        t = self.r.choice(TYPES)
        self.expr(t, d + 1)
        self.emit("local.set %d" % self.writable_local(t))

    def drop_stmt(self, d):
        self.expr(self.r.choice(TYPES), d + 1)
        self.emit("drop")

    def store_stmt(self, d):
        t = self.r.choice(TYPES)
        op, width = self.r.choice(STORES[t])
        offset = self.address(d, width)
        self.expr(t, d + 1)
        if t in FLOATS:
            self.sanitize(t)
        self.emit(op + self.mem_arg(offset, width))

    def global_stmt(self, d):
        t = self.r.choice(TYPES)
        self.expr(t, d + 1)
        self.emit("global.set $g_%s" % t)

    def swap_stmt(self, d):
        """Parallel moves between locals: the compiler pairs copies and must keep their order."""
        t = self.r.choice(TYPES)
        a, b = self.writable_local(t), self.writable_local(t)
        k = self.r.random()
        if k < 0.4:
            self.emit("local.get %d" % a)
            self.emit("local.get %d" % b)
            self.emit("local.set %d" % a)
            self.emit("local.set %d" % b)
        elif k < 0.7:
            c = self.writable_local(t)
            self.emit("local.get %d" % a)
            self.emit("local.set %d" % b)
            self.emit("local.get %d" % b)
            self.emit("local.set %d" % c)
        else:
            c = self.writable_local(t)
            self.emit("local.get %d" % a)
            self.emit("local.get %d" % b)
            self.emit("local.get %d" % c)
            self.emit("local.set %d" % a)
            self.emit("local.set %d" % b)
            self.emit("local.set %d" % c)

    def bulk_stmt(self, d):
        """memory.fill / copy / init inside the checksummed region (rarely a trapping length),
        data.drop, table.set / fill on the second table."""
        r = self.r
        k = r.random()

        def length():
            if self.chance(0.05):
                self.emit("i32.const %d" % r.choice([PAGE, 0x7FFFFFFF]))
            elif self.chance(0.5):
                self.emit("i32.const %d" % r.randint(0, 64))
            else:
                self.expr("i32", d + 1)
                self.emit("i32.const 63")
                self.emit("i32.and")

        def addr():
            self.expr("i32", d + 1)
            self.emit("i32.const %d" % r.choice(ADDR_MASKS))
            self.emit("i32.and")

        if k < 0.3:
            addr()
            self.expr("i32", d + 1)
            length()
            self.emit("memory.fill")
        elif k < 0.6:
            addr()
            addr()
            length()
            self.emit("memory.copy")
        elif k < 0.8:
            addr()
            self.emit("i32.const %d" % r.randint(0, self.mg.passive_len))
            self.emit("i32.const %d" % r.randint(0, self.mg.passive_len + 2))
            self.emit("memory.init $p")
        elif k < 0.83:
            self.emit("data.drop $p")
        elif k < 0.93:
            self.table_index(d)
            self.ref_value(d)
            self.emit("table.set $t2")
        else:
            self.table_index(d)
            self.ref_value(d)
            self.emit("i32.const %d" % r.randint(0, 2))
            self.emit("table.fill $t2")

    def ptr_stmt(self, d):
        p = self.r.choice(self.ptrs)
        if self.chance(0.5):
            self.emit("local.get %d" % p)
            self.emit("i32.const %d" % self.r.choice([1, 4, 8, 12, -8]))
            self.emit("i32.add")
        else:
            self.expr("i32", d + 1)
        self.emit("i32.const %d" % self.r.choice((0x7F8, 0x7FC, 0x7FF, 0x3F0)))
        self.emit("i32.and")
        self.emit("local.set %d" % p)

    def if_stmt(self, d):
        self.cond(d + 1)
        self.open("if", Label("if", []))
        self.body([], [], d + 1, "if")
        if self.chance(0.5):
            self.indent -= 1
            self.emit("else")
            self.indent += 1
            self.body([], [], d + 1, "if")
        self.close()

    def block_stmt(self, d):
        self.open("block", Label("block", []))
        self.body([], [], d + 1, "block")
        self.close()

    def loop_stmt(self, d):
        if self.loop_depth >= self.MAX_LOOP_DEPTH:
            return self.set_stmt(d)
        self.counted_loop([], d)

    def brif_stmt(self, d):
        targets = self.branch_targets(guarded=True)
        depth = self.r.choice(targets)
        lab = self.labels[len(self.labels) - 1 - depth]
        types = lab.types
        if self.chance(0.7):
            self.values(types, d + 1)
            self.cond(d + 1)
            if lab.guard:
                self.guard(lab)
            self.emit("br_if %d" % depth)
            self.reshape(types, [], d)
        else:
            # if cond then (values) br depth+1 end
            self.cond(d + 1)
            if lab.guard:
                self.guard(lab)
            self.open("if", Label("if", []))
            self.values(types, d + 1)
            self.emit("br %d" % (depth + 1))
            self.close()

    def br_stmt(self, d):
        """An unconditional branch or return in the middle of whatever is being generated: the
        rest of the block is dead code (still valid, the stack being polymorphic), which the
        compiler must skip with the right nesting."""
        targets = self.branch_targets()
        if self.chance(0.7):
            depth = self.r.choice(targets)
            self.values(self.labels[len(self.labels) - 1 - depth].types, d + 1)
            self.emit("br %d" % depth)
        else:
            self.values(self.sig.results, d + 1)
            self.emit("return")

    def return_stmt(self, d):
        self.cond(d + 1)
        self.open("if", Label("if", []))
        self.emit_return(d + 1)
        self.close()

    def emit_return(self, d, tail_ok=True):
        """A return, or a tail call to a function with the same results. Tail calls are only
        made where the function's operand stack holds nothing but their arguments (statement
        level: no expression under way, no values left below by an enclosing block) when the
        module is for wabt: 1.0.32's wasm-interp, the reference, mishandles return_call with other
        values on the stack (wrong results, or it runs away). Modules for V8 take them anywhere."""
        callees = [j for j in range(self.index) if self.mg.sigs[j].results == self.sig.results]
        stack_ok = not self.mg.for_wabt or (tail_ok and self.expr_level == 0)
        if (stack_ok and callees and self.chance(0.35)
                and self.emit_call(self.r.choice(callees), d, tail=True)):
            return
        if self.chance(0.3):
            # Plain locals, often params, in any order: the result slots overlap the params.
            for t in self.sig.results:
                params = [i for i, p in enumerate(self.sig.params) if p == t]
                if params and self.chance(0.7):
                    self.emit("local.get %d" % self.r.choice(params))
                else:
                    self.leaf(t)
        else:
            self.values(self.sig.results, d)
        self.emit("return")

    def call_stmt(self, d):
        if self.index == 0:
            return self.set_stmt(d)
        j = self.r.randrange(self.index)
        site = self.emit_call(j, d)
        if site is not None:
            self.reshape(site.results, [], d)

    def brtable_stmt(self, d):
        types = [] if self.chance(0.6) else [self.r.choice(TYPES) for _ in range(self.r.randint(1, 2))]
        self.brtable_expr(None, d, types)
        self.reshape(types, [], d)

    def trap_stmt(self, d):
        self.cond(d + 1)
        self.open("if", Label("if", []))
        self.emit("unreachable")
        self.close()

    def grow_stmt(self, d):
        self.emit("i32.const %d" % self.r.choice([0, 1]))
        self.emit("memory.grow")
        self.emit("global.set $g_i32" if self.chance(0.5) else "drop")

    # ---- whole function ----
    def generate(self):
        self.body([], self.sig.results, 0, "func")
        head = "(func $f%d" % self.index
        if self.sig.params:
            head += " (param %s)" % " ".join(self.sig.params)
        if self.sig.results:
            head += " (result %s)" % " ".join(self.sig.results)
        declared = self.local_types[len(self.sig.params):]
        out = [head]
        if declared:
            out.append("    (local %s)" % " ".join(declared))
        out.extend(self.lines)
        out.append("  )")
        self.sig.cost = self.cost
        return out


class ModuleGen:
    def __init__(self, seed, reference="wabt"):
        """`reference` is the engine the module is compared with: "wabt" keeps to what wabt's
        wasm-interp runs correctly (see FuncGen.emit_return), "v8" lifts that."""
        self.seed = seed
        self.for_wabt = reference == "wabt"
        self.r = random.Random(seed)
        self.sigs = []
        self.calls = {}  # wrapper export name -> (function index, [(type, value)])

    def random_sig(self):
        r = self.r
        params = [r.choice(TYPES) for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4]))]
        results = [r.choice(TYPES) for _ in range(r.choice([0, 1, 1, 1, 1, 1, 2, 2, 3]))]
        return Sig(params, results)

    def arg_vector(self, params):
        r = self.r
        out = []
        for t in params:
            k = r.random()
            if t == "i32":
                v = r.choice(INT32_EDGES) if k < 0.6 else wrap_int(r.getrandbits(32), 32)
            elif t == "i64":
                v = r.choice(INT32_EDGES + INT64_EXTRA) if k < 0.6 else wrap_int(r.getrandbits(64), 64)
            else:
                v = r.choice(FLOAT_EDGES[:-2]) if k < 0.6 else r.uniform(-1000, 1000)
                if t == "f32":
                    v = f32_round(v)
            out.append((t, v))
        return out

    def wrapper(self, name, j, args):
        sig = self.sigs[j]
        lines = []
        res = ["i32" if t in ("i32", "f32") else "i64" for t in sig.results]
        head = "(func $%s" % name
        if res:
            head += " (result %s)" % " ".join(res)
        lines.append(head)
        if sig.results:
            lines.append("    (local %s)" % " ".join(sig.results + ["f32", "f64"]))
        for t, v in args:
            if t in INTS:
                lines.append("    %s.const %d" % (t, v))
            else:
                lines.append("    %s.const %s" % (t, float_text(v)))
        lines.append("    call $f%d" % j)
        n = len(sig.results)
        for i in reversed(range(n)):
            lines.append("    local.set %d" % i)
        for i, t in enumerate(sig.results):
            lines.append("    local.get %d" % i)
            if t in FLOATS:
                s = n + (0 if t == "f32" else 1)
                lines += ["    local.set %d" % s, "    %s.const nan" % t, "    local.get %d" % s,
                          "    local.get %d" % s, "    local.get %d" % s, "    %s.ne" % t,
                          "    select",
                          "    %s.reinterpret_%s" % ("i32" if t == "f32" else "i64", t)]
        lines.append("  )")
        return lines

    def checksum(self):
        """FNV-style hash of the written memory region, the last bytes of the page and the
        globals (floats sanitised)."""
        return """(func $checksum (result i64) (local i32 i64 f32 f64)
    i64.const 0xcbf29ce484222325
    local.set 1
    block
      loop
        local.get 1
        local.get 0
        i64.load
        i64.xor
        i64.const 0x100000001b3
        i64.mul
        local.set 1
        local.get 0
        i32.const 8
        i32.add
        local.tee 0
        i32.const %d
        i32.lt_u
        br_if 0
      end
    end
    i32.const %d
    local.set 0
    loop
      local.get 1
      local.get 0
      i64.load
      i64.xor
      i64.const 0x100000001b3
      i64.mul
      local.set 1
      local.get 0
      i32.const 8
      i32.add
      local.tee 0
      i32.const %d
      i32.lt_u
      br_if 0
    end
    local.get 1
    global.get $g_i32
    i64.extend_i32_u
    i64.xor
    global.get $g_i64
    i64.add
    global.get $g_f32
    local.set 2
    f32.const nan
    local.get 2
    local.get 2
    local.get 2
    f32.ne
    select
    i32.reinterpret_f32
    i64.extend_i32_u
    i64.xor
    global.get $g_f64
    local.set 3
    f64.const nan
    local.get 3
    local.get 3
    local.get 3
    f64.ne
    select
    i64.reinterpret_f64
    i64.add
  )""" % (REGION, PAGE - 64, PAGE)

    def generate(self):
        r = self.r
        nfuncs = r.randint(3, 8)
        out = [";; generated by gen_programs.py, seed %d" % self.seed, "(module"]
        out.append("  (memory 1 2)")
        data = bytes(r.getrandbits(8) for _ in range(r.randint(16, 256)))
        out.append('  (data (i32.const 0) "%s")' % "".join("\\%02x" % b for b in data))
        for t in TYPES:
            v = self.const_for_global(t)
            out.append("  (global $g_%s (mut %s) (%s.const %s))" % (
                t, t, t, v if t in INTS else float_text(v)))
        # Every function sits in the table at its own index, followed by uninitialised slots.
        self.table_size = nfuncs + 2
        out.append("  (table $t0 %d funcref)" % self.table_size)
        out.append("  (elem (i32.const 0) func %s)" % " ".join("$f%d" % i for i in range(nfuncs)))
        # A second table for table.get/set/grow/fill, and a passive segment for memory.init.
        out.append("  (table $t2 4 8 funcref)")
        self.passive_len = r.randint(4, 32)
        passive = bytes(r.getrandbits(8) for _ in range(self.passive_len))
        out.append('  (data $p "%s")' % "".join("\\%02x" % b for b in passive))
        funcs = []
        for i in range(nfuncs):
            self.sigs.append(self.random_sig())
            funcs.append(FuncGen(self, i, self.sigs[i]).generate())
        for f in funcs:
            out.extend("  " + line if not line.startswith("  ") else line for line in f)
        out.append("  " + self.checksum())
        exports = []
        for i in range(nfuncs):
            for a in range(r.randint(2, 3)):
                name = "f%d_%d" % (i, a)
                args = self.arg_vector(self.sigs[i].params)
                self.calls[name] = (i, args)
                out.extend("  " + line if not line.startswith("  ") else line
                           for line in self.wrapper(name, i, args))
                exports.append((name, "$" + name))
            exports.append(("cs%d" % i, "$checksum"))
        self.export_names = [name for name, _ in exports]
        for name, ref in exports:
            out.append('  (export "%s" (func %s))' % (name, ref))
        out.append(")")
        return "\n".join(out) + "\n"

    def const_for_global(self, t):
        if t == "i32":
            return wrap_int(self.r.getrandbits(32), 32)
        if t == "i64":
            return wrap_int(self.r.getrandbits(64), 64)
        v = self.r.uniform(-100, 100)
        return f32_round(v) if t == "f32" else v


def generate(seed, reference="wabt"):
    """The WAT text of the module for `seed` (and the reference engine, see ModuleGen)."""
    return ModuleGen(seed, reference).generate()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seed", type=int)
    ap.add_argument("--out", help="write here instead of stdout")
    ap.add_argument("--reference", choices=("wabt", "v8"), default="wabt",
                    help="the engine the module is for (v8: no wabt workarounds)")
    args = ap.parse_args()
    text = generate(args.seed, args.reference)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
