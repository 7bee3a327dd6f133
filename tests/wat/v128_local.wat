;; A v128 local, in a function whose type has no v128. Must be refused at load.
(module
  (func (export "f") (result i32)
    (local v128)
    i32.const 1))
