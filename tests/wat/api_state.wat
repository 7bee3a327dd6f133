;; Per-instance state: a mutable global and a memory. Each instance must get its own copy.
(module
  (memory (export "memory") 1)
  (global $counter (export "counter") (mut i32) (i32.const 0))
  ;; Adds one to the counter, mirrors it to memory[0] and returns it.
  (func (export "bump") (result i32)
    global.get $counter
    i32.const 1
    i32.add
    global.set $counter
    i32.const 0
    global.get $counter
    i32.store
    global.get $counter)
  (func (export "load0") (result i32)
    i32.const 0
    i32.load))
