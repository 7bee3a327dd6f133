;; Lifetime tests: the element segment stores $answer in slot 1 of the imported table, then the
;; data segment lies past the end of the one-page memory, so instantiation fails.
(module
  (type $r (func (result i32)))
  (import "owner" "tab" (table 4 funcref))
  (memory 1)
  (func $seven (result i32)
    i32.const 7)
  (func $answer (type $r)
    call $seven
    i32.const 6
    i32.mul)
  (elem (i32.const 1) $answer)
  (data (i32.const 65535) "xy"))
