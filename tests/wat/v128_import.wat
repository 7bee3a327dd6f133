;; An imported v128 global. Must be refused at load, before any linking.
(module
  (import "env" "g" (global v128))
  (func (export "f") (result i32)
    i32.const 0))
