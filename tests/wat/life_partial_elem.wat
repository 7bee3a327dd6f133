;; Lifetime tests: instantiation fails on its second element segment (out of bounds of the
;; 4-slot imported table), after the first one already stored $answer in slot 0. The failed
;; instance's function stays reachable through the table.
(module
  (type $r (func (result i32)))
  (import "owner" "tab" (table 4 funcref))
  (func $half (result i32)
    i32.const 21)
  (func $answer (type $r)
    call $half
    call $half
    i32.add)
  (elem (i32.const 0) $answer)
  (elem (i32.const 3) $answer $answer))
