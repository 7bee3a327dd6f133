;; Memory growth across the host boundary, in both directions.
(module
  (import "env" "observe" (func $observe (result i32)))
  (import "env" "host_grow" (func $host_grow (param i32) (result i32)))
  (memory (export "memory") 1 10)
  ;; wasm grows by one page and writes a marker at the start of the new page, then the host looks.
  (func (export "grow_then_observe") (result i32)
    i32.const 1
    memory.grow
    drop
    i32.const 65536
    i32.const 0x12345678
    i32.store
    call $observe)
  ;; The host grows by two pages and writes 0x0BADCAFE at 131072 (inside the new pages); this frame
  ;; then loads it: both the memory base and the bounds must be re-read after the host call.
  (func (export "host_grows") (result i32)
    i32.const 2
    call $host_grow
    drop
    i32.const 131072
    i32.load)
  (func (export "size") (result i32)
    memory.size))
