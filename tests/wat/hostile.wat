;; Hostile-guest fixture: work of every kind that fuel must pay for and interrupts must stop, and a
;; deterministic checksum of it all, so a run stopped and resumed many times can be compared with
;; one that never stopped.
(module
  (import "host" "tick" (func $tick (param i32) (result i32)))
  (memory (export "memory") 4 4096)
  (table $t 64 funcref)
  (data $bytes "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (elem $fns func $mix $mix $mix $mix)
  (func $mix (param $x i32) (result i32)
    local.get $x
    i32.const 0x9e3779b9
    i32.mul
    i32.const 15
    i32.rotl)

  ;; Never ends.
  (func (export "spin")
    loop $forever
      br $forever
    end)

  ;; memory.fill of n bytes at 0 with byte v.
  (func (export "fill") (param $n i32) (param $v i32)
    i32.const 0
    local.get $v
    local.get $n
    memory.fill)

  ;; The sum of bytes [0, n), 4 at a time (n a multiple of 4).
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_u
        br_if $done
        local.get $acc
        local.get $i
        i32.load
        i32.add
        local.set $acc
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc)

  ;; Grows memory by one page at a time until it cannot; returns the final size in pages.
  (func (export "grow_all") (result i32)
    loop $again
      i32.const 1
      memory.grow
      i32.const -1
      i32.ne
      br_if $again
    end
    memory.size)

  ;; Everything at once, `rounds` times: bulk memory and table operations (overlapping copies both
  ;; ways), calls direct, indirect and to the host, memory.grow; returns a checksum of memory and
  ;; of what the calls returned.
  (func (export "work") (param $rounds i32) (result i32)
    (local $r i32) (local $acc i32)
    i32.const 1
    memory.grow
    drop
    block $done
      loop $round
        local.get $r
        local.get $rounds
        i32.ge_u
        br_if $done
        ;; 200 KiB of a byte that depends on the round, then overlapping copies up and down.
        i32.const 0
        local.get $r
        i32.const 200000
        memory.fill
        i32.const 1000
        i32.const 0
        i32.const 16
        memory.init $bytes
        i32.const 3
        i32.const 0
        i32.const 150000
        memory.copy
        i32.const 0
        i32.const 7
        i32.const 150000
        memory.copy
        ;; Tables: fill with null, init from the segment, copy overlapping, call through it.
        i32.const 0
        ref.null func
        i32.const 64
        table.fill $t
        i32.const 10
        i32.const 0
        i32.const 4
        table.init $t $fns
        i32.const 11
        i32.const 10
        i32.const 4
        table.copy $t $t
        local.get $acc
        local.get $r
        i32.const 14
        call_indirect $t (param i32) (result i32)
        i32.add
        local.get $r
        call $tick
        i32.add
        local.get $r
        call $mix
        i32.xor
        i32.const 200000
        call $sum
        i32.add
        local.set $acc
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br $round
      end
    end
    local.get $acc
    memory.size
    i32.add))
