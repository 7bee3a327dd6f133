;; Numeric traps. Each export is a single trapping instruction on its parameters, so the trapping
;; opcode occurs once in the function body (the offset tests look for it).
(module
  (func (export "div_s") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func (export "rem_u64") (param i64 i64) (result i64)
    local.get 0
    local.get 1
    i64.rem_u)
  (func (export "trunc_f32_s") (param f32) (result i32)
    local.get 0
    i32.trunc_f32_s)
  (func (export "trunc_f64_u64") (param f64) (result i64)
    local.get 0
    i64.trunc_f64_u))
