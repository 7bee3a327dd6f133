;; Golden IR of every fusion the compiler does (src/compile/compiler.cpp). Each export exercises
;; one; the ";; ir:" block after it is what `ember inspect --ir` must print for it (position and
;; text). Regenerate with `ember-ir-golden --print fusions.wasm` and check every change by hand.
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))

  ;; Operands are read where they live: local.get and constants emit nothing, and the result of
  ;; an op that local.set stores is computed straight into the local's slot.
  (func (export "lazy_operands") (param $a i32) (param $b i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $a) (local.get $b)))
    (i32.mul (local.get $t) (local.get $a)))
  ;; ir: lazy_operands
  ;; | 0 i32.add s2, s0, s1
  ;; | 4 i32.mul s3, s2, s0
  ;; | 8 return1 s3

  ;; A constant right operand gives the immediate form; on the left, the mirrored op.
  (func (export "imm_forms") (param $a i32) (result i32)
    (i32.add (i32.sub (local.get $a) (i32.const 5)) (i32.const 7))
    (i32.lt_s (i32.const 3) (local.get $a))
    (i32.add))
  ;; ir: imm_forms
  ;; | 0 i32.sub_imm s1, s0, #5
  ;; | 4 i32.add_imm s1, s1, #7
  ;; | 8 i32.gt_s_imm s2, s0, #3
  ;; | 12 i32.add s1, s1, s2
  ;; | 16 return1 s1

  ;; i64 immediates are sign-extended 32-bit: -7 fits, 2^40 does not (a const64, then the plain op).
  (func (export "imm_i64") (param $a i64) (result i64)
    (i64.add (i64.add (local.get $a) (i64.const -7)) (i64.const 0x10000000000)))
  ;; ir: imm_i64
  ;; | 0 i64.add_imm s1, s0, #-7
  ;; | 4 const64 s2, 0x0000010000000000
  ;; | 8 i64.add s1, s1, s2
  ;; | 12 return1 s1

  ;; Two copies in a row are one copy2 (rotating three locals through a temporary).
  (func (export "copy2") (param $a i32) (param $b i32) (param $c i32) (result i32) (local $t i32)
    (local.set $t (local.get $a))
    (local.set $a (local.get $b))
    (local.set $b (local.get $c))
    (local.set $c (local.get $t))
    (i32.sub (local.get $a) (local.get $c)))
  ;; ir: copy2
  ;; | 0 copy2 s3, s0, s0, s1
  ;; | 5 copy2 s1, s2, s2, s3
  ;; | 10 i32.sub s4, s0, s2
  ;; | 14 return1 s4

  ;; A compare feeding br_if is one compare-and-branch, register and immediate forms.
  (func (export "br_if_compare") (param $a i32) (param $b i32) (result i32)
    (block $out
      (br_if $out (i32.lt_s (local.get $a) (local.get $b)))
      (br_if $out (i32.ge_u (local.get $a) (i32.const 10)))
      (global.set $g (i32.const 1)))
    (global.get $g))
  ;; ir: br_if_compare
  ;; | 0 br_if.i32.lt_s s0, s1, ->14
  ;; | 4 br_if.i32.ge_u_imm s0, #10, ->14
  ;; | 8 const32 s2, 0x00000001
  ;; | 11 global_set s2, global 0
  ;; | 14 global_get s2, global 0
  ;; | 17 return1 s2

  ;; An if branches to its else part when the compare fails: the negated compare.
  (func (export "if_compare") (param $a i64) (param $b i64) (result i32)
    (if (result i32) (i64.eq (local.get $a) (local.get $b))
      (then (i32.const 1))
      (else (i32.const 2))))
  ;; ir: if_compare
  ;; | 0 br_if.i64.ne s0, s1, ->9
  ;; | 4 const32 s2, 0x00000001
  ;; | 7 return1 s2
  ;; | 9 const32 s2, 0x00000002
  ;; | 12 return1 s2

  ;; A br that lands on a return is that return; a copy into the returned slot just before it
  ;; returns the copy's source (the Nops after a threaded return never run).
  (func (export "return_threading") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (local.get $n) (i32.const 3)))))
  ;; ir: return_threading
  ;; | 0 br_if.i32.ge_u_imm s0, #2, ->9
  ;; | 4 return1 s0
  ;; | 6 nop
  ;; | 7 return1 s1
  ;; | 9 i32.add_imm s1, s0, #3
  ;; | 13 return1 s1
  (func (export "return_threading_void") (param $n i32)
    (if (local.get $n)
      (then (global.set $g (local.get $n)))
      (else (global.set $g (i32.const 1)))))
  ;; ir: return_threading_void
  ;; | 0 br_if_eqz s0, ->8
  ;; | 3 global_set s0, global 0
  ;; | 6 return
  ;; | 7 nop
  ;; | 8 const32 s1, 0x00000001
  ;; | 11 global_set s1, global 0
  ;; | 14 return

  ;; i32.eqz feeding a branch: br_if_eqz for br_if, br_if_nez (skip the then part) for if.
  (func (export "eqz_branches") (param $a i32) (result i32)
    (block $out
      (br_if $out (i32.eqz (local.get $a)))
      (if (i32.eqz (global.get $g)) (then (global.set $g (local.get $a)))))
    (global.get $g))
  ;; ir: eqz_branches
  ;; | 0 br_if_eqz s0, ->12
  ;; | 3 global_get s1, global 0
  ;; | 6 br_if_nez s1, ->12
  ;; | 9 global_set s0, global 0
  ;; | 12 global_get s1, global 0
  ;; | 15 return1 s1

  ;; i32.and as a branch condition: the bit test is part of the branch.
  (func (export "and_branches") (param $a i32) (param $b i32) (result i32)
    (block $out
      (br_if $out (i32.and (local.get $a) (local.get $b)))
      (if (i32.and (local.get $a) (i32.const 4)) (then (global.set $g (i32.const 1)))))
    (global.get $g))
  ;; ir: and_branches
  ;; | 0 br_if_and_non_zero s0, s1, ->14
  ;; | 4 br_if_and_imm_zero s0, #4, ->14
  ;; | 8 const32 s2, 0x00000001
  ;; | 11 global_set s2, global 0
  ;; | 14 global_get s2, global 0
  ;; | 17 return1 s2

  ;; A loop tail, i += 3; if (i < n) continue: the increment, the compare and the branch are one.
  (func (export "loop_tail") (param $n i32) (result i32) (local $i i32)
    (loop $top
      (br_if $top (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 3))) (local.get $n))))
    (local.get $i))
  ;; ir: loop_tail
  ;; | 0 add_imm.br_if.i32.lt_s s1, s1, #3, s0, ->0
  ;; | 6 copy s2, s1
  ;; | 9 return1 s2

  ;; The same loop with an immediate bound.
  (func (export "loop_tail_imm") (result i32) (local $i i32)
    (loop $top
      (br_if $top (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100))))
    (local.get $i))
  ;; ir: loop_tail_imm
  ;; | 0 add_imm.br_if.i32.ne_imm s0, s0, #1, #100, ->0
  ;; | 6 copy s1, s0
  ;; | 9 return1 s1

  ;; A load whose address is an i32.add takes both addends.
  (func (export "load_add") (param $base i32) (param $i i32) (result i64)
    (i64.load offset=8 (i32.add (local.get $base) (local.get $i))))
  ;; ir: load_add
  ;; | 0 i64.load.add s2, s0, s1, +8
  ;; | 5 return1 s2

  (func (export "load_add_imm") (param $base i32) (result i32)
    (i32.load8_u (i32.add (local.get $base) (i32.const 16))))
  ;; ir: load_add_imm
  ;; | 0 i32.load8_u.add_imm s1, s0, #16, +0
  ;; | 5 return1 s1

  ;; A float multiply feeding an add or subtract (rounded twice, never an FMA).
  (func (export "mul_add") (param $a f64) (param $b f64) (param $c f64) (result f64)
    (f64.add (f64.mul (local.get $a) (local.get $b)) (local.get $c)))
  ;; ir: mul_add
  ;; | 0 f64.mul_add s3, s0, s1, s2
  ;; | 5 return1 s3

  (func (export "mul_sub") (param $a f32) (param $b f32) (param $c f32) (result f32)
    (f32.sub (f32.mul (local.get $a) (local.get $b)) (local.get $c)))
  ;; ir: mul_sub
  ;; | 0 f32.mul_sub s3, s0, s1, s2
  ;; | 5 return1 s3

  (func (export "mul_rsub") (param $a f64) (param $b f64) (param $c f64) (result f64)
    (f64.sub (local.get $c) (f64.mul (local.get $a) (local.get $b))))
  ;; ir: mul_rsub
  ;; | 0 f64.mul_rsub s3, s0, s1, s2
  ;; | 5 return1 s3

  ;; ... but not with a constant operand, which would be written over a slot the multiply read.
  (func (export "mul_sub_const") (param $a f64) (param $b f64) (result f64)
    (f64.sub (f64.mul (local.get $a) (local.get $b)) (f64.const 4)))
  ;; ir: mul_sub_const
  ;; | 0 f64.mul s2, s0, s1
  ;; | 4 const64 s3, 0x4010000000000000
  ;; | 8 f64.sub s2, s2, s3
  ;; | 12 return1 s2

  ;; A single one-slot result is returned straight from where it is (return1).
  (func (export "return1") (param $a i32) (result i32)
    (i32.mul (local.get $a) (local.get $a)))
  ;; ir: return1
  ;; | 0 i32.mul s1, s0, s0
  ;; | 4 return1 s1
)
