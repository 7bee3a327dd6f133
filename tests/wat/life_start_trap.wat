;; Lifetime tests: the start function traps, after the element segment stored $answer in slot 2
;; of the imported table.
(module
  (type $r (func (result i32)))
  (import "owner" "tab" (table 4 funcref))
  (func $answer (type $r)
    i32.const 42)
  (func $start
    unreachable)
  (elem (i32.const 2) $answer)
  (start $start))
