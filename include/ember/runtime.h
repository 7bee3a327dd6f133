// Ember: runtime objects (functions, memories, tables, globals), instances, the store and the linker.
//
// A Store owns every object created in it and frees them all when it is destroyed. It also owns the
// value stack that wasm frames live on, so one store runs one call at a time (host functions may call
// back into the same store: re-entrant calls nest on that stack).
//
// Lifetimes: every Instance, Function, Memory, Table and Global lives exactly as long as the Store
// it was created in, whatever happens to the Module: each Instance keeps its Module alive (see
// module.h), so the Module may be destroyed first. An instantiation that fails after its instance
// was created (a segment out of bounds, a trapping start function) still leaves that instance in
// the store, since segments already written may refer to its functions; it too lives until the
// store is destroyed. Objects of one store must not be passed to another (as imports, in tables,
// or to call()).
//
// Threads: a Store, and everything created in it, belongs to one thread at a time. Different
// stores may run on different threads concurrently, also when they share Modules; a store may
// move between threads if the host synchronises the hand-over. Nothing here may be used by two
// threads at once, and host functions run on the calling thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ember/config.h"
#include "ember/error.h"
#include "ember/module.h"
#include "ember/types.h"

namespace ember {

class Store;
class Instance;
class Memory;
class Caller;
class InterruptHandle;

namespace detail {
struct StoreState;
struct LinkerState;
StoreState* store_state(const Store& store) noexcept;  // the engine's way behind the handle

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

// The runtime classes below are handles: the engine creates the objects, the host holds pointers
// to them and calls their methods, and their layout is not part of the API. None can be created,
// copied or destroyed by the host except Store and Linker.

// A host function. Arguments arrive in slots[0..param_count) and results go to slots[0..result_count)
// (v128 takes two slots). i32/f32 live in the low 32 bits of a slot, references as pointer bits.
// Return TrapKind::None on success; otherwise use caller.trap() / caller.exit() to return a status.
// A raw callback must not throw: the engine is built without exceptions, so an exception escaping
// it ends the process (typed functions made by Store::create_function catch them).
using HostCallback = TrapKind (*)(Caller& caller, void* user, uint64_t* slots);

// A function: wasm code of an instance, or a host callback.
class Function {
 public:
  FuncTypeView type() const noexcept;
  bool is_host() const noexcept;

 protected:
  Function() noexcept = default;
  ~Function() = default;
  Function(const Function&) = delete;
  Function& operator=(const Function&) = delete;
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

  uint8_t* data() noexcept;
  const uint8_t* data() const noexcept;
  uint64_t size() const noexcept;  // bytes
  uint64_t pages() const noexcept { return size() / kPageSize; }
  MemoryType type() const noexcept;
  // True if [offset, offset+len) lies inside the memory (no overflow: offset + len may exceed 2^64).
  [[nodiscard]] bool in_bounds(uint64_t offset, uint64_t len) const noexcept {
    uint64_t n = size();
    return offset <= n && len <= n - offset;
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

 protected:
  Memory() noexcept = default;
  ~Memory() = default;
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;
};

// A table of references (funcref: Function*, externref: host pointer; null is nullptr).
class Table {
 public:
  ValType elem_type() const noexcept;
  uint32_t size() const noexcept;
  TableType type() const noexcept;
  [[nodiscard]] bool get(uint32_t index, Value* out) const noexcept;
  [[nodiscard]] bool set(uint32_t index, const Value& v) noexcept;
  // Grows by `delta` filled with `init`; returns the old size, or -1 on failure.
  [[nodiscard]] int64_t grow(uint32_t delta, void* init) noexcept;

 protected:
  Table() noexcept = default;
  ~Table() = default;
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
};

// A global variable.
class Global {
 public:
  GlobalType type() const noexcept;
  Value get() const noexcept;
  // Fails if the global is immutable or the type differs.
  [[nodiscard]] bool set(const Value& v) noexcept;

 protected:
  Global() noexcept = default;
  ~Global() = default;
  Global(const Global&) = delete;
  Global& operator=(const Global&) = delete;
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

// An instantiated module. Owned by its Store; holds a reference to its module, released when the
// store is destroyed.
class Instance {
 public:
  // Looks up an export by name; a null Extern if absent.
  [[nodiscard]] Extern find_export(std::string_view name) const noexcept;
  [[nodiscard]] Function* function(std::string_view export_name) const noexcept;
  [[nodiscard]] Memory* memory(std::string_view export_name) const noexcept;
  [[nodiscard]] Table* table(std::string_view export_name) const noexcept;
  [[nodiscard]] Global* global(std::string_view export_name) const noexcept;
  // The instance's memory 0 (imported or defined), or nullptr.
  Memory* default_memory() const noexcept;
  // The module it was instantiated from (for names, exports, types); valid as long as the instance.
  const Module& module() const noexcept;
  Store& store() const noexcept;

 protected:
  Instance() noexcept = default;
  ~Instance() = default;
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
};

// What a host function sees of its caller. Valid only during the host call.
class Caller {
 public:
  Store& store() noexcept;
  // The calling wasm instance (nullptr when the host called the function directly).
  Instance* instance() noexcept;
  // The calling instance's memory 0, or nullptr.
  Memory* memory() noexcept;
  // Make the call trap with a message (static storage, or at least until the call returns), which
  // becomes the Error's detail (the Error: kind Trap, trap HostTrap). Returns the status to return.
  TrapKind trap(const char* message) noexcept;
  // End the program with an exit code (WASI proc_exit). Returns the status to return. The call
  // then fails with an Error of kind ErrorKind::Exit (not a trap) whose exit_code is `code`.
  TrapKind exit(int32_t code) noexcept;
  // What trap() or exit() set; TrapKind::None otherwise.
  TrapKind status() const noexcept;
  // Charges the store's fuel (Config::fuel) for the work this host function did, on top of the
  // one unit every host call costs: e.g. one unit per started 256 bytes it copied, as bulk memory
  // operations pay (the WASI layer charges so for every byte it moves). Takes `units` from the
  // budget, down to 0 at most; an emptied budget stops the running call with TrapKind::OutOfFuel at
  // its next check after this function returns (resumable there: this function does not run
  // again). Returns whether the budget covered all of it; always true in a store without one.
  bool consume_fuel(uint64_t units) noexcept;

 protected:
  Caller() noexcept = default;
  ~Caller() = default;
  Caller(const Caller&) = delete;
  Caller& operator=(const Caller&) = delete;
};

// Stops a store's running call from anywhere: another thread, a signal handler, an ISR. It is
// the one object of a store that may be used concurrently with it. Valid as long as the store.
// Running code sees the request at its next check: a loop back-edge or function entry in metered
// code (Config::metered or Config::fuel at load), a host call, or a chunk of a bulk memory or
// table operation. The call then stops with TrapKind::Interrupted and may be resumed like one
// out of fuel (Store::resume). A request made while nothing runs stops the next call at its
// first check; each request stops one call.
class InterruptHandle {
 public:
  void interrupt() noexcept;
  // Whether a request is waiting to be seen (host functions that block, such as a WASI sleep,
  // poll this to return early).
  bool pending() const noexcept;

 protected:
  InterruptHandle() noexcept = default;
  ~InterruptHandle() = default;
  InterruptHandle(const InterruptHandle&) = delete;
  InterruptHandle& operator=(const InterruptHandle&) = delete;
};

// One frame of a trap's backtrace.
struct BacktraceFrame {
  const Instance* instance = nullptr;
  uint32_t func_index = 0;  // in the instance's module
  uint32_t offset = 0;      // byte offset of the instruction in the module binary
};

class Store {
 public:
  // Allocates the store's state and stacks through config.allocator. If that fails the store
  // still exists: every call and instantiate reports ErrorKind::OutOfMemory (and retries).
  explicit Store(const Config& config = Config{}) noexcept;
  // Frees every object created in the store and drops its instances' module references.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const Config& config() const noexcept { return config_; }

  // Instantiates `module` with imports given in the module's import order. Runs the start function.
  // The instance (valid until the store is destroyed) keeps the module alive. An empty
  // (moved-from) module is ErrorKind::BadArgument.
  [[nodiscard]] Result<Instance*> instantiate(const Module& module, const Extern* imports,
                                              std::size_t import_count) noexcept;

  // Host objects; nullptr when out of memory (or, for memories and tables, over a Config limit).
  [[nodiscard]] Function* create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept;
  [[nodiscard]] Memory* create_memory(const MemoryType& type) noexcept;
  [[nodiscard]] Table* create_table(const TableType& type, void* init = nullptr) noexcept;
  [[nodiscard]] Global* create_global(const GlobalType& type, const Value& init) noexcept;

  // `size` bytes of host data owned by the store (from its allocator): `drop`, if given, runs on
  // it when the store is destroyed, then it is freed. nullptr when out of memory.
  [[nodiscard]] void* allocate_host_data(std::size_t size, void (*drop)(void* data)) noexcept;

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

  // Bytes this store holds through its allocator (Config::allocator): instances, linear memories,
  // tables, globals, host functions and the execution stacks.
  std::size_t memory_used() const noexcept;

  // Remaining fuel when Config::fuel is set (see Config::fuel for what a unit buys).
  [[nodiscard]] uint64_t fuel() const noexcept;
  void set_fuel(uint64_t fuel) noexcept;

  // The store's interrupt handle; nullptr only if the store could not allocate its state.
  [[nodiscard]] InterruptHandle* interrupt_handle() noexcept;

  // Suspended calls. A call() that stops with TrapKind::OutOfFuel or TrapKind::Interrupted at a
  // check of metered code, a host call or a bulk-operation chunk keeps its frames: suspended() is
  // then true, and resume() continues it exactly where it stopped (add fuel first), as if it had
  // never stopped. A stop inside wasm that a host function called (re-entry) or inside a start
  // function (instantiate) is not resumable: it is an ordinary trap. A bulk operation stopped
  // part-way has done part of its work; abandoning it leaves that part done.
  [[nodiscard]] bool suspended() const noexcept;
  // Continues the suspended call; `results` as for the call() that was suspended. It may stop
  // and be suspended again. Nothing suspended: ErrorKind::BadArgument.
  [[nodiscard]] Error resume(Value* results, std::size_t result_count) noexcept;
  // Drops the suspended call, if any; the store and its instances stay usable. A new call() or
  // instantiate() abandons a suspended call too.
  void abandon() noexcept;

 private:
  friend detail::StoreState* detail::store_state(const Store& store) noexcept;
  Error prepare_state() noexcept;  // allocates the state if an earlier attempt failed
  Error call_unprepared(Function* func, const Value* args, std::size_t arg_count, Value* results,
                        std::size_t result_count) noexcept;  // call() when prepare_state() has not succeeded
  Config config_;
  detail::StoreState* state_ = nullptr;
};

// Resolves imports by (module, name) and instantiates. Its definitions refer to objects of stores
// that must outlive its use; it allocates from the process default allocator.
class Linker {
 public:
  Linker() noexcept = default;
  ~Linker();
  Linker(const Linker&) = delete;
  Linker& operator=(const Linker&) = delete;
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
  detail::LinkerState* state_ = nullptr;
  bool out_of_memory_ = false;  // a define() failed to allocate
};

}  // namespace ember

#include "ember/detail/host_binding.h"
#include "ember/detail/typed_call.h"
