;; Thread test (tests/threads/shared_module.cpp): 64 functions f0..f63 of type (i32) -> i32, each
;; exported as "f<i>" and each calling the one before, so with lazy compilation every thread's first
;; calls compile overlapping chains. shared_module.cpp mirrors the formulas:
;;   f0(x)        = x + 0x12345
;;   i % 4 == 0:  f_i(x) = f_{i-1}(x * 3 + i) ^ (i * 0x9E37)
;;   i % 4 == 1:  f_i(x) = f_{i-1}(x ^ i) + i
;;   i % 4 == 2:  f_i(x) = rotl(f_{i-1}(x), i % 31 + 1)
;;   i % 4 == 3:  f_i(x) = f_{i-1}(t), t = x then (i % 5 + 1) times t = (t * 0x01000193) ^ i
(module
  (func $f0 (export "f0") (param i32) (result i32)
    local.get 0
    i32.const 0x12345
    i32.add)
  (func $f1 (export "f1") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.xor
    call $f0
    i32.const 1
    i32.add)
  (func $f2 (export "f2") (param i32) (result i32)
    local.get 0
    call $f1
    i32.const 3
    i32.rotl)
  (func $f3 (export "f3") (param i32) (result i32)
    (local $n i32)
    i32.const 4
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 3
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f2)
  (func $f4 (export "f4") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 4
    i32.add
    call $f3
    i32.const 162012
    i32.xor)
  (func $f5 (export "f5") (param i32) (result i32)
    local.get 0
    i32.const 5
    i32.xor
    call $f4
    i32.const 5
    i32.add)
  (func $f6 (export "f6") (param i32) (result i32)
    local.get 0
    call $f5
    i32.const 7
    i32.rotl)
  (func $f7 (export "f7") (param i32) (result i32)
    (local $n i32)
    i32.const 3
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 7
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f6)
  (func $f8 (export "f8") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 8
    i32.add
    call $f7
    i32.const 324024
    i32.xor)
  (func $f9 (export "f9") (param i32) (result i32)
    local.get 0
    i32.const 9
    i32.xor
    call $f8
    i32.const 9
    i32.add)
  (func $f10 (export "f10") (param i32) (result i32)
    local.get 0
    call $f9
    i32.const 11
    i32.rotl)
  (func $f11 (export "f11") (param i32) (result i32)
    (local $n i32)
    i32.const 2
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 11
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f10)
  (func $f12 (export "f12") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 12
    i32.add
    call $f11
    i32.const 486036
    i32.xor)
  (func $f13 (export "f13") (param i32) (result i32)
    local.get 0
    i32.const 13
    i32.xor
    call $f12
    i32.const 13
    i32.add)
  (func $f14 (export "f14") (param i32) (result i32)
    local.get 0
    call $f13
    i32.const 15
    i32.rotl)
  (func $f15 (export "f15") (param i32) (result i32)
    (local $n i32)
    i32.const 1
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 15
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f14)
  (func $f16 (export "f16") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 16
    i32.add
    call $f15
    i32.const 648048
    i32.xor)
  (func $f17 (export "f17") (param i32) (result i32)
    local.get 0
    i32.const 17
    i32.xor
    call $f16
    i32.const 17
    i32.add)
  (func $f18 (export "f18") (param i32) (result i32)
    local.get 0
    call $f17
    i32.const 19
    i32.rotl)
  (func $f19 (export "f19") (param i32) (result i32)
    (local $n i32)
    i32.const 5
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 19
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f18)
  (func $f20 (export "f20") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 20
    i32.add
    call $f19
    i32.const 810060
    i32.xor)
  (func $f21 (export "f21") (param i32) (result i32)
    local.get 0
    i32.const 21
    i32.xor
    call $f20
    i32.const 21
    i32.add)
  (func $f22 (export "f22") (param i32) (result i32)
    local.get 0
    call $f21
    i32.const 23
    i32.rotl)
  (func $f23 (export "f23") (param i32) (result i32)
    (local $n i32)
    i32.const 4
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 23
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f22)
  (func $f24 (export "f24") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 24
    i32.add
    call $f23
    i32.const 972072
    i32.xor)
  (func $f25 (export "f25") (param i32) (result i32)
    local.get 0
    i32.const 25
    i32.xor
    call $f24
    i32.const 25
    i32.add)
  (func $f26 (export "f26") (param i32) (result i32)
    local.get 0
    call $f25
    i32.const 27
    i32.rotl)
  (func $f27 (export "f27") (param i32) (result i32)
    (local $n i32)
    i32.const 3
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 27
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f26)
  (func $f28 (export "f28") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 28
    i32.add
    call $f27
    i32.const 1134084
    i32.xor)
  (func $f29 (export "f29") (param i32) (result i32)
    local.get 0
    i32.const 29
    i32.xor
    call $f28
    i32.const 29
    i32.add)
  (func $f30 (export "f30") (param i32) (result i32)
    local.get 0
    call $f29
    i32.const 31
    i32.rotl)
  (func $f31 (export "f31") (param i32) (result i32)
    (local $n i32)
    i32.const 2
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 31
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f30)
  (func $f32 (export "f32") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 32
    i32.add
    call $f31
    i32.const 1296096
    i32.xor)
  (func $f33 (export "f33") (param i32) (result i32)
    local.get 0
    i32.const 33
    i32.xor
    call $f32
    i32.const 33
    i32.add)
  (func $f34 (export "f34") (param i32) (result i32)
    local.get 0
    call $f33
    i32.const 4
    i32.rotl)
  (func $f35 (export "f35") (param i32) (result i32)
    (local $n i32)
    i32.const 1
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 35
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f34)
  (func $f36 (export "f36") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 36
    i32.add
    call $f35
    i32.const 1458108
    i32.xor)
  (func $f37 (export "f37") (param i32) (result i32)
    local.get 0
    i32.const 37
    i32.xor
    call $f36
    i32.const 37
    i32.add)
  (func $f38 (export "f38") (param i32) (result i32)
    local.get 0
    call $f37
    i32.const 8
    i32.rotl)
  (func $f39 (export "f39") (param i32) (result i32)
    (local $n i32)
    i32.const 5
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 39
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f38)
  (func $f40 (export "f40") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 40
    i32.add
    call $f39
    i32.const 1620120
    i32.xor)
  (func $f41 (export "f41") (param i32) (result i32)
    local.get 0
    i32.const 41
    i32.xor
    call $f40
    i32.const 41
    i32.add)
  (func $f42 (export "f42") (param i32) (result i32)
    local.get 0
    call $f41
    i32.const 12
    i32.rotl)
  (func $f43 (export "f43") (param i32) (result i32)
    (local $n i32)
    i32.const 4
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 43
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f42)
  (func $f44 (export "f44") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 44
    i32.add
    call $f43
    i32.const 1782132
    i32.xor)
  (func $f45 (export "f45") (param i32) (result i32)
    local.get 0
    i32.const 45
    i32.xor
    call $f44
    i32.const 45
    i32.add)
  (func $f46 (export "f46") (param i32) (result i32)
    local.get 0
    call $f45
    i32.const 16
    i32.rotl)
  (func $f47 (export "f47") (param i32) (result i32)
    (local $n i32)
    i32.const 3
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 47
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f46)
  (func $f48 (export "f48") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 48
    i32.add
    call $f47
    i32.const 1944144
    i32.xor)
  (func $f49 (export "f49") (param i32) (result i32)
    local.get 0
    i32.const 49
    i32.xor
    call $f48
    i32.const 49
    i32.add)
  (func $f50 (export "f50") (param i32) (result i32)
    local.get 0
    call $f49
    i32.const 20
    i32.rotl)
  (func $f51 (export "f51") (param i32) (result i32)
    (local $n i32)
    i32.const 2
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 51
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f50)
  (func $f52 (export "f52") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 52
    i32.add
    call $f51
    i32.const 2106156
    i32.xor)
  (func $f53 (export "f53") (param i32) (result i32)
    local.get 0
    i32.const 53
    i32.xor
    call $f52
    i32.const 53
    i32.add)
  (func $f54 (export "f54") (param i32) (result i32)
    local.get 0
    call $f53
    i32.const 24
    i32.rotl)
  (func $f55 (export "f55") (param i32) (result i32)
    (local $n i32)
    i32.const 1
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 55
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f54)
  (func $f56 (export "f56") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 56
    i32.add
    call $f55
    i32.const 2268168
    i32.xor)
  (func $f57 (export "f57") (param i32) (result i32)
    local.get 0
    i32.const 57
    i32.xor
    call $f56
    i32.const 57
    i32.add)
  (func $f58 (export "f58") (param i32) (result i32)
    local.get 0
    call $f57
    i32.const 28
    i32.rotl)
  (func $f59 (export "f59") (param i32) (result i32)
    (local $n i32)
    i32.const 5
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 59
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f58)
  (func $f60 (export "f60") (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
    i32.const 60
    i32.add
    call $f59
    i32.const 2430180
    i32.xor)
  (func $f61 (export "f61") (param i32) (result i32)
    local.get 0
    i32.const 61
    i32.xor
    call $f60
    i32.const 61
    i32.add)
  (func $f62 (export "f62") (param i32) (result i32)
    local.get 0
    call $f61
    i32.const 1
    i32.rotl)
  (func $f63 (export "f63") (param i32) (result i32)
    (local $n i32)
    i32.const 4
    local.set $n
    loop $again
      local.get 0
      i32.const 0x01000193
      i32.mul
      i32.const 63
      i32.xor
      local.set 0
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get 0
    call $f62))
