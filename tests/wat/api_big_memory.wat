;; Declares a 3-page minimum: instantiation must fail when the host caps memories below that.
(module
  (memory (export "memory") 3))
