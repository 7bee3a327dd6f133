;; Allocation sweep: tables, active and passive element and data segments, globals, a start
;; function, a host import, and growth of a memory and a table.
(module
  (type $t (func (result i32)))
  (import "env" "double" (func $double (param i32) (result i32)))
  (table $tab 4 16 funcref)
  (memory 1 8)
  (global $g (mut i32) (i32.const 7))
  (elem (i32.const 0) $one $two)
  (elem $passive func $one $two)
  (data (i32.const 16) "hello")
  (data $pd "passive")
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (func $start (global.set $g (i32.add (global.get $g) (i32.const 1))))
  (start $start)
  ;; 2 (call_indirect of slot 3 after table.init) + 112 ('p' copied by memory.init) + 16 (host) = 130
  (func (export "run") (result i32)
    (table.init $tab $passive (i32.const 2) (i32.const 0) (i32.const 2))
    (memory.init $pd (i32.const 100) (i32.const 0) (i32.const 7))
    (i32.add
      (i32.add (call_indirect (type $t) (i32.const 3)) (i32.load8_u (i32.const 100)))
      (call $double (global.get $g))))
  ;; Grows memory by 2 pages and the table by 3; returns pages + elements (10 when both grew).
  (func (export "grow") (result i32)
    (drop (memory.grow (i32.const 2)))
    (drop (table.grow $tab (ref.null func) (i32.const 3)))
    (i32.add (memory.size) (table.size $tab))))
