;; Typed calls through Store::call: one export per value type, multi-value results, a void
;; function and cross-function calls (used by the eager and the lazy-compile tests).
(module
  (func (export "add_i32") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "add_i64") (param i64 i64) (result i64)
    local.get 0
    local.get 1
    i64.add)
  (func (export "mul_f32") (param f32 f32) (result f32)
    local.get 0
    local.get 1
    f32.mul)
  (func (export "div_f64") (param f64 f64) (result f64)
    local.get 0
    local.get 1
    f64.div)
  ;; Two results of different types: the order of the results must be kept.
  (func (export "swap") (param i32 i64) (result i64 i32)
    local.get 1
    local.get 0)
  ;; Quotient and remainder at once.
  (func (export "divmod_u") (param i32 i32) (result i32 i32)
    local.get 0
    local.get 1
    i32.div_u
    local.get 0
    local.get 1
    i32.rem_u)
  ;; Every parameter type at once, so a mix-up of slots shows in the sum.
  (func (export "mixed") (param i32 i64 f32 f64) (result f64)
    local.get 0
    f64.convert_i32_s
    local.get 1
    f64.convert_i64_s
    f64.add
    local.get 2
    f64.promote_f32
    f64.add
    local.get 3
    f64.add)
  (func (export "nothing"))
  ;; Recursive: each call enters a function that lazy mode has to compile on first use.
  (func $fib (export "fib") (param i32) (result i64)
    local.get 0
    i32.const 2
    i32.lt_u
    if (result i64)
      local.get 0
      i64.extend_i32_u
    else
      local.get 0
      i32.const 1
      i32.sub
      call $fib
      local.get 0
      i32.const 2
      i32.sub
      call $fib
      i64.add
    end)
  ;; Calls a helper that is never exported, so only a wasm->wasm call can compile it.
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
  (memory (export "memory") 1)
  (global (export "answer") i32 (i32.const 42)))
