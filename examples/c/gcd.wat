;; The guest half of the C example. It imports `env.print`, which reads a string out of this
;; module's memory, greets through it, and computes greatest common divisors.
(module
  (import "env" "print" (func $print (param i32 i32)))   ;; (address, length) in this memory
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello from wasm, via C!")

  (func (export "greet")
    i32.const 0     ;; address of the greeting
    i32.const 23    ;; its length
    call $print)

  ;; Euclid's algorithm: gcd(a, b) for a, b >= 0.
  (func (export "gcd") (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    block $done
      loop $next
        local.get $b
        i32.eqz
        br_if $done
        local.get $a
        local.get $b
        i32.rem_u
        local.set $t
        local.get $b
        local.set $a
        local.get $t
        local.set $b
        br $next
      end
    end
    local.get $a))
