;; Regression fixtures for the compiler's fused instructions: each export computes a value where a
;; wrong fusion gives a different result than plain evaluation.
(module
  ;; (a*b) - 4.0: the constant must not overwrite the multiply's operand slot (x*y then const).
  ;; The multiply's right operand is computed into the slot the constant is then written to.
  (func (export "mul_sub_const") (param $a f64) (param $b f64) (result f64)
    (f64.sub (f64.mul (local.get $a) (f64.add (local.get $b) (local.get $b))) (f64.const 4)))
  ;; 4.0 - (a*b) and 4.0 + (a*b), constant on the left.
  (func (export "const_sub_mul") (param $a f64) (param $b f64) (result f64)
    (f64.sub (f64.const 4) (f64.mul (f64.add (local.get $a) (local.get $a)) (local.get $b))))
  (func (export "const_add_mul") (param $a f32) (param $b f32) (result f32)
    (f32.add (f32.const 4) (f32.mul (f32.add (local.get $a) (local.get $a)) (local.get $b))))
  ;; A loop tail: i += 3; if (i < n) continue; with the increment folded into the branch.
  (func (export "count_by_3") (param $n i32) (result i32) (local $i i32) (local $k i32)
    (loop $top
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $top (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 3))) (local.get $n))))
    (local.get $k))
  ;; Bit tests: (x & 4) != 0 and (x & y) == 0 as branch conditions.
  (func (export "bit_tests") (param $x i32) (param $y i32) (result i32)
    (if (result i32) (i32.and (local.get $x) (i32.const 4))
      (then (if (result i32) (i32.eqz (i32.and (local.get $x) (local.get $y))) (then (i32.const 1)) (else (i32.const 2))))
      (else (i32.const 3))))
  ;; A load whose address is an add: base + index*8, wrapping at 32 bits.
  (memory 1)
  (data (i32.const 16) "\2a\00\00\00\00\00\00\00\07\00\00\00\00\00\00\00")
  (func (export "load_add") (param $base i32) (param $i i32) (result i64)
    (i64.load (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3)))))
  (func (export "load_add_imm_wraps") (param $base i32) (result i32)
    (i32.load8_u (i32.add (local.get $base) (i32.const 16))))
  ;; Copies in a row (rotating three locals) must happen in order.
  (func (export "rotate3") (param $a i32) (param $b i32) (param $c i32) (result i32) (local $t i32)
    (local.set $t (local.get $a))
    (local.set $a (local.get $b))
    (local.set $b (local.get $c))
    (local.set $c (local.get $t))
    (i32.add (i32.mul (local.get $a) (i32.const 100)) (i32.add (i32.mul (local.get $b) (i32.const 10)) (local.get $c)))))
