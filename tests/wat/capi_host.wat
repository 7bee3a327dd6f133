;; C API tests: a module whose host imports are C functions. Each export drives one import.
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))   ;; function 0
  (import "env" "fail" (func $fail (param i32)))                  ;; function 1
  (import "env" "quit" (func $quit (param i32)))                  ;; function 2
  (import "env" "reenter" (func $reenter (param i32) (result i32)))  ;; function 3
  (import "env" "peek" (func $peek (param i32) (result i32)))     ;; function 4
  (memory (export "memory") 1)
  (data (i32.const 16) "\2a\00\00\00")
  (global $after (export "after") (mut i32) (i32.const 0))

  (func (export "add_via_host") (param i32 i32) (result i32)      ;; function 5
    local.get 0
    local.get 1
    call $add)
  ;; Code after a stopping host call must not run, which `after` shows.
  (func (export "fail_via_host") (param i32) (result i32)         ;; function 6
    local.get 0
    call $fail
    i32.const 1
    global.set $after
    i32.const 1)
  (func (export "quit_via_host") (param i32)                      ;; function 7
    local.get 0
    call $quit
    i32.const 1
    global.set $after)
  ;; The host calls back into `double` from inside `reenter`.
  (func (export "reenter_via_host") (param i32) (result i32)      ;; function 8
    local.get 0
    call $reenter)
  (func (export "double") (param i32) (result i32)                ;; function 9
    local.get 0
    i32.const 2
    i32.mul)
  ;; The host reads this instance's memory at the given address.
  (func (export "peek_via_host") (param i32) (result i32)         ;; function 10
    local.get 0
    call $peek))
