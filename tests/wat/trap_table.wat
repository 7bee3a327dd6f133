;; Table traps. Slot 0 holds an (i32)->i32 function, slot 1 a ()->() function, slots 2 and 3 are
;; null, and the table has 4 slots, so index 4 is past its end.
(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table $t 4 funcref)
  (elem (i32.const 0) $double $nop)
  (func $double (type $ii)
    local.get 0
    i32.const 2
    i32.mul)
  (func $nop (type $v))
  ;; call_indirect through slot `i`, expecting (i32)->i32
  (func (export "call_slot") (param i32) (result i32)
    i32.const 21
    local.get 0
    call_indirect (type $ii))
  (func (export "slot_is_null") (param i32) (result i32)
    local.get 0
    table.get $t
    ref.is_null))
