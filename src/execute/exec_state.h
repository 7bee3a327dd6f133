// Ember: the execution state a store owns: one value stack for all wasm frames and one frame stack.
// Wasm-to-wasm calls push a Frame here instead of recursing natively, so wasm recursion depth is
// bounded by these host-set sizes and never by the C stack.
#pragma once

#include <cstdint>

#include "ember/detail/vec.h"
#include "ember/runtime.h"
#include "runtime/objects.h"

namespace ember::detail {

struct StoreState;

struct Frame {
  const uint32_t* ret_pc;  // where the caller resumes
  uint64_t* fp;            // the caller's frame
  FunctionObj* func;          // the caller (its instance is restored on return)
};

struct ExecState {
  explicit ExecState(Heap* h) noexcept : heap(h) {}
  Heap* heap;  // the store's
  uint64_t* stack_begin = nullptr;
  uint64_t* stack_end = nullptr;
  uint64_t* stack_top = nullptr;  // first free slot: where the next host-initiated call starts
  Frame* frames_begin = nullptr;
  Frame* frames_end = nullptr;
  Frame* frame_top = nullptr;     // first free frame
  uint32_t nesting = 0;           // active execute() calls (host re-entry depth + 1)
  uint32_t max_nesting = 64;
  uint64_t fuel = 0;              // remaining, when Config::fuel is set
  bool fuel_enabled = false;
  Error* host_error = nullptr;    // the error of the run whose host call is active (host_exception)

  ~ExecState();
  bool init(const Config& config) noexcept;
};

// Runs wasm or host function `func` with its arguments at fp[0, params). On success the results
// are at fp[0, results). `fp` must be st.stack_top (or above).
Error execute(StoreState& store, FunctionObj* func, uint64_t* fp) noexcept;

// Returns the function's compiled code, compiling it now when lazy compilation deferred it. On
// failure returns nullptr with the compiler's error (ErrorKind::OutOfMemory) in *err.
CompiledFunction* ensure_compiled(FunctionObj* f, Error* err) noexcept;

}  // namespace ember::detail
