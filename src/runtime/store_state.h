// Ember (internal): the state behind a Store handle: the objects it owns, its heap, the execution
// stacks, interned function types and the last trap's backtrace.
#pragma once

#include <cstdint>

#include "ember/detail/heap.h"
#include "ember/detail/vec.h"
#include "runtime/objects.h"
#include "util/atomic.h"

namespace ember::detail {

struct StoreMark;

// Host data owned by the store (Store::allocate_host_data).
struct HostData {
  void* data;
  std::size_t size;
  void (*drop)(void* data);
};

// The interrupt object behind a Store's InterruptHandle.
struct InterruptObj final : InterruptHandle {
  InterruptFlag flag;
};

struct StoreState {
  // `config` must outlive the state: it is the handle's (Store::config_).
  StoreState(Store* handle, const Config& config, const Heap& heap) noexcept;
  ~StoreState();

  static constexpr uint32_t kNoTypeId = 0xFFFFFFFFu;
  // Canonical signature id: equal signatures get equal ids within the store (call_indirect and
  // import checks compare these). kNoTypeId when out of memory.
  uint32_t intern_type(FuncTypeView type) noexcept;
  // The execution stacks, allocated by the constructor or, if that failed, by the next call or
  // instantiate, so a store survives a failed set-up.
  Error prepare_exec() noexcept;

  Result<Instance*> instantiate(const Module& module, const Extern* imports,
                                std::size_t import_count) noexcept;
  Error build_instance(const Module& module, const Extern* imports, InstanceObj** out) noexcept;
  Result<Instance*> initialize_instance(const ModuleData& m, InstanceObj* inst) noexcept;
  void rollback(const StoreMark& mark, InstanceObj* inst) noexcept;
  void destroy_instance(InstanceObj* inst) noexcept;

  FunctionObj* create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept;
  MemoryObj* create_memory(const MemoryType& type) noexcept;
  TableObj* create_table(const TableType& type, void* init) noexcept;
  GlobalObj* create_global(const GlobalType& type, const Value& init) noexcept;
  Error call(FunctionObj* func, const Value* args, std::size_t arg_count, Value* results,
             std::size_t result_count) noexcept;
  // call()'s parts, out of line so that their Errors stay off the running call's stack.
  [[gnu::noinline]] bool call_allowed(FunctionObj* func, const Value* args, std::size_t arg_count,
                                      std::size_t result_count) noexcept;
  [[gnu::noinline]] Error refuse_call(FunctionObj* func, const Value* args, std::size_t arg_count,
                                      Value* results, std::size_t result_count) noexcept;
  Error check_call(FunctionObj* func, const Value* args, std::size_t arg_count,
                   std::size_t result_count) noexcept;
  [[gnu::noinline]] Error start_call(FunctionObj* func, const Value* args, Value* results) noexcept;
  Error resume(Value* results, std::size_t result_count) noexcept;

  Store* handle_;  // the public handle (what Caller::store() and Instance::store() return)
  // The handle's own Config: the handle owns this state and cannot move (no copy, no move), so a
  // reference does, and the state's heap block is 76 bytes smaller (Cortex-M3) than with a copy.
  const Config& config_;
  Heap heap_;  // everything below is allocated here
  ExecState* exec_ = nullptr;
  InterruptObj interrupt_;     // its flag is what exec_->interrupt points at
  uint64_t pending_fuel_ = 0;  // set_fuel before the stacks exist
  bool has_pending_fuel_ = false;
  Vec<InstanceObj*> instances_;
  Vec<FunctionObj*> functions_;  // host functions, one allocation each
  Vec<MemoryObj*> memories_;
  Vec<TableObj*> tables_;
  Vec<GlobalObj*> globals_;
  Vec<HostData> host_data_;
  Vec<Vec<ValType>> type_pool_;  // interned signatures: params then results
  Vec<uint32_t> type_param_counts_;
  Vec<BacktraceFrame> backtrace_;
};

}  // namespace ember::detail
