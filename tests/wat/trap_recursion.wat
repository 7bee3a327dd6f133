;; Recursion depth: one function that never stops recursing and one that recurses exactly n
;; levels (returning n), to probe Config::stack_bytes and Config::max_call_depth.
(module
  (func $forever (export "forever") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $forever)
  (func $depth (export "depth") (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $depth
      i32.const 1
      i32.add
    end))
