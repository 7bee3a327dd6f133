;; A guest that hands the host (pointer, length) pairs, the usual way to pass strings and buffers.
(module
  (import "env" "log" (func $log (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello, host")
  (func (export "log_hello") (result i32)
    i32.const 16
    i32.const 11
    call $log)
  (func (export "log_at") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    call $log)
  (func (export "load8") (param i32) (result i32)
    local.get 0
    i32.load8_u))
