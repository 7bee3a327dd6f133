;; Exports of every scalar signature, called through Store::call<R>(func, args...).
(module
  (global $count (export "count") (mut i32) (i32.const 0))
  (func (export "add_i64") (param i64 i64) (result i64)
    local.get 0
    local.get 1
    i64.add)
  (func (export "add_i32") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (export "minus_one") (result i32)
    i32.const -1)
  (func (export "minus_one_64") (result i64)
    i64.const -1)
  (func (export "mul_f32") (param f32 f32) (result f32)
    local.get 0
    local.get 1
    f32.mul)
  (func (export "half_f64") (param f64) (result f64)
    local.get 0
    f64.const 2
    f64.div)
  ;; i32 + i64 + f32 + f64, as f64
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
  (func (export "bump")
    global.get $count
    i32.const 1
    i32.add
    global.set $count)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func (export "pair") (result i32 i32)
    i32.const 1
    i32.const 2))
