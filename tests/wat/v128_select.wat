;; A typed select of v128 in otherwise v128-free code (the operands come from dead code). Must be
;; refused at load.
(module
  (func (export "f")
    unreachable
    select (result v128)
    drop))
