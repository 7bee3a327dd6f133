;; Fixture for visit_ir (inspect_tests.cpp): a br_table, 0xFC-prefixed instructions and a call
;; to an import, whose IR text and source names the tests check.
(module
  (import "env" "log" (func $log (param i32)))
  (memory 1)
  (func (export "switch") (param $i i32) (result i32)
    (block $b2
      (block $b1
        (block $b0 (br_table $b0 $b1 $b2 (local.get $i)))
        (return (i32.const 10)))
      (return (i32.const 11)))
    (i32.const 12))
  (func (export "bulk") (param $f f32) (result i32)
    (memory.fill (i32.const 0) (i32.const 7) (i32.const 16))
    (call $log (i32.const 1))
    (i32.trunc_sat_f32_s (local.get $f))))
