;; Host functions that stop the call: a host trap and a host exit. Code after the host call
;; must not run, which the global shows.
(module
  (import "env" "fail" (func $fail))
  (import "env" "quit" (func $quit (param i32)))
  (global $after (export "after") (mut i32) (i32.const 0))
  (func (export "fail") (result i32)        ;; function 2
    call $fail
    i32.const 1
    global.set $after
    i32.const 1)
  (func (export "quit") (param i32)         ;; function 3
    local.get 0
    call $quit
    i32.const 1
    global.set $after)
  (func (export "ok") (result i32)
    i32.const 11))
