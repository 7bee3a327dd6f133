;; down(n) recurses n times and then traps: a trap n + 1 wasm frames deep.
(module
  (func $down (export "down") (param i32)
    local.get 0
    i32.eqz
    if
      unreachable
    end
    local.get 0
    i32.const 1
    i32.sub
    call $down))
