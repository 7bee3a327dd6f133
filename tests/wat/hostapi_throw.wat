;; A wasm caller of a host function that may throw a C++ exception. The global shows that code
;; after the host call did not run.
(module
  (import "env" "throws" (func $throws (param i32) (result i32)))
  (global $after (export "after") (mut i32) (i32.const 0))
  (func (export "call_throws") (param i32) (result i32)   ;; function 1
    local.get 0
    call $throws
    i32.const 1
    global.set $after)
  (func (export "ok") (result i32)
    i32.const 5))
