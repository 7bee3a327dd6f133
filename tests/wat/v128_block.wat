;; A block typed by the value type v128 (not a type index). Must be refused at load.
(module
  (func (export "f")
    (block (result v128)
      unreachable)
    drop))
