;; A v128 global, exported: today's 8-byte slot copy of global.get / Global::get would move half of
;; it. Must be refused at load (no function here, so the global's type is the first v128).
(module
  (global $g (export "g") v128 (v128.const i64x2 0x1111111111111111 0x2222222222222222)))
