;; Host functions that look at their caller: the host reads the calling instance's memory.
(module
  (import "env" "peek" (func $peek (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ember")
  ;; Asks the host for the byte at `addr` of this instance's memory.
  (func (export "peek_via_host") (param i32) (result i32)
    local.get 0
    call $peek))
