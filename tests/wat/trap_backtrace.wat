;; A three-deep call chain ending in `unreachable`, for trap locations and backtraces. The import
;; shifts the defined functions to indices 1..3, so module indices and defined indices differ.
(module
  (import "env" "nop" (func $nop))   ;; function 0
  (func $inner (export "inner")      ;; function 1
    nop
    nop
    unreachable)
  (func $middle (export "middle")    ;; function 2
    call $inner)
  (func $outer (export "outer")      ;; function 3
    call $nop
    call $middle)
  (func (export "ok") (result i32)   ;; function 4
    i32.const 1))
