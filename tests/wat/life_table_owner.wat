;; Lifetime tests: owns the table that life_partial_* modules write into, and calls through it.
(module
  (type $r (func (result i32)))
  (table (export "tab") 4 funcref)
  (func (export "call_slot") (param i32) (result i32)
    local.get 0
    call_indirect (type $r)))
