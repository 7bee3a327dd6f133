// Ember: every host-set limit in one place, with its default.
//
// One Config type serves two readers, and each field is read by exactly one of them (fuel by both,
// with a different meaning each):
//   - Module::load(bytes, size, config) reads: lazy_compile, metered and fuel (whether code is metered),
//     max_functions, max_locals, max_const_expr_depth, max_compiled_bytes, executor. A loaded module keeps
//     these.
//   - Store(config) reads: stack_bytes, max_call_depth, max_host_nesting, max_memory_pages,
//     max_table_elements, max_instances, max_backtrace_frames, fuel (the budget).
// A field given to the other reader is ignored there. Hitting a limit is an Error of kind
// ErrorKind::Limit (or a trap, where noted) whose detail names the field and the numbers, e.g.
// "memory of 300 pages exceeds Config::max_memory_pages = 256" or, for the spec's "call stack
// exhausted" trap, "Config::max_call_depth = 20000 reached"; a limit is never reported as a
// malformed or invalid module.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/allocator.h"
#include "ember/build_config.h"

namespace ember {

namespace detail {
// Defaults of the limits below: desktop-sized, or microcontroller-sized in builds with
// EMBER_SMALL_DEFAULTS (firmware: EMBER_PLATFORM=cortex-m), where the stacks a Store allocates
// up front must fit in a few KiB of RAM.
struct ConfigDefaults {
#if EMBER_SMALL_DEFAULTS
  static constexpr uint32_t stack_bytes = 2048;
  static constexpr uint32_t max_call_depth = 64;
  static constexpr uint32_t max_host_nesting = 4;
  static constexpr uint32_t max_memory_pages = 1;
  static constexpr uint32_t max_table_elements = 1024;
  static constexpr uint32_t max_backtrace_frames = 8;
  static constexpr uint32_t max_locals = 1024;
  static constexpr uint32_t max_functions = 4096;
  static constexpr std::size_t max_compiled_bytes = std::size_t(1) << 20;
  static constexpr bool lazy_compile = true;
#else
  static constexpr uint32_t stack_bytes = 1u << 20;
  static constexpr uint32_t max_call_depth = 20000;
  static constexpr uint32_t max_host_nesting = 64;
  static constexpr uint32_t max_memory_pages = 65536;
  static constexpr uint32_t max_table_elements = 10000000;
  static constexpr uint32_t max_backtrace_frames = 64;
  static constexpr uint32_t max_locals = 50000;
  static constexpr uint32_t max_functions = 1000000;
  static constexpr std::size_t max_compiled_bytes = std::size_t(1) << 30;
  static constexpr bool lazy_compile = false;
#endif
};
}  // namespace detail

// Runs a batch of independent jobs for Module::load, on threads the host owns: the core has none
// of its own (it builds for targets without threads). Unset (run null): every job runs inline, in
// order, on the loading thread.
struct Executor {
  // Must call job(job_context, i) exactly once for every i in [0, count), in any order and on any
  // threads, and return only when all have returned. Jobs never block on one another.
  // It must not throw (jobs do not).
  void (*run)(void* context, uint32_t count, void (*job)(void* job_context, uint32_t index),
              void* job_context) = nullptr;
  void* context = nullptr;  // passed to run
};

struct Config {
  // [Store] Bytes of the value stack shared by all wasm frames of a store (locals + operands).
  // Running out traps with "call stack exhausted".
  uint32_t stack_bytes = detail::ConfigDefaults::stack_bytes;
  // [Store] Maximum nesting of wasm calls (frames) before "call stack exhausted" (a trap). A host
  // function's call back into wasm uses one frame of it.
  uint32_t max_call_depth = detail::ConfigDefaults::max_call_depth;
  // [Store] Maximum nesting of host-to-wasm re-entry (a host function calling back into wasm that
  // calls a host function ...). Each level uses native stack, so this bounds it: exceeding it traps
  // with "call stack exhausted".
  uint32_t max_host_nesting = detail::ConfigDefaults::max_host_nesting;
  // [Store] Cap on any linear memory, in 64 KiB pages (the module's own maximum still applies).
  // Checked when a store creates a memory (Store::instantiate, Store::create_memory) and on
  // memory.grow (which then returns -1).
  uint32_t max_memory_pages = detail::ConfigDefaults::max_memory_pages;
  // [Store] Cap on any table, in elements. Checked like max_memory_pages.
  uint32_t max_table_elements = detail::ConfigDefaults::max_table_elements;
  // [Store] Most instances a store may hold (each lives until the store does, failed ones too).
  // Over it, instantiate fails with ErrorKind::Limit.
  uint32_t max_instances = 10000;
  // [Store] Most frames Store::backtrace keeps for a trap (innermost first; deeper ones dropped).
  uint32_t max_backtrace_frames = detail::ConfigDefaults::max_backtrace_frames;
  // [Module::load] Most locals one function may declare (parameters not counted). Bounds the
  // frame a single call needs. A module over it fails to load with ErrorKind::Limit. The engine
  // never accepts more than 2^24, whatever this says.
  uint32_t max_locals = detail::ConfigDefaults::max_locals;
  // [Module::load] Most functions (imported and defined) a module may have. Checked while the
  // import and function sections are decoded, before anything is allocated for them: over it, the
  // module fails to load with ErrorKind::Limit.
  uint32_t max_functions = detail::ConfigDefaults::max_functions;
  // [Module::load] Deepest operand stack a constant expression (global initialiser, segment offset,
  // element item) may build; extended-const expressions nest. Over it: ErrorKind::Limit at load.
  uint32_t max_const_expr_depth = 1024;
  // [Module::load] Most bytes of compiled code (threaded code, its source map and header) the
  // module may hold, all functions together (0 = no limit). Eager compilation over it fails the
  // load; a lazily compiled function that would pass it fails its first call; both with
  // ErrorKind::Limit naming the function. Config::max_heap_bytes caps the module's memory as a whole.
  std::size_t max_compiled_bytes = detail::ConfigDefaults::max_compiled_bytes;
  // [Module::load] Metered code without a fuel budget here: checks at loop heads and function
  // entries, where fuel is charged and interrupts (Store::interrupt_handle) are seen. Code loaded
  // without it (and without fuel) can be stopped only at host calls and bulk operations.
  bool metered = false;
  // [Module::load] Compile each function on its first call instead of at load (the default in
  // small-device builds: only the functions a firmware calls take RAM).
  bool lazy_compile = detail::ConfigDefaults::lazy_compile;
  // [Module::load and Store] Fuel: the work a store may do before a call stops with
  // TrapKind::OutOfFuel (0 = unlimited). One unit buys one loop iteration, one function entry or
  // one host call (plus what the host function charges for its work: Caller::consume_fuel); bulk operations
  // (memory.fill/copy/init) cost one unit per started 256 bytes, table ones (table.fill/copy/init,
  // table.grow) one per started 32 elements, and memory.grow 256 units per page it adds. Given to
  // Module::load, a non-zero value makes the module's code metered (as Config::metered does); given to a
  // Store, it is the store's budget (Store::set_fuel refills it, Store::resume continues the call that ran
  // out). A store with a budget refuses modules loaded without metering; metered code in a store without a
  // budget runs unlimited. memory.grow and table.grow are charged whole before they start: a refill smaller
  // than one step's cost (256 units per page) never lets that step run.
  uint64_t fuel = 0;
  // Where the memory of a Module (given to Module::load: its tables and compiled code) or of a
  // Store (its instances, linear memories, tables, globals and stacks) comes from. Unset: the
  // process default (set_allocator).
  Allocator allocator;
  // Bytes that one Module or one Store may hold through its allocator, linear memories included
  // (0 = no limit). Past it, allocation fails with ErrorKind::OutOfMemory and memory.grow returns -1.
  // Module::memory_used() and Store::memory_used() report what they hold.
  std::size_t max_heap_bytes = 0;
  // [Module::load] Where a large module's function bodies are validated: split into contiguous
  // runs of about 1 MiB of code, one job each (a module with less code runs inline, without it).
  // The result does not depend on it: a module with invalid functions is still refused before
  // load returns, with the error of the lowest-index invalid function, exactly as when validated
  // in order. Jobs allocate through `allocator` from the executor's threads. A build without jobs
  // (EMBER_JOBS=0, the firmware default) refuses a set executor: ErrorKind::Unsupported.
  Executor executor;
};

}  // namespace ember
