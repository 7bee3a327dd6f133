;; Fuel metering: one function that never ends and one that ends after a bounded loop.
(module
  (func (export "spin")
    loop $forever
      br $forever
    end)
  ;; 1 + 2 + ... + n
  (func (export "sum_to") (param $n i32) (result i32)
    (local $acc i32)
    block $done
      loop $next
        local.get $n
        i32.eqz
        br_if $done
        local.get $acc
        local.get $n
        i32.add
        local.set $acc
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $next
      end
    end
    local.get $acc))
