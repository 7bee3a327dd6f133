;; The shape of a WASI command that calls proc_exit(code) from _start, as the outside report had it.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    i32.const 0
    call $proc_exit
    unreachable)
  (func (export "exit_with") (param i32)
    local.get 0
    call $proc_exit
    unreachable))
