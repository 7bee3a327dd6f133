;; The WASI demo for firmware: a preview1 command that writes one line to stdout (the board
;; console) and reads the monotonic clock (SysTick on the board).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from WASI on the board\n")
  (func (export "_start")
    ;; iovec at 0: { ptr = 16, len = 29 }; bytes written go to 8
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 29))
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))
    (if (i32.ne (i32.load (i32.const 8)) (i32.const 29)) (then unreachable))
    ;; the monotonic clock (id 1) must answer
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 48)) (then unreachable))))
