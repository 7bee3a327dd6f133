;; Typed host functions: imports covering every C++ parameter type the binding supports, and
;; exports that forward their arguments to them.
(module
  (import "env" "add3" (func $add3 (param i32 i32 i32) (result i32)))
  (import "env" "mix" (func $mix (param i64 f32 f64 i32) (result f64)))
  (import "env" "note" (func $note (param i32)))
  (func (export "call_add3") (param i32 i32 i32) (result i32)
    local.get 0
    local.get 1
    local.get 2
    call $add3)
  (func (export "call_mix") (param i64 f32 f64 i32) (result f64)
    local.get 0
    local.get 1
    local.get 2
    local.get 3
    call $mix)
  ;; Two host calls in one wasm call, in a known order.
  (func (export "note_twice") (param i32)
    local.get 0
    call $note
    local.get 0
    i32.const 1
    i32.add
    call $note))
