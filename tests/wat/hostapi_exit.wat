;; Programs that end themselves through a host function (like WASI proc_exit): an exit is not a
;; trap, however deep in wasm it happens. The global shows that code after the exit never ran.
(module
  (import "env" "exit" (func $exit (param i32)))
  (global $after (export "after") (mut i32) (i32.const 0))
  (func (export "exit_with") (param i32)    ;; function 1
    local.get 0
    call $exit
    i32.const 1
    global.set $after)
  (func $deep (param i32)                   ;; function 2: recurses n times, then exits with 7
    local.get 0
    if
      local.get 0
      i32.const 1
      i32.sub
      call $deep
    else
      i32.const 7
      call $exit
    end)
  (func (export "exit_deep") (param i32)
    local.get 0
    call $deep)
  (func (export "trap")
    unreachable))
