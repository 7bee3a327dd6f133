;; A SIMD instruction (0xFD prefix) between values that are all i32: no v128 in any type, but the
;; instructions are SIMD. Must be refused at load as unsupported, not as malformed.
(module
  (func (export "splat_lane") (param i32) (result i32)
    local.get 0
    i32x4.splat
    i32x4.extract_lane 2))
