;; Import/export introspection: one import of every kind, exports of every kind (some re-export
;; imports), and function indices shifted by the imported function.
(module
  (import "env" "log" (func $log (param i32)))           ;; function 0
  (import "env" "memory" (memory 1 4))
  (import "env" "table" (table 2 10 funcref))
  (import "env" "scale" (global $scale f64))             ;; global 0
  (import "env" "ticks" (global $ticks (mut i64)))       ;; global 1
  ;; function 1: a two-result signature to check function_type
  (func $helper (param i64 f32) (result f64 i32)
    global.get $scale
    i32.const 7)
  ;; function 2: uses every import so that linking them matters
  (func $run (export "run") (result i32)
    i32.const 5
    call $log
    global.get $ticks
    i64.const 1
    i64.add
    global.set $ticks
    i32.const 0
    i32.load)
  (export "memory" (memory 0))
  (export "table" (table 0))
  (export "ticks" (global $ticks))
  (export "helper_alias" (func $helper)))
