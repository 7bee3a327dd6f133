;; The runner's own script: module definitions and instances (the WebAssembly 3.0 script format).
;; A definition is validated but not instantiated; every instance of it is generative, with its
;; own mutable state.

(module definition $counter
  (global $n (mut i32) (i32.const 0))
  (func (export "next") (result i32)
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (global.get $n)))

(module instance $a $counter)
(module instance $b $counter)
(assert_return (invoke $a "next") (i32.const 1))
(assert_return (invoke $a "next") (i32.const 2))
(assert_return (invoke $b "next") (i32.const 1))

;; Without a definition name, `module instance` takes the latest definition; the new instance
;; becomes the current module.
(module instance)
(assert_return (invoke "next") (i32.const 1))
(assert_return (invoke $a "next") (i32.const 3))

;; An instance can be registered and imported from.
(register "counter" $b)
(module
  (import "counter" "next" (func $next (result i32)))
  (func (export "twice") (result i32) (drop (call $next)) (call $next)))
(assert_return (invoke "twice") (i32.const 3))

;; A definition written as binary or quote, and one that only has to validate.
(module definition $quoted quote "(func (export \"seven\") (result i32) (i32.const 7))")
(module instance $q $quoted)
(assert_return (invoke $q "seven") (i32.const 7))
(module definition binary "\00asm" "\01\00\00\00")
(module definition (memory 65536))

;; The definition keyword is invisible to the text format's rules: errors keep their wording.
(assert_malformed (module definition quote "(func (i32.ad))") "unknown operator")
(assert_invalid (module definition (func (result i32))) "type mismatch")

;; A definition's start function runs at each instantiation, not at definition.
(module definition $started
  (global $runs (mut i32) (i32.const 0))
  (func $start (global.set $runs (i32.add (global.get $runs) (i32.const 1))))
  (start $start)
  (func (export "runs") (result i32) (global.get $runs)))
(module instance $s1 $started)
(assert_return (invoke $s1 "runs") (i32.const 1))
(module definition $traps (func $start unreachable) (start $start))
(assert_return (invoke $s1 "runs") (i32.const 1))
