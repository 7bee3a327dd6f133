#!/usr/bin/env python3
"""Writes a large, valid WAT module for load-time benchmarks: many functions with loops, branches,
memory traffic, calls and mixed-type arithmetic, the shape of compiled C. Deterministic.

usage: gen_big_module.py OUT.wat [FUNCTIONS]"""
import random
import sys


def body(rng, index, count):
    out = []
    emit = out.append
    emit(f"  (func $f{index} (export \"f{index}\") (param $a i32) (param $b i32) (result i32)")
    emit("    (local $i i32) (local $x i64) (local $y f64) (local $z f32)")
    emit("    (local.set $x (i64.extend_i32_u (local.get $a)))")
    emit("    (local.set $y (f64.convert_i32_s (local.get $b)))")
    emit("    (block $exit (loop $top")
    for _ in range(rng.randint(20, 40)):
        k = rng.randint(0, 7)
        c = rng.randint(1, 1 << 20)
        if k == 0:
            emit(f"      (local.set $a (i32.add (local.get $a) (i32.mul (local.get $b) (i32.const {c}))))")
        elif k == 1:
            emit(f"      (i32.store offset={c % 4096 * 4} (i32.and (local.get $a) (i32.const 0xfff0)) (i32.xor (local.get $b) (local.get $i)))")
        elif k == 2:
            emit(f"      (local.set $b (i32.load offset={c % 4096 * 4} (i32.and (local.get $b) (i32.const 0xfff0))))")
        elif k == 3:
            emit(f"      (local.set $x (i64.rotl (i64.mul (local.get $x) (i64.const {c * 2654435761})) (i64.const 17)))")
        elif k == 4:
            emit(f"      (local.set $y (f64.add (f64.mul (local.get $y) (f64.const 0.{c})) (f64.convert_i64_s (local.get $x))))")
        elif k == 5:
            emit(f"      (if (i32.lt_u (local.get $a) (i32.const {c})) (then (local.set $z (f32.demote_f64 (local.get $y)))) (else (local.set $a (i32.sub (local.get $a) (i32.const {c})))))")
        elif k == 6 and index > 0:
            callee = rng.randint(0, index - 1)
            emit(f"      (local.set $b (i32.add (local.get $b) (call $f{callee} (local.get $i) (i32.const {c}))))")
        else:
            emit(f"      (br_if $exit (i32.eq (local.get $a) (i32.const {c})))")
    emit("      (local.set $i (i32.add (local.get $i) (i32.const 1)))")
    emit("      (br_if $top (i32.lt_u (local.get $i) (i32.const 2)))))")
    emit("    (i32.add (i32.add (local.get $a) (local.get $b))")
    emit("             (i32.add (i32.wrap_i64 (local.get $x)) (i32.trunc_sat_f64_s (local.get $y)))))")
    return "\n".join(out)


def main():
    out_path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    rng = random.Random(20261124)
    parts = ["(module", "  (memory 1)"]
    for i in range(count):
        parts.append(body(rng, i, count))
    parts.append(")")
    with open(out_path, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
