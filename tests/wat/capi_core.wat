;; C API tests: a module without imports. Arithmetic in every value type, a trapping call chain,
;; memory, globals, a funcref table and two loops for fuel metering.
(module
  (memory (export "memory") 1 3)
  (global $counter (export "counter") (mut i32) (i32.const 5))
  (global (export "limit") i64 (i64.const 1000))
  (table (export "table") 2 10 funcref)
  (elem (i32.const 0) $add)

  (func $add (export "add") (param i32 i32) (result i32)          ;; function 0
    local.get 0
    local.get 1
    i32.add)
  ;; a * b + c in four types: checks that every kind of argument and result crosses the API.
  (func (export "mix") (param i64 f32 f64) (result f64 i64)       ;; function 1
    local.get 2
    local.get 1
    f64.promote_f32
    f64.mul
    local.get 0
    local.get 0
    i64.mul)
  (func $div (export "div") (param i32 i32) (result i32)          ;; function 2
    local.get 0
    local.get 1
    i32.div_s)
  (func (export "div_outer") (param i32 i32) (result i32)         ;; function 3
    local.get 0
    local.get 1
    call $div)
  (func (export "load") (param i32) (result i32)                  ;; function 4
    local.get 0
    i32.load)
  (func (export "store") (param i32 i32)                          ;; function 5
    local.get 0
    local.get 1
    i32.store)
  (func (export "grow") (param i32) (result i32)                  ;; function 6
    local.get 0
    memory.grow)
  (func (export "bump") (result i32)                              ;; function 7
    global.get $counter
    i32.const 1
    i32.add
    global.set $counter
    global.get $counter)
  (func (export "call_slot") (param i32 i32 i32) (result i32)     ;; function 8
    local.get 1
    local.get 2
    local.get 0
    call_indirect (param i32 i32) (result i32))
  (func (export "spin")                                           ;; function 9
    loop $forever
      br $forever
    end)
  ;; 1 + 2 + ... + n
  (func (export "sum_to") (param $n i32) (result i32)             ;; function 10
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
    local.get $acc)
  (func (export "externref_id") (param externref) (result externref)  ;; function 11
    local.get 0)
  ;; Recursion n levels deep; returns 0.
  (func $countdown (export "countdown") (param i32) (result i32)  ;; function 12
    local.get 0
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $countdown
    end))
