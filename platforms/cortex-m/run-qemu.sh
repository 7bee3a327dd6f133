#!/bin/sh
# Runs a firmware ELF under qemu-system-arm with semihosting; the exit status is the program's.
# usage: run-qemu.sh ELF [args...]   environment: QEMU_MACHINE (default mps2-an385), QEMU_TIMEOUT
# (seconds, default 120). -icount shift=0 makes one guest instruction one virtual nanosecond, so
# SysTick readings count instructions deterministically.
elf=$1
shift
cfg="enable=on,target=native,arg=$(basename "$elf")"
for a in "$@"; do cfg="$cfg,arg=$(printf '%s' "$a" | sed 's/,/,,/g')"; done
exec timeout "${QEMU_TIMEOUT:-120}" qemu-system-arm -M "${QEMU_MACHINE:-mps2-an385}" -nographic \
  -monitor none -icount shift=0 -semihosting-config "$cfg" -kernel "$elf" </dev/null
