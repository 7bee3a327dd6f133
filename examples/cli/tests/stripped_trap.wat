;; No identifiers, so no name section: the backtrace names the function by its export.
(module
  (func unreachable)
  (func (export "boom") (call 0)))
