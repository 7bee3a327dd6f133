;; C API tests: a module that imports a memory, a table and globals the host creates.
(module
  (import "host" "memory" (memory 1 2))
  (import "host" "table" (table 1 funcref))
  (import "host" "base" (global $base i32))
  (import "host" "total" (global $total (mut i64)))
  (func (export "read") (param i32) (result i32)
    local.get 0
    i32.load
    global.get $base
    i32.add)
  (func (export "accumulate") (param i64)
    global.get $total
    local.get 0
    i64.add
    global.set $total)
  (func (export "table_size") (result i32)
    table.size 0))
