;; Runaway recursion: $down calls itself until the call stack is exhausted (a trap whose backtrace
;; the CLI folds into one line per run of identical frames).
(module
  (func $down (export "down") (param i32) (result i32)
    (call $down (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start") (drop (call $down (i32.const 0)))))
