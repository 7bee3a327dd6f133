;; The host-import demo: toggles the board's "LED" `count` times through a host function and
;; reports each new state through another one; returns how often the LED ended up on.
(module
  (import "board" "led_toggle" (func $led_toggle (result i32)))
  (import "board" "print_i32" (func $print_i32 (param i32)))
  (func (export "blink") (param $count i32) (result i32)
    (local $on i32) (local $state i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $state (call $led_toggle))
        (call $print_i32 (local.get $state))
        (local.set $on (i32.add (local.get $on) (local.get $state)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
    (local.get $on)))
