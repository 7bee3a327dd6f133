// Ember (internal): what stands behind the public runtime handles. Each public class is an empty
// base; the engine's object derives from it and holds the data, so the layout never reaches the
// API. The engine works on these types throughout and converts at the API boundary with impl().
#pragma once

#include <cstdint>
#include <type_traits>

#include "ember/detail/heap.h"
#include "ember/detail/vec.h"
#include "ember/runtime.h"

namespace ember::detail {

struct CompiledFunction;
struct ExecState;
struct ModuleData;
struct InstanceObj;

struct FunctionObj final : Function {
  FuncTypeView type_;
  uint32_t type_id_ = 0;              // canonical signature id within the store (call_indirect check)
  uint32_t index_ = 0;                // function index within its module
  InstanceObj* instance_ = nullptr;   // defining instance (nullptr for host functions)
  CompiledFunction* code_ = nullptr;  // wasm only; nullptr until compiled when lazy
  HostCallback host_ = nullptr;
  void* host_user_ = nullptr;
};

struct MemoryObj final : Memory {
  explicit MemoryObj(Heap* heap) noexcept : heap_(heap) {}
  ~MemoryObj();
  Heap* heap_;
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;       // bytes the guest may address
  uint64_t capacity_ = 0;   // bytes allocated at data_ (>= size_; see Memory::grow)
  uint64_t max_pages_ = 0;  // effective cap: min(type max, host limit)
  Limits limits_;           // as declared (max updated when imported types are checked)
};

struct TableObj final : Table {
  explicit TableObj(Heap* heap) noexcept : elements_(heap) {}
  ValType elem_ = ValType::FuncRef;
  Vec<void*> elements_;  // Function* (as FunctionObj*) or host pointers; null is nullptr
  uint64_t max_ = 0;     // effective cap
  Limits limits_;
};

struct GlobalObj final : Global {
  GlobalType type_;
  uint64_t value_[2] = {0, 0};  // slot encoding; v128 uses both
};

struct InstanceObj final : Instance {
  InstanceObj(Heap* heap, const Module& module, Store* store) noexcept
      : module_handle_(module),
        module_(module_data(module)),
        store_(store),
        funcs_(heap),
        tables_(heap),
        memories_(heap),
        globals_(heap),
        type_ids_(heap),
        elem_segments_(heap),
        data_dropped_(heap) {}
  Module module_handle_;      // keeps the module alive as long as the instance
  const ModuleData* module_;  // module_handle_'s data, kept at hand for the interpreter
  Store* store_;
  Vec<FunctionObj*> funcs_;
  Vec<TableObj*> tables_;
  Vec<MemoryObj*> memories_;
  Vec<GlobalObj*> globals_;
  Vec<uint32_t> type_ids_;                 // canonical id of each module type
  Vec<Vec<void*>> elem_segments_;          // evaluated references; emptied by elem.drop
  Vec<uint8_t> data_dropped_;              // per data segment
  FunctionObj* function_block_ = nullptr;  // the module's own functions, one allocation
  uint32_t function_block_count_ = 0;
};

struct CallerObj final : Caller {
  Store* store_ = nullptr;
  InstanceObj* instance_ = nullptr;
  const char* message_ = nullptr;
  int32_t exit_code_ = 0;
  TrapKind status_ = TrapKind::None;  // set by trap() / exit(); typed bindings return it
};

// Base and derived pointers are the same address (standard layout, empty base), which is what lets
// table slots and Values hold either.
static_assert(std::is_standard_layout<FunctionObj>::value, "FunctionObj must be pointer-interconvertible");

inline FunctionObj* impl(Function* f) noexcept { return static_cast<FunctionObj*>(f); }
inline const FunctionObj* impl(const Function* f) noexcept { return static_cast<const FunctionObj*>(f); }
inline MemoryObj* impl(Memory* m) noexcept { return static_cast<MemoryObj*>(m); }
inline const MemoryObj* impl(const Memory* m) noexcept { return static_cast<const MemoryObj*>(m); }
inline TableObj* impl(Table* t) noexcept { return static_cast<TableObj*>(t); }
inline const TableObj* impl(const Table* t) noexcept { return static_cast<const TableObj*>(t); }
inline GlobalObj* impl(Global* g) noexcept { return static_cast<GlobalObj*>(g); }
inline const GlobalObj* impl(const Global* g) noexcept { return static_cast<const GlobalObj*>(g); }
inline InstanceObj* impl(Instance* i) noexcept { return static_cast<InstanceObj*>(i); }
inline const InstanceObj* impl(const Instance* i) noexcept { return static_cast<const InstanceObj*>(i); }
inline CallerObj* impl(Caller* c) noexcept { return static_cast<CallerObj*>(c); }
inline const CallerObj* impl(const Caller* c) noexcept { return static_cast<const CallerObj*>(c); }

}  // namespace ember::detail
