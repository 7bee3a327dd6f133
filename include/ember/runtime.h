// Ember: runtime objects (functions, memories, tables, globals), instances, the store and the linker.
//
// A Store owns every object created in it and frees them all when it is destroyed. It also owns the
// value stack that wasm frames live on, so one store runs one call at a time (host functions may call
// back into the same store: re-entrant calls nest on that stack).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "ember/config.h"
#include "ember/detail/vec.h"
#include "ember/error.h"
#include "ember/module.h"
#include "ember/types.h"

namespace ember {

class Store;
class Instance;
class Memory;
class Caller;

namespace detail {
struct ExecState;
struct CompiledFunction;
struct HostThunk;

// Whether the including code has exceptions (then typed host bindings catch what they throw). The
// core itself never does; this only shapes the templates instantiated in the host's code.
#if defined(__cpp_exceptions) || defined(_CPPUNWIND)
#define EMBER_DETAIL_HOST_EXCEPTIONS 1
constexpr bool kHostExceptions = true;
#else
#define EMBER_DETAIL_HOST_EXCEPTIONS 0
constexpr bool kHostExceptions = false;
#endif
}  // namespace detail

// A host function. Arguments arrive in slots[0..param_count) and results go to slots[0..result_count)
// (v128 takes two slots). i32/f32 live in the low 32 bits of a slot, references as pointer bits.
// Return TrapKind::None on success; otherwise use caller.trap() / caller.exit() to return a status.
// A raw callback must not throw: it is called from the engine's -fno-exceptions code, so an
// exception escaping it ends the process. (Typed bindings, Store::create_function, catch for you.)
using HostCallback = TrapKind (*)(Caller& caller, void* user, uint64_t* slots);

// A function: wasm code of an instance, or a host callback.
class Function {
 public:
  FuncTypeView type() const noexcept { return type_; }
  bool is_host() const noexcept { return host_ != nullptr; }

  // --- implementation detail (the engine reads these directly) ---
  FuncTypeView type_;
  uint32_t type_id_ = 0;       // canonical signature id within the store (call_indirect check)
  uint32_t index_ = 0;         // function index within its module
  Instance* instance_ = nullptr;  // defining instance (nullptr for host functions)
  detail::CompiledFunction* code_ = nullptr;  // wasm only
  HostCallback host_ = nullptr;
  void* host_user_ = nullptr;
};

// A bounds-checked window into a linear memory, for the (pointer, length) arguments of a host
// function. Valid only until the memory grows or wasm runs again (the base may move): take it, use
// it, drop it. A request outside the memory gives an invalid view: ok() false, data() nullptr,
// size() 0.
class MemoryView {
 public:
  MemoryView() noexcept = default;
  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  uint8_t* data() const noexcept { return data_; }
  uint64_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  // The bytes as text: not NUL-terminated, not checked for UTF-8.
  std::string_view str() const noexcept {
    return std::string_view(reinterpret_cast<const char*>(data_), std::size_t(size_));
  }

 private:
  friend class Memory;
  MemoryView(uint8_t* data, uint64_t size) noexcept : data_(data), size_(size), ok_(true) {}
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  bool ok_ = false;
};

// A linear memory. The base pointer changes when the memory grows: re-fetch data() after any call
// into wasm or any grow().
class Memory {
 public:
  static constexpr uint64_t kPageSize = 65536;

  uint8_t* data() noexcept { return data_; }
  const uint8_t* data() const noexcept { return data_; }
  uint64_t size() const noexcept { return size_; }
  uint64_t pages() const noexcept { return size_ / kPageSize; }
  MemoryType type() const noexcept;
  // True if [offset, offset+len) lies inside the memory (no overflow: offset + len may exceed 2^64).
  [[nodiscard]] bool in_bounds(uint64_t offset, uint64_t len) const noexcept {
    return offset <= size_ && len <= size_ - offset;
  }
  // Bounds-checked copies; false (and nothing copied) when out of bounds.
  [[nodiscard]] bool read(uint64_t offset, void* out, std::size_t len) const noexcept;
  [[nodiscard]] bool write(uint64_t offset, const void* in, std::size_t len) noexcept;
  // The bytes [offset, offset+len) in place, or an invalid view if any of them is outside the
  // memory (offset + len wrapping around counts as outside). See MemoryView for how long it lives.
  //   MemoryView buf = memory->view(ptr, len);
  //   if (!buf) return caller.trap("buffer outside guest memory");
  [[nodiscard]] MemoryView view(uint64_t offset, uint64_t len) noexcept;
  // A guest string (pointer, length) as a string_view into the memory, under the same rules as
  // view(); false and an empty *out when out of bounds.
  [[nodiscard]] bool read_string(uint64_t offset, uint64_t len, std::string_view* out) const noexcept;
  // Grows by `delta` pages; returns the old page count, or -1 if over the maximum or out of memory.
  [[nodiscard]] int64_t grow(uint64_t delta) noexcept;

  ~Memory();

  // --- implementation detail ---
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  uint64_t max_pages_ = 0;  // effective cap: min(type max, host limit)
  Limits limits_;           // as declared (max updated when imported types are checked)
};

// A table of references (funcref: Function*, externref: host pointer; null is nullptr).
class Table {
 public:
  ValType elem_type() const noexcept { return elem_; }
  uint32_t size() const noexcept { return uint32_t(elements_.size()); }
  TableType type() const noexcept;
  [[nodiscard]] bool get(uint32_t index, Value* out) const noexcept;
  [[nodiscard]] bool set(uint32_t index, const Value& v) noexcept;
  // Grows by `delta` filled with `init`; returns the old size, or -1 on failure.
  [[nodiscard]] int64_t grow(uint32_t delta, void* init) noexcept;

  // --- implementation detail ---
  ValType elem_ = ValType::FuncRef;
  detail::Vec<void*> elements_;
  uint64_t max_ = 0;  // effective cap
  Limits limits_;
};

// A global variable.
class Global {
 public:
  GlobalType type() const noexcept { return type_; }
  Value get() const noexcept;
  // Fails if the global is immutable or the type differs.
  [[nodiscard]] bool set(const Value& v) noexcept;

  // --- implementation detail ---
  GlobalType type_;
  uint64_t value_[2] = {0, 0};  // slot encoding; v128 uses both
};

// An importable / exportable entity.
struct Extern {
  ExternKind kind = ExternKind::Func;
  union {
    Function* func;
    Table* table;
    Memory* memory;
    Global* global;
    void* ptr;
  };
  Extern() noexcept : ptr(nullptr) {}
  Extern(Function* f) noexcept : kind(ExternKind::Func), func(f) {}
  Extern(Table* t) noexcept : kind(ExternKind::Table), table(t) {}
  Extern(Memory* m) noexcept : kind(ExternKind::Memory), memory(m) {}
  Extern(Global* g) noexcept : kind(ExternKind::Global), global(g) {}
  explicit operator bool() const noexcept { return ptr != nullptr; }
};

// An instantiated module.
class Instance {
 public:
  // Looks up an export by name; a null Extern if absent.
  [[nodiscard]] Extern find_export(std::string_view name) const noexcept;
  [[nodiscard]] Function* function(std::string_view export_name) const noexcept;
  [[nodiscard]] Memory* memory(std::string_view export_name) const noexcept;
  [[nodiscard]] Table* table(std::string_view export_name) const noexcept;
  [[nodiscard]] Global* global(std::string_view export_name) const noexcept;
  // The instance's memory 0 (imported or defined), or nullptr.
  Memory* default_memory() const noexcept { return memories_.empty() ? nullptr : memories_[0]; }
  const detail::ModuleData& module() const noexcept { return *module_; }
  Store& store() const noexcept { return *store_; }

  // --- implementation detail ---
  const detail::ModuleData* module_ = nullptr;
  Store* store_ = nullptr;
  detail::Vec<Function*> funcs_;
  detail::Vec<Table*> tables_;
  detail::Vec<Memory*> memories_;
  detail::Vec<Global*> globals_;
  detail::Vec<uint32_t> type_ids_;                // canonical id of each module type
  detail::Vec<detail::Vec<void*>> elem_segments_;  // evaluated references; emptied by elem.drop
  detail::Vec<uint8_t> data_dropped_;              // per data segment
};

// What a host function sees of its caller.
class Caller {
 public:
  Store& store() noexcept { return *store_; }
  // The calling wasm instance (nullptr when the host called the function directly).
  Instance* instance() noexcept { return instance_; }
  // The calling instance's memory 0, or nullptr.
  Memory* memory() noexcept { return instance_ ? instance_->default_memory() : nullptr; }
  // Make the call trap with a message (static storage), which becomes the Error's detail (the
  // Error: kind Trap, trap HostTrap). Returns the status to return.
  TrapKind trap(const char* message) noexcept {
    message_ = message;
    return status_ = TrapKind::HostTrap;
  }
  // End the program with an exit code (WASI proc_exit). Returns the status to return. The call
  // then fails with an Error of kind ErrorKind::Exit (not a trap) whose exit_code is `code`.
  TrapKind exit(int32_t code) noexcept {
    exit_code_ = code;
    return status_ = TrapKind::Exit;
  }

  // --- implementation detail ---
  Store* store_ = nullptr;
  Instance* instance_ = nullptr;
  const char* message_ = nullptr;
  int32_t exit_code_ = 0;
  TrapKind status_ = TrapKind::None;  // set by trap() / exit(); typed bindings return it
};

// One frame of a trap's backtrace.
struct BacktraceFrame {
  const Instance* instance = nullptr;
  uint32_t func_index = 0;   // in the instance's module
  uint32_t offset = 0;       // byte offset of the instruction in the module binary
};

class Store {
 public:
  explicit Store(const Config& config = Config{}) noexcept;
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const Config& config() const noexcept { return config_; }

  // Instantiates `module` with imports given in the module's import order. Runs the start function.
  [[nodiscard]] Result<Instance*> instantiate(const Module& module, const Extern* imports, std::size_t import_count) noexcept;

  // Host objects; nullptr when over a Config limit or out of memory.
  [[nodiscard]] Function* create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept;
  [[nodiscard]] Memory* create_memory(const MemoryType& type) noexcept;
  [[nodiscard]] Table* create_table(const TableType& type, void* init = nullptr) noexcept;
  [[nodiscard]] Global* create_global(const GlobalType& type, const Value& init) noexcept;

  // Calls a function. Argument types are checked; `results` receives result_count values. A
  // program that exits (proc_exit) returns ErrorKind::Exit with its exit_code.
  [[nodiscard]] Error call(Function* func, const Value* args, std::size_t arg_count, Value* results,
                           std::size_t result_count) noexcept;

  // Typed call: the signature comes from the C++ types, R (void or one result) and Args, each
  // int32_t, uint32_t, int64_t, uint64_t, float or double. It is checked against the function's
  // type at call time: a difference is a BadArgument error naming it and both signatures.
  //   Result<int64_t> r = store.call<int64_t>(fn, int64_t(40), int64_t(2));
  //   Result<void> v = store.call<void>(init);
  // (ember/detail/typed_call.h)
  template <class R, class... Args>
  [[nodiscard]] Result<R> call(Function* func, Args... args) noexcept;

  // Binds a C++ callable with a signature built from int32_t, uint32_t, int64_t, uint64_t, float,
  // double (and an optional leading `Caller&`); the result is void or one of those types. Where the
  // including code is compiled with exceptions, anything the callable throws becomes a HostTrap
  // with message "host function threw an exception" (what() in the detail for a std::exception).
  // `Catch` is that choice; leave it defaulted (it keeps both variants apart at link time).
  template <class F, bool Catch = detail::kHostExceptions>
  [[nodiscard]] Function* create_function(F fn) noexcept;

  // Frames of the most recent trap, innermost first; returns how many were written (at most `max`).
  [[nodiscard]] uint32_t backtrace(BacktraceFrame* out, uint32_t max) const noexcept;

  // Remaining fuel when Config::fuel is set.
  [[nodiscard]] uint64_t fuel() const noexcept;
  void set_fuel(uint64_t fuel) noexcept;

  // --- implementation detail ---
  uint32_t intern_type(FuncTypeView type) noexcept;  // canonical signature id
  Config config_;
  detail::ExecState* exec_ = nullptr;
  detail::Vec<Instance*> instances_;
  detail::Vec<Function*> functions_;  // host functions, one allocation each
  detail::Vec<void*> function_blocks_;  // an instance's wasm functions, one allocation per instance
  detail::Vec<Memory*> memories_;
  detail::Vec<Table*> tables_;
  detail::Vec<Global*> globals_;
  detail::Vec<detail::HostThunk*> thunks_;
  detail::Vec<detail::Vec<ValType>> type_pool_;  // interned signatures: params then results
  detail::Vec<uint32_t> type_param_counts_;
  detail::Vec<BacktraceFrame> backtrace_;
};

// Resolves imports by (module, name) and instantiates.
class Linker {
 public:
  Linker() noexcept = default;
  // Defines one import; a later definition of the same name replaces an earlier one. False if it
  // could not be stored (out of memory).
  [[nodiscard]] bool define(std::string_view module, std::string_view name, const Extern& value) noexcept;
  // Defines every export of `instance` under module name `module`; false if out of memory.
  [[nodiscard]] bool define_instance(std::string_view module, const Instance& instance) noexcept;
  // Finds a definition, or a null Extern.
  [[nodiscard]] Extern find(std::string_view module, std::string_view name) const noexcept;
  // Resolves the module's imports (unknown import / incompatible import type) and instantiates.
  [[nodiscard]] Result<Instance*> instantiate(Store& store, const Module& module) const noexcept;

 private:
  struct Entry {
    uint32_t module_offset, module_len, name_offset, name_len;
    Extern value;
  };
  detail::Vec<char> names_;
  detail::Vec<Entry> entries_;
};

}  // namespace ember

#include "ember/detail/host_binding.h"
#include "ember/detail/typed_call.h"
