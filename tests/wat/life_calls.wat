;; Lifetime tests: a small call graph, so that with lazy compilation every callee is compiled from
;; the module's bytes on its first call, possibly long after the Module handle was destroyed.
(module
  (memory (export "mem") 1)
  (data (i32.const 16) "ember")
  (global $counter (mut i32) (i32.const 0))
  (func $square (param i32) (result i32)
    local.get 0
    local.get 0
    i32.mul)
  (func (export "sum_of_squares") (param i32 i32) (result i32)
    local.get 0
    call $square
    local.get 1
    call $square
    i32.add)
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0
    i32.const 2
    i32.lt_u
    if (result i32)
      local.get 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $fib
      local.get 0
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)
  ;; Reads a byte of the data segment (the segment's bytes live in the module binary).
  (func (export "byte_at") (param i32) (result i32)
    local.get 0
    i32.load8_u)
  (func (export "bump") (result i32)
    global.get $counter
    i32.const 1
    i32.add
    global.set $counter
    global.get $counter)
  ;; Calls $square only when the argument is non-zero: call_if(0) compiles just this function.
  (func (export "call_if") (param i32) (result i32)
    local.get 0
    if (result i32)
      local.get 0
      call $square
    else
      i32.const -1
    end))
