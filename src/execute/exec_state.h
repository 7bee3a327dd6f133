// Ember: the execution state a store owns: one value stack for all wasm frames and one frame stack.
// Wasm-to-wasm calls push a Frame here instead of recursing natively, so wasm recursion depth is
// bounded by these host-set sizes and never by the C stack.
#pragma once

#include <cstdint>

#include "ember/detail/vec.h"
#include "ember/runtime.h"
#include "runtime/objects.h"
#include "util/atomic.h"

namespace ember::detail {

struct StoreState;

struct Frame {
  const uint32_t* ret_pc;  // where the caller resumes
  uint64_t* fp;            // the caller's frame
  FunctionObj* func;       // the caller (its instance is restored on return)
};

// A call stopped at a resumable point (out of fuel, interrupted), with everything run() needs to
// continue it: its frames stay where they are on the store's stacks.
struct Suspension {
  bool active = false;
  FunctionObj* entry = nullptr;  // the function the host called: its results are returned
  uint64_t* entry_fp = nullptr;  // where those results go
  Frame* entry_frame = nullptr;
  Frame* frame = nullptr;  // the run's registers at the stop
  FunctionObj* cur = nullptr;
  const uint32_t* pc = nullptr;  // the instruction that stopped; it runs again on resume
  uint64_t* fp = nullptr;
  uint64_t bulk_done = 0;  // units of the stopped bulk operation already done
};

struct ExecState {
  explicit ExecState(Heap* h) noexcept : heap(h) {}
  Heap* heap;  // the store's
  uint64_t* stack_begin = nullptr;
  uint64_t* stack_end = nullptr;
  uint64_t* stack_top = nullptr;  // first free slot: where the next host-initiated call starts
  Frame* frames_begin = nullptr;
  Frame* frames_end = nullptr;
  Frame* frame_top = nullptr;  // first free frame
  uint32_t nesting = 0;        // active execute() calls (host re-entry depth + 1)
  uint32_t max_nesting = 64;
  uint64_t fuel = 0;  // remaining, when Config::fuel is set
  bool fuel_enabled = false;
  Error* host_error = nullptr;         // the error of the run whose host call is active (host_exception)
  InterruptFlag* interrupt = nullptr;  // the store's
  Suspension suspended;                // the host-called run that stopped resumably, if active
  uint64_t bulk_done = 0;              // progress handed to a bulk operation that resumes

  ~ExecState();
  bool init(const Config& config) noexcept;
};

// Runs wasm or host function `func` with its arguments at fp[0, params). On success the results
// are at fp[0, results). `fp` must be st.stack_top (or above).
// A host-initiated call (`resumable`) that stops out of fuel or interrupted at a resumable point is
// left in st.suspended; any call abandons an earlier suspended one.
Error execute(StoreState& store, FunctionObj* func, uint64_t* fp, bool resumable = false) noexcept;

// Continues st.suspended (which must be active). Results as for execute(), at suspended.entry_fp.
Error resume_execution(StoreState& store) noexcept;

// Returns the function's compiled code, compiling it now when lazy compilation deferred it. On
// failure returns nullptr with the compiler's error (ErrorKind::OutOfMemory) in *err.
CompiledFunction* ensure_compiled(FunctionObj* f, Error* err) noexcept;

}  // namespace ember::detail
