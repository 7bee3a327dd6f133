;; A memory without a declared maximum, so only the host's Config::max_memory_pages caps it.
(module
  (memory (export "memory") 1)
  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow)
  (func (export "size") (result i32)
    memory.size))
