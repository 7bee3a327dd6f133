;; Sleeps 60 s in poll_oneoff, then spins: --timeout must end the sleep early and then the loop.
(module
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  ;; One subscription at 0 (48 bytes): userdata 0, tag 0 (clock), clock id 1 (monotonic), timeout
  ;; 60 s in nanoseconds, precision 0, flags 0 (relative).
  (data (i32.const 16) "\01\00\00\00")
  (data (i32.const 24) "\00\58\47\f8\0d\00\00\00")
  (func (export "_start")
    i32.const 0    ;; subscriptions
    i32.const 64   ;; events
    i32.const 1
    i32.const 128  ;; nevents
    call $poll
    drop
    loop $forever
      br $forever
    end))
