// Ember: every host-set limit in one place, with its default.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/allocator.h"

namespace ember {

struct Config {
  // Bytes of the value stack shared by all wasm frames of a store (locals + operands).
  uint32_t stack_bytes = 1u << 20;
  // Maximum nesting of wasm calls (frames) before "call stack exhausted".
  uint32_t max_call_depth = 20000;
  // Maximum nesting of host-to-wasm re-entry (a host function calling back into wasm that calls a
  // host function ...). Each level uses native stack, so this bounds it: exceeding it traps with
  // "call stack exhausted".
  uint32_t max_host_nesting = 64;
  // Cap on any linear memory, in 64 KiB pages (the module's own maximum still applies).
  uint32_t max_memory_pages = 65536;
  // Cap on any table, in elements.
  uint32_t max_table_elements = 10000000;
  // Compile each function on its first call instead of at load.
  bool lazy_compile = false;
  // Fuel: loop iterations and function entries a store may run before a call stops with
  // TrapKind::OutOfFuel (0 = unlimited). Given to Module::load, a non-zero value makes the module's
  // code metered; given to a Store, it is the store's budget (Store::set_fuel refills it). A store
  // with a budget refuses modules loaded without metering; metered code in a store without a
  // budget runs unlimited.
  uint64_t fuel = 0;
  // Where the memory of a Module (given to Module::load: its tables and compiled code) or of a
  // Store (its instances, linear memories, tables, globals and stacks) comes from. Unset: the
  // process default (set_allocator).
  Allocator allocator;
  // Bytes that one Module or one Store may hold through its allocator, linear memories included
  // (0 = no limit). Past it, allocation fails with ErrorKind::OutOfMemory and memory.grow returns -1.
  // Module::memory_used() and Store::memory_used() report what they hold.
  std::size_t max_heap_bytes = 0;
};

}  // namespace ember
