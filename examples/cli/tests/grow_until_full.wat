;; Grows memory one page at a time until memory.grow fails, then returns: `ember run` must stop it
;; at its memory cap (1 GiB by default, --max-memory), not at the spec's 4 GiB.
(module
  (memory 1)
  (func (export "_start")
    loop $again
      i32.const 1
      memory.grow
      i32.const -1
      i32.ne
      br_if $again
    end))
