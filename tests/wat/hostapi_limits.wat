;; A memory of 3 pages and a table of 20 elements, against the store's Config caps.
(module
  (memory (export "memory") 3)
  (table 20 funcref))
