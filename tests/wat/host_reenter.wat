;; Re-entrant calls: wasm calls the host, which calls back into wasm of the same store.
;;   tri(n) = 0 if n == 0, else n + descend(n), and the host's descend(n) calls tri(n - 1),
;; so tri(n) = n(n+1)/2 with n nested host->wasm levels. `n` is read again after the host call
;; returns, so a nested call that clobbered this frame would change the result.
(module
  (import "env" "descend" (func $descend (param i32) (result i32)))
  (func (export "tri") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get $n
      call $descend
      local.get $n
      i32.add
    end)
  ;; Same shape, but the innermost level traps instead of returning.
  (func (export "tri_trap") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if (result i32)
      unreachable
    else
      local.get $n
      call $descend
      local.get $n
      i32.add
    end))
