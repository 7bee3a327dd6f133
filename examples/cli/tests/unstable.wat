;; An older WASI command: imports wasi_unstable. Run with five.txt's folder preopened (fd 3), it
;; writes "old abi", opens five.txt, seeks to its end with snapshot 0's whence = 1 (end; preview1's
;; 1 is cur) and prints the position, then checks that fd_filestat_get wrote snapshot 0's 56-byte
;; struct (a sentinel right after it stays) and prints "filestat 56".
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "old abi\n")
  (data (i32.const 32) "five.txt")
  (data (i32.const 48) "filestat 56\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $fd i32)
    (call $print (i32.const 16) (i32.const 8))
    ;; path_open(3, 0, "five.txt", 0, rights read|seek|tell|filestat_get, 0, 0, &fd @64)
    (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 32) (i32.const 8) (i32.const 0)
          (i64.const 0x200026) (i64.const 0) (i32.const 0) (i32.const 64))
      (then unreachable))
    (local.set $fd (i32.load (i32.const 64)))
    (if (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 1) (i32.const 72)) (then unreachable))
    (i32.store8 (i32.const 80) (i32.add (i32.const 48) (i32.load (i32.const 72))))
    (i32.store8 (i32.const 81) (i32.const 10))
    (call $print (i32.const 80) (i32.const 2))
    (i32.store8 (i32.const 256) (i32.const 0xAB))
    (if (call $fd_filestat_get (local.get $fd) (i32.const 200)) (then unreachable))
    (if (i32.eq (i32.load8_u (i32.const 256)) (i32.const 0xAB))
      (then (call $print (i32.const 48) (i32.const 12))))))
