;; The guest half of the embedding example. It imports two host functions: `env.print` reads a
;; string out of this module's memory, `env.log_i32` prints a number. The host calls `greet` once
;; and then `factorial`, which reports every partial product through `env.log_i32`.
(module
  (import "env" "print" (func $print (param i32 i32)))   ;; (address, length) in this memory
  (import "env" "log_i32" (func $log_i32 (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello from wasm!")

  (func (export "greet")
    i32.const 0     ;; address of the greeting
    i32.const 16    ;; its length
    call $print)

  ;; n! for n >= 0, logging 1!, 2!, ..., n! as it goes.
  (func (export "factorial") (param $n i32) (result i32)
    (local $i i32)
    (local $acc i32)
    i32.const 1
    local.set $acc
    i32.const 1
    local.set $i
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.gt_s
        br_if $done
        local.get $acc
        local.get $i
        i32.mul
        local.tee $acc
        call $log_i32
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc))
