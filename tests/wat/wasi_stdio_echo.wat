;; For the in-memory stdio tests: `_start` copies stdin to stdout (reading in 7-byte pieces, so the
;; input arrives in many calls) and writes "done\n" to stderr. `write_stdout(n)` writes n bytes of
;; 'x' in one fd_write and returns its errno.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "done\n")
  (func (export "_start")
    (block $eof
      (loop $more
        ;; iovec @0 = {1024, 7}; nread @16
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 7))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
        (br_if $eof (i32.eqz (i32.load (i32.const 16))))
        (i32.store (i32.const 4) (i32.load (i32.const 16)))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 20)))
        (br $more)))
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 20))))
  (func (export "write_stdout") (param $n i32) (result i32)
    (memory.fill (i32.const 2048) (i32.const 120) (local.get $n))
    (i32.store (i32.const 0) (i32.const 2048))
    (i32.store (i32.const 4) (local.get $n))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 20))))
