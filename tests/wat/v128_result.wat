;; A function type with a v128 result (the body needs no SIMD instruction). Must be refused at load.
(module
  (func (export "make") (result v128)
    unreachable))
