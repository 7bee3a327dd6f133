;; The firmware spec runner's own test: every verdict it gives, right and wrong. The failing
;; assertions are deliberate; ctest checks the runner counts them (4 passed, 5 failed, 1 text).
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "fdiv") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
)
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))             ;; wrong bits
(assert_return (invoke "fdiv" (f32.const 0) (f32.const 0)) (f32.const nan:canonical))
(assert_return (invoke "fdiv" (f32.const 1) (f32.const 2)) (f32.const nan:arithmetic)) ;; not a NaN
(assert_return (invoke "fdiv" (f32.const 1) (f32.const 2)) (f32.const -0x1p-1))        ;; sign
(assert_trap (invoke "div_s" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div_s" (i32.const 4) (i32.const 2)) "integer divide by zero")   ;; no trap
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_invalid (module (func)) "type mismatch")                                      ;; valid
(assert_malformed (module quote "(func") "unexpected end")
