;; One import of each kind, to check what an incompatible-import error says about each.
(module
  (import "env" "f" (func (param i32 i32) (result i32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "tab" (table 1 10 funcref))
  (import "env" "g" (global (mut i32))))
