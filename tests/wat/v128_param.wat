;; A function type with a v128 parameter. Must be refused at load: SIMD is not supported.
(module
  (func (export "first_lane") (param v128) (result i32)
    i32.const 0))
