// Ember: the in-memory form of a decoded module, shared by the validator, compiler and runtime.
// Byte ranges point into the module bytes (owned copy or borrowed input), so decoding allocates
// only the tables below.
#pragma once

#include <cstdint>
#include <string_view>

#include "ember/config.h"
#include "ember/detail/heap.h"
#include "ember/detail/vec.h"
#include "ember/types.h"
#include "util/atomic.h"

namespace ember::detail {

struct CompiledFunction;

// A run of instructions in the module bytes, ending with (and including) its `end` opcode.
struct ConstExpr {
  uint32_t offset = 0;
  uint32_t size = 0;
};

struct FuncType {
  uint32_t first = 0;  // index into ModuleData::type_pool: params then results
  uint32_t param_count = 0;
  uint32_t result_count = 0;
};

struct Import {
  std::string_view module;
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  uint32_t func_type = 0;  // kind == Func: type index
  TableType table;
  MemoryType memory;
  GlobalType global;
};

struct Export {
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;
};

// A module-defined global (imported globals are only in `imports` and `global_types`).
struct GlobalDef {
  GlobalType type;
  ConstExpr init;
};

enum class SegmentMode : uint8_t { Active, Passive, Declarative };

// One element item: a function index (legacy encoding, expr.size == 0) or a constant expression.
struct ElemItem {
  uint32_t func_index = 0;
  ConstExpr expr;
};

struct ElemSegment {
  SegmentMode mode = SegmentMode::Active;
  uint32_t table = 0;
  ConstExpr offset;  // active only
  ValType type = ValType::FuncRef;
  Vec<ElemItem> items;
};
// Its members are trivially copyable or arrays: it moves by its bytes.
template <>
struct VecRelocatable<ElemSegment> : std::true_type {};

struct DataSegment {
  SegmentMode mode = SegmentMode::Active;  // never Declarative
  uint32_t memory = 0;
  ConstExpr offset;          // active only
  uint32_t data_offset = 0;  // bytes in the module
  uint32_t data_size = 0;
};

// Consecutive locals of one type.
struct LocalRun {
  uint32_t count = 0;
  ValType type = ValType::I32;
};

// A module-defined function's code.
struct FunctionBody {
  uint32_t type_index = 0;
  uint32_t body_offset = 0;  // start of the body (its locals vector), after the size LEB
  uint32_t body_size = 0;
  uint32_t code_offset = 0;  // first instruction, after the locals
  uint32_t local_first = 0;  // into ModuleData::local_runs
  uint32_t local_run_count = 0;
  uint32_t local_count = 0;  // declared locals, params excluded
  uint32_t max_stack = 0;    // set by the validator: deepest operand stack, in slots
  uint32_t max_control = 0;  // set by the validator: deepest block nesting
  // Set once by the compiler, at load or (lazy compilation) on the first call in any store;
  // published atomically because stores on several threads may compile the same body at once.
  mutable OncePtr<CompiledFunction> compiled;
};

struct NameEntry {
  uint32_t index = 0;
  std::string_view name;
};

// The part of the host's Config a module keeps: what loading and compiling it read. Not the whole
// Config (80 bytes on a Cortex-M3), since every loaded module holds one on the heap.
struct ModuleConfig {
  explicit ModuleConfig(const Config& c) noexcept
      : max_compiled_bytes(c.max_compiled_bytes),
        max_functions(c.max_functions),
        max_locals(c.max_locals),
        max_const_expr_depth(c.max_const_expr_depth),
        metered(c.metered || c.fuel != 0) {
#if EMBER_JOBS
    executor = c.executor;
#endif
  }
#if EMBER_JOBS
  Executor executor;  // runs the bodies' validation as jobs, if the host gave one (see body_jobs.cpp)
#endif
  std::size_t max_compiled_bytes;
  uint32_t max_functions;
  uint32_t max_locals;
  uint32_t max_const_expr_depth;
  bool metered;  // Config::metered, or fuel given
};

// Shared by the Module handle(s) and every Instance made from it, each holding one reference
// (see retain_module / release_module). Written only while loading; afterwards immutable, except
// for the reference count and each body's once-published compiled code.
struct ModuleData {
  mutable RefCount refs;  // starts at one: the reference of the Module that load() returns
  // `heap` already holds this object's own block (see Module::load).
  ModuleData(const Config& c, const Heap& h) noexcept;
  // A module in the process default heap (tests build ModuleData directly).
  ModuleData() noexcept : ModuleData(Config{}, default_heap()) {}

  ModuleConfig config;
  // Whether compiled code has the fuel and interrupt checks (Config::metered, Config::fuel).
  bool metered() const noexcept { return config.metered; }
  // Everything below allocates here; mutable because lazy compilation adds code to a const module.
  mutable Heap heap;
  // Bytes of compiled code published so far (Config::max_compiled_bytes caps it); lazy compiles
  // on several threads add to it.
  mutable RelaxedAtomic<std::size_t> compiled_bytes{0};

  // The module bytes: `bytes` points either at `owned_bytes` or at the caller's buffer.
  Vec<uint8_t> owned_bytes;
  const uint8_t* bytes = nullptr;
  uint32_t size = 0;

  Vec<FuncType> types;
  Vec<ValType> type_pool;

  Vec<Import> imports;
  uint32_t imported_funcs = 0, imported_tables = 0, imported_memories = 0, imported_globals = 0;

  // Index spaces, imports first.
  Vec<uint32_t> func_types;  // type index of every function
  Vec<TableType> tables;
  Vec<MemoryType> memories;
  Vec<GlobalType> global_types;

  Vec<GlobalDef> globals;  // defined globals only (index - imported_globals)
  Vec<Export> exports;
  bool has_start = false;
  uint32_t start = 0;
  Vec<ElemSegment> elems;
  Vec<DataSegment> datas;
  bool has_data_count = false;
  uint32_t data_count = 0;
  Vec<FunctionBody> bodies;  // defined functions only (index - imported_funcs)
  Vec<LocalRun> local_runs;
  uint32_t code_section_size = 0;
  uint32_t max_const_depth = 0;  // set by the validator: deepest stack of any constant expression

  Vec<NameEntry> func_names;  // from the `name` section, sorted by index
  std::string_view module_name;

  // Functions that may be referenced by ref.func in bodies (C.refs): set by the decoder from
  // exports, element segments and global initialisers... computed by the validator.
  Vec<uint8_t> declared_refs;

  ~ModuleData();

  FuncTypeView type_view(uint32_t type_index) const noexcept {
    const FuncType& t = types[type_index];
    FuncTypeView v;
    v.params = type_pool.data() + t.first;
    v.param_count = t.param_count;
    v.results = v.params + t.param_count;
    v.result_count = t.result_count;
    return v;
  }
  FuncTypeView func_type_view(uint32_t func_index) const noexcept {
    return type_view(func_types[func_index]);
  }
  uint32_t func_count() const noexcept { return uint32_t(func_types.size()); }
};

// Takes one more reference to `m`.
void retain_module(const ModuleData& m) noexcept;
// Drops one reference; the last one destroys and frees the module data. Null is ignored.
void release_module(const ModuleData* m) noexcept;

}  // namespace ember::detail
