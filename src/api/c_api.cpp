// Ember: the C API (include/ember.h) over the C++ one.
//
// Only the public methods of the C++ classes are used, so the runtime's layout stays free to
// change. Modules, stores and linkers are small wrappers allocated through the engine's allocator;
// every store-owned object (instance, function, memory, table, global) is handed out as the C++
// object's own address, so a handle is stable, needs no allocation and a funcref round-trips.
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

#include "api/c_api_bridge.h"
#include "ember.h"
#include "ember/detail/heap.h"
#include "ember/ember.h"
#include "runtime/value_slots.h"

using ember::BacktraceFrame;
using ember::BytesOwnership;
using ember::Caller;
using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::Extern;
using ember::ExternKind;
using ember::Function;
using ember::FuncTypeView;
using ember::Global;
using ember::GlobalType;
using ember::Instance;
using ember::Linker;
using ember::Memory;
using ember::MemoryType;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::Table;
using ember::TableType;
using ember::TrapKind;
using ember::ValType;
using ember::Value;

// --- the C enums mirror the C++ ones number for number -------------------------------------

#define EMBER_SAME(c, cpp) static_assert(int(c) == int(cpp), #c " must equal " #cpp)
EMBER_SAME(EMBER_ERROR_OK, ErrorKind::Ok);
EMBER_SAME(EMBER_ERROR_MALFORMED, ErrorKind::Malformed);
EMBER_SAME(EMBER_ERROR_INVALID, ErrorKind::Invalid);
EMBER_SAME(EMBER_ERROR_UNLINKABLE, ErrorKind::Unlinkable);
EMBER_SAME(EMBER_ERROR_TRAP, ErrorKind::Trap);
EMBER_SAME(EMBER_ERROR_LIMIT, ErrorKind::Limit);
EMBER_SAME(EMBER_ERROR_OUT_OF_MEMORY, ErrorKind::OutOfMemory);
EMBER_SAME(EMBER_ERROR_BAD_ARGUMENT, ErrorKind::BadArgument);
EMBER_SAME(EMBER_ERROR_UNSUPPORTED, ErrorKind::Unsupported);
EMBER_SAME(EMBER_ERROR_EXIT, ErrorKind::Exit);
EMBER_SAME(EMBER_TRAP_NONE, TrapKind::None);
EMBER_SAME(EMBER_TRAP_UNREACHABLE, TrapKind::Unreachable);
EMBER_SAME(EMBER_TRAP_INTEGER_DIVIDE_BY_ZERO, TrapKind::IntegerDivideByZero);
EMBER_SAME(EMBER_TRAP_INTEGER_OVERFLOW, TrapKind::IntegerOverflow);
EMBER_SAME(EMBER_TRAP_INVALID_CONVERSION_TO_INTEGER, TrapKind::InvalidConversionToInteger);
EMBER_SAME(EMBER_TRAP_OUT_OF_BOUNDS_MEMORY_ACCESS, TrapKind::OutOfBoundsMemoryAccess);
EMBER_SAME(EMBER_TRAP_OUT_OF_BOUNDS_TABLE_ACCESS, TrapKind::OutOfBoundsTableAccess);
EMBER_SAME(EMBER_TRAP_UNDEFINED_ELEMENT, TrapKind::UndefinedElement);
EMBER_SAME(EMBER_TRAP_UNINITIALIZED_ELEMENT, TrapKind::UninitializedElement);
EMBER_SAME(EMBER_TRAP_INDIRECT_CALL_TYPE_MISMATCH, TrapKind::IndirectCallTypeMismatch);
EMBER_SAME(EMBER_TRAP_CALL_STACK_EXHAUSTED, TrapKind::CallStackExhausted);
EMBER_SAME(EMBER_TRAP_HOST, TrapKind::HostTrap);
EMBER_SAME(EMBER_TRAP_EXIT, TrapKind::Exit);
EMBER_SAME(EMBER_TRAP_OUT_OF_FUEL, TrapKind::OutOfFuel);
EMBER_SAME(EMBER_TRAP_INTERRUPTED, TrapKind::Interrupted);
EMBER_SAME(EMBER_EXTERN_FUNC, ExternKind::Func);
EMBER_SAME(EMBER_EXTERN_TABLE, ExternKind::Table);
EMBER_SAME(EMBER_EXTERN_MEMORY, ExternKind::Memory);
EMBER_SAME(EMBER_EXTERN_GLOBAL, ExternKind::Global);
EMBER_SAME(EMBER_NO_INDEX, Error::kNoIndex);
#undef EMBER_SAME
// An ember_valtype is a ValType's bits().
#define EMBER_SAME_TYPE(c, cpp) static_assert((c) == (cpp).bits(), #c " must be the bits of " #cpp)
EMBER_SAME_TYPE(EMBER_I32, ValType::I32);
EMBER_SAME_TYPE(EMBER_I64, ValType::I64);
EMBER_SAME_TYPE(EMBER_F32, ValType::F32);
EMBER_SAME_TYPE(EMBER_F64, ValType::F64);
EMBER_SAME_TYPE(EMBER_V128, ValType::V128);
EMBER_SAME_TYPE(EMBER_FUNCREF, ValType::FuncRef);
EMBER_SAME_TYPE(EMBER_EXTERNREF, ValType::ExternRef);
#undef EMBER_SAME_TYPE
// Module and function type arrays are handed out (and host signatures taken) as ember_valtype
// arrays: ValType is one uint32_t, its bits, and nothing else.
static_assert(sizeof(ember_valtype) == sizeof(ValType) && alignof(ember_valtype) == alignof(ValType),
              "ember_valtype must alias ValType");
static_assert(std::is_standard_layout<ValType>::value && std::is_trivially_copyable<ValType>::value,
              "ValType must be its bits");
// The last trap kind the C enum knows; a host function returning anything above it is a bug.
constexpr int kLastTrap = EMBER_TRAP_INTERRUPTED;

// --- wrappers ----------------------------------------------------------------------------------

// Named, not anonymous: ember_store holds a HostFuncList, and a type with internal linkage inside a
// struct with external linkage is what GCC warns of (-Wsubobject-linkage) when this file is part
// of a unity build (CMAKE_UNITY_BUILD, as in most CI stages).
namespace ember::capi {

// One host function created through the C API: what its trampoline needs.
struct HostFunc {
  HostFunc* next = nullptr;  // the store's list, freed with the store
  ember_store* store = nullptr;
  Function* func = nullptr;  // its signature (Function::type)
  ember_host_func callback = nullptr;
  void* user = nullptr;
};

template <class T, class... Args>
T* make(Args&&... args) noexcept {
  void* mem = ember::detail::default_heap().alloc(sizeof(T));
  return mem ? new (mem) T{static_cast<Args&&>(args)...} : nullptr;
}

template <class T>
void destroy(T* p) noexcept {
  if (!p) return;
  p->~T();
  ember::detail::default_heap().free(p, sizeof(T));
}

}  // namespace ember::capi

using ember::capi::destroy;
using ember::capi::HostFunc;
using ember::capi::make;

struct ember_module {
  Module module;
};

namespace ember::capi {
// The host functions of one store, freed after the store (see ember_store's member order).
struct HostFuncList {
  HostFuncList() noexcept = default;
  HostFuncList(const HostFuncList&) = delete;
  HostFuncList& operator=(const HostFuncList&) = delete;
  ~HostFuncList() {
    while (head) {
      HostFunc* next = head->next;
      destroy(head);
      head = next;
    }
  }
  HostFunc* head = nullptr;
};
}  // namespace ember::capi

using ember::capi::HostFuncList;

struct ember_store {
  explicit ember_store(const Config& config) noexcept : store(config) {}
  HostFuncList host_funcs;  // declared first, so destroyed after the store
  Store store;
  // A host trap's message, copied here when its host function returns (Caller::trap keeps a
  // pointer, and the engine copies the text before anything else can run in this store).
  char trap_message[EMBER_ERROR_DETAIL_SIZE] = {0};
};

struct ember_linker {
  Linker linker;
};

// Lives on the trampoline's stack for one host call.
struct ember_caller {
  Caller* caller = nullptr;
  ember_store* store = nullptr;
  bool has_message = false;
  char message[EMBER_ERROR_DETAIL_SIZE] = {0};
  int32_t exit_code = 0;
};

namespace {

// Store-owned objects are their C++ objects.
Function* cpp(ember_func* f) noexcept { return reinterpret_cast<Function*>(f); }
const Function* cpp(const ember_func* f) noexcept { return reinterpret_cast<const Function*>(f); }
Memory* cpp(ember_memory* m) noexcept { return reinterpret_cast<Memory*>(m); }
const Memory* cpp(const ember_memory* m) noexcept { return reinterpret_cast<const Memory*>(m); }
Table* cpp(ember_table* t) noexcept { return reinterpret_cast<Table*>(t); }
const Table* cpp(const ember_table* t) noexcept { return reinterpret_cast<const Table*>(t); }
Global* cpp(ember_global* g) noexcept { return reinterpret_cast<Global*>(g); }
const Global* cpp(const ember_global* g) noexcept { return reinterpret_cast<const Global*>(g); }
const Instance* cpp(const ember_instance* i) noexcept { return reinterpret_cast<const Instance*>(i); }
ember_func* c(Function* f) noexcept { return reinterpret_cast<ember_func*>(f); }
ember_memory* c(Memory* m) noexcept { return reinterpret_cast<ember_memory*>(m); }
ember_table* c(Table* t) noexcept { return reinterpret_cast<ember_table*>(t); }
ember_global* c(Global* g) noexcept { return reinterpret_cast<ember_global*>(g); }
ember_instance* c(Instance* i) noexcept { return reinterpret_cast<ember_instance*>(i); }

ember_error make_error(ember_error_kind kind, const char* message) noexcept {
  ember_error e;
  std::memset(&e, 0, sizeof e);
  e.kind = kind;
  e.trap = EMBER_TRAP_NONE;
  e.func_index = EMBER_NO_INDEX;
  e.message = message;
  return e;
}

// The number in a C enum the host filled in. C lets such an enum hold any int, while in C++ a value
// outside the enumerators' range is undefined: read it as the int it is, never as the enum.
template <class E>
int raw(const E& value) noexcept {
  static_assert(sizeof(E) == sizeof(int), "C enums are int-sized");
  int v;
  std::memcpy(&v, &value, sizeof v);
  return v;
}

ember_error bad(const char* message) noexcept { return make_error(EMBER_ERROR_BAD_ARGUMENT, message); }
ember_error null_handle(const char* what) noexcept { return bad(what); }

bool valid_type(ember_valtype t) noexcept {
  switch (t) {
    case EMBER_I32:
    case EMBER_I64:
    case EMBER_F32:
    case EMBER_F64:
    case EMBER_V128:
    case EMBER_FUNCREF:
    case EMBER_EXTERNREF: return true;
    default: return false;
  }
}

bool is_ref(ember_valtype t) noexcept { return t == EMBER_FUNCREF || t == EMBER_EXTERNREF; }

ember_val to_c(const Value& v) noexcept {
  ember_val r;
  std::memset(&r, 0, sizeof r);
  r.type = v.type.bits();
  switch (v.type.code()) {
    case ValType::Code::I32: r.of.i32 = v.as_i32(); break;
    case ValType::Code::I64: r.of.i64 = v.as_i64(); break;
    case ValType::Code::F32: r.of.f32 = v.as_f32(); break;
    case ValType::Code::F64: r.of.f64 = v.as_f64(); break;
    case ValType::Code::V128: std::memcpy(r.of.v128, v.v128.bytes, 16); break;
    case ValType::Code::Ref:
      if (v.type.heap_type() == ember::HeapType::Func)
        r.of.funcref = c(static_cast<Function*>(v.ref));
      else
        r.of.externref = v.ref;
      break;
  }
  return r;
}

// False for an unknown type tag.
bool from_c(const ember_val& v, Value* out) noexcept {
  switch (v.type) {
    case EMBER_I32: *out = Value::i32(v.of.i32); return true;
    case EMBER_I64: *out = Value::i64(v.of.i64); return true;
    case EMBER_F32: *out = Value::f32v(v.of.f32); return true;
    case EMBER_F64: *out = Value::f64v(v.of.f64); return true;
    case EMBER_V128: {
      ember::V128 bits;
      std::memcpy(bits.bytes, v.of.v128, 16);
      *out = Value::v128v(bits);
      return true;
    }
    case EMBER_FUNCREF: *out = Value::funcref(cpp(v.of.funcref)); return true;
    case EMBER_EXTERNREF: *out = Value::externref(v.of.externref); return true;
    default: return false;
  }
}

// The reference a value of a ref type carries.
void* ref_of(const ember_val& v) noexcept {
  return v.type == EMBER_FUNCREF ? static_cast<void*>(cpp(v.of.funcref)) : v.of.externref;
}

// ember_config mirrors every field of ember::Config. The structured binding stops compiling when
// Config gains or loses a field, so the two cannot drift apart unnoticed: add the field to
// ember_config, ember_config_default and to_config.
[[maybe_unused]] void config_field_count_check() {
  [[maybe_unused]] auto [stack_bytes, max_call_depth, max_host_nesting, max_memory_pages, max_table_elements,
                         max_instances, max_backtrace_frames, max_locals, max_functions, max_const_expr_depth,
                         max_compiled_bytes, metered, lazy_compile, fuel, allocator, max_heap_bytes,
                         executor] = Config{};
}

ember::Allocator to_allocator(const ember_allocator& a) noexcept {
  ember::Allocator out;
  out.alloc = a.alloc;
  out.realloc = a.realloc;
  out.free = a.free;
  out.user = a.user;
  return out;
}

Config to_config(const ember_config* config) noexcept {
  Config out;
  if (!config) return out;
  out.stack_bytes = config->stack_bytes;
  out.max_call_depth = config->max_call_depth;
  out.max_host_nesting = config->max_host_nesting;
  out.max_memory_pages = config->max_memory_pages;
  out.max_table_elements = config->max_table_elements;
  out.max_instances = config->max_instances;
  out.max_backtrace_frames = config->max_backtrace_frames;
  out.max_locals = config->max_locals;
  out.max_functions = config->max_functions;
  out.max_compiled_bytes = config->max_compiled_bytes;
  out.max_const_expr_depth = config->max_const_expr_depth;
  out.lazy_compile = config->lazy_compile;
  out.metered = config->metered;
  out.fuel = config->fuel;
  out.allocator = to_allocator(config->allocator);
  out.max_heap_bytes = config->max_heap_bytes;
  out.executor.run = config->executor.run;
  out.executor.context = config->executor.context;
  return out;
}

ember_name name_of(std::string_view s) noexcept {
  ember_name n;
  n.data = s.empty() ? nullptr : s.data();
  n.size = s.size();
  return n;
}

ember_functype functype_of(FuncTypeView t) noexcept {
  ember_functype r;
  r.params = reinterpret_cast<const ember_valtype*>(t.params);
  r.param_count = t.param_count;
  r.results = reinterpret_cast<const ember_valtype*>(t.results);
  r.result_count = t.result_count;
  return r;
}

ember_limits limits_of(const ember::Limits& l) noexcept {
  ember_limits r;
  r.min = l.min;
  r.max = l.max;
  r.has_max = l.has_max;
  return r;
}

// A name given as pointer + length; false if the pointer is NULL with a non-zero length.
bool view(const char* s, size_t len, std::string_view* out) noexcept {
  if (!s && len) return false;
  *out = s ? std::string_view(s, len) : std::string_view();
  return true;
}

// A small array on the stack, or on the heap when larger; `data` is nullptr if that failed.
template <class T, std::size_t N>
struct Scratch {
  explicit Scratch(std::size_t n) noexcept
      : data(n <= N ? local : static_cast<T*>(ember::detail::default_heap().alloc(n * sizeof(T)))), count(n) {
    if (data)
      for (std::size_t i = 0; i < n; ++i) new (&data[i]) T();
  }
  ~Scratch() {
    if (data != local) ember::detail::default_heap().free(data, count * sizeof(T));
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T local[N];
  T* data;
  std::size_t count;
};

// The HostCallback of every C host function: slots <-> ember_val arrays around the C callback.
TrapKind trampoline(Caller& caller, void* user, uint64_t* slots) noexcept {
  HostFunc* h = static_cast<HostFunc*>(user);
  FuncTypeView t = h->func->type();
  Scratch<ember_val, 8> args(t.param_count);
  Scratch<ember_val, 8> results(t.result_count);
  if (!args.data || !results.data) return caller.trap("out of memory for a host call's values");
  const uint64_t* in = slots;
  for (uint32_t i = 0; i < t.param_count; ++i) {
    args.data[i] = to_c(ember::detail::slots_to_value(t.params[i], in));
    in += ember::slot_count(t.params[i]);
  }
  for (uint32_t i = 0; i < t.result_count; ++i) results.data[i] = to_c(Value::zero(t.results[i]));

  ember_caller context;
  context.caller = &caller;
  context.store = h->store;
  const ember_trap returned =
      h->callback(&context, h->user, args.data, t.param_count, results.data, t.result_count);
  const int status = raw(returned);

  switch (status) {
    case EMBER_TRAP_NONE: break;
    case EMBER_TRAP_HOST:
      if (!context.has_message) return caller.trap(nullptr);
      std::memcpy(h->store->trap_message, context.message, sizeof context.message);
      return caller.trap(h->store->trap_message);
    case EMBER_TRAP_EXIT: return caller.exit(context.exit_code);
    default:
      if (status > 0 && status <= kLastTrap) return TrapKind(status);
      return caller.trap("host function returned an unknown trap kind");
  }
  // Check every result before writing any: the results overwrite the argument slots.
  Scratch<Value, 8> values(t.result_count);
  if (!values.data) return caller.trap("out of memory for a host call's values");
  for (uint32_t i = 0; i < t.result_count; ++i) {
    if (results.data[i].type != t.results[i].bits() || !from_c(results.data[i], &values.data[i]))
      return caller.trap("host function returned a result of the wrong type");
  }
  uint64_t* out = slots;
  for (uint32_t i = 0; i < t.result_count; ++i) {
    ember::detail::value_to_slots(values.data[i], out);
    out += ember::slot_count(t.results[i]);
  }
  return TrapKind::None;
}

ember_error load(const uint8_t* bytes, size_t size, const ember_config* config, ember_module** out,
                 BytesOwnership ownership) noexcept {
  if (!out) return bad("out is NULL");
  if (!bytes && size) return bad("bytes is NULL");
  static const uint8_t kEmpty[1] = {0};
  void* mem = ember::detail::default_heap().alloc(sizeof(ember_module));
  if (!mem) return ember::capi::out_of_memory();
  Result<Module> module = Module::load(bytes ? bytes : kEmpty, size, to_config(config), ownership);
  if (!module) {
    ember::detail::default_heap().free(mem, sizeof(ember_module));
    return ember::capi::to_c_error(module.error());
  }
  *out = new (mem) ember_module{static_cast<Module&&>(module.value())};
  return ember::capi::ok();
}

ember_error define(ember_linker* linker, const char* module, size_t module_len, const char* name,
                   size_t name_len, const Extern& value) noexcept {
  if (!linker) return null_handle("linker is NULL");
  if (!value) return null_handle("the object to define is NULL");
  std::string_view m, n;
  if (!view(module, module_len, &m) || !view(name, name_len, &n)) return bad("name is NULL");
  if (!linker->linker.define(m, n, value)) return ember::capi::out_of_memory();
  return ember::capi::ok();
}

ember_error instance_result(Result<Instance*>& r, ember_instance** out) noexcept {
  if (!r) return ember::capi::to_c_error(r.error());
  *out = c(r.value());
  return ember::capi::ok();
}

}  // namespace

// --- bridge for the other C API layers ----------------------------------------------------------

namespace ember::capi {

Store* store_of(ember_store* store) noexcept { return store ? &store->store : nullptr; }
Linker* linker_of(ember_linker* linker) noexcept { return linker ? &linker->linker : nullptr; }

ember_error to_c_error(const Error& error) noexcept {
  ember_error e = make_error(ember_error_kind(error.kind), error.message ? error.message : "");
  e.trap = ember_trap(error.trap);
  e.offset = error.offset;
  e.func_index = error.func_index;
  e.exit_code = error.exit_code;
  constexpr std::size_t n = sizeof error.detail < sizeof e.detail ? sizeof error.detail : sizeof e.detail;
  std::memcpy(e.detail, error.detail, n);
  e.detail[sizeof e.detail - 1] = 0;
  return e;
}

ember_error ok() noexcept { return make_error(EMBER_ERROR_OK, ""); }
ember_error bad_argument(const char* message) noexcept { return bad(message); }
ember_error out_of_memory() noexcept { return make_error(EMBER_ERROR_OUT_OF_MEMORY, "out of memory"); }

}  // namespace ember::capi

using ember::capi::ok;
using ember::capi::out_of_memory;
using ember::capi::to_c_error;

// --- the C functions ----------------------------------------------------------------------------

extern "C" {

ember_config ember_config_default(void) {
  Config d;
  ember_config r;
  std::memset(&r, 0, sizeof r);
  r.stack_bytes = d.stack_bytes;
  r.max_call_depth = d.max_call_depth;
  r.max_host_nesting = d.max_host_nesting;
  r.max_memory_pages = d.max_memory_pages;
  r.max_table_elements = d.max_table_elements;
  r.max_instances = d.max_instances;
  r.max_backtrace_frames = d.max_backtrace_frames;
  r.max_locals = d.max_locals;
  r.max_functions = d.max_functions;
  r.max_compiled_bytes = d.max_compiled_bytes;
  r.max_const_expr_depth = d.max_const_expr_depth;
  r.lazy_compile = d.lazy_compile;
  r.metered = d.metered;
  r.fuel = d.fuel;
  return r;
}

const char* ember_version(void) { return ember::version(); }

void ember_set_allocator(const ember_allocator* allocator) {
  ember::set_allocator(allocator ? to_allocator(*allocator) : ember::Allocator{});
}

// Errors.

const char* ember_error_kind_name(ember_error_kind kind) {
  const int k = raw(kind);
  return ember::error_kind_name(k >= 0 && k <= 0xFF ? ErrorKind(k) : ErrorKind(0xFF));
}

const char* ember_trap_message(ember_trap trap) {
  const int t = raw(trap);
  if (t < 0 || t > kLastTrap) return "unknown trap";
  return ember::trap_message(TrapKind(t));
}

const char* ember_error_format(const ember_error* error, char* buf, size_t size) {
  if (!buf || size == 0) return buf;
  Error e;
  if (!error) {
    e = Error::make(ErrorKind::BadArgument, "error is NULL");
  } else {
    const int k = raw(error->kind), t = raw(error->trap);
    e.kind = k >= 0 && k <= 0xFF ? ErrorKind(k) : ErrorKind(0xFF);  // unknown kinds format as "error"
    e.trap = t >= 0 && t <= kLastTrap ? TrapKind(t) : TrapKind::None;
    e.message = error->message ? error->message : "";
    e.offset = error->offset;
    e.func_index = error->func_index;
    e.exit_code = error->exit_code;
    std::size_t n = 0;
    while (n < sizeof error->detail && error->detail[n]) ++n;
    e.set_detail(error->detail, n);
  }
  return ember::format_error(e, buf, size);
}

bool ember_error_is_exit(const ember_error* error, int32_t* exit_code) {
  if (!error || raw(error->kind) != EMBER_ERROR_EXIT) return false;
  if (exit_code) *exit_code = error->exit_code;
  return true;
}

// Values.

const char* ember_valtype_name(ember_valtype type) {
  return valid_type(type) ? ember::to_string(ValType::from_bits(type)) : "?";
}

ember_val ember_i32(int32_t v) { return to_c(Value::i32(v)); }
ember_val ember_i64(int64_t v) { return to_c(Value::i64(v)); }
ember_val ember_f32(float v) { return to_c(Value::f32v(v)); }
ember_val ember_f64(double v) { return to_c(Value::f64v(v)); }
ember_val ember_funcref(ember_func* f) { return to_c(Value::funcref(cpp(f))); }
ember_val ember_externref(void* p) { return to_c(Value::externref(p)); }

// Modules.

ember_error ember_module_load(const uint8_t* bytes, size_t size, const ember_config* config,
                              ember_module** out) {
  return load(bytes, size, config, out, BytesOwnership::Copy);
}

ember_error ember_module_load_borrowed(const uint8_t* bytes, size_t size, const ember_config* config,
                                       ember_module** out) {
  return load(bytes, size, config, out, BytesOwnership::Borrow);
}

ember_error ember_module_validate(const uint8_t* bytes, size_t size, const ember_config* config) {
  if (!bytes && size) return bad("bytes is NULL");
  static const uint8_t kEmpty[1] = {0};
  // Lazy compilation makes load stop after validation; borrowing skips the copy.
  Config cfg = to_config(config);
  cfg.lazy_compile = true;
  Result<Module> module = Module::load(bytes ? bytes : kEmpty, size, cfg, BytesOwnership::Borrow);
  return module ? ok() : to_c_error(module.error());
}

void ember_module_free(ember_module* module) { destroy(module); }

uint32_t ember_module_import_count(const ember_module* module) {
  return module ? module->module.import_count() : 0;
}

ember_error ember_module_import(const ember_module* module, uint32_t index, ember_import* out) {
  if (!module) return null_handle("module is NULL");
  if (!out) return bad("out is NULL");
  if (index >= module->module.import_count()) return bad("import index out of range");
  ember::ImportInfo info = module->module.import(index);
  ember_import r;
  std::memset(&r, 0, sizeof r);
  r.module = name_of(info.module);
  r.name = name_of(info.name);
  r.kind = ember_extern_kind(info.kind);
  switch (info.kind) {
    case ExternKind::Func: r.func = functype_of(info.func); break;
    case ExternKind::Table:
      r.table_elem = info.table.elem.bits();
      r.limits = limits_of(info.table.limits);
      break;
    case ExternKind::Memory: r.limits = limits_of(info.memory.limits); break;
    case ExternKind::Global:
      r.global_type = info.global.type.bits();
      r.global_mutable = info.global.is_mutable;
      break;
  }
  *out = r;
  return ok();
}

uint32_t ember_module_export_count(const ember_module* module) {
  return module ? module->module.export_count() : 0;
}

ember_error ember_module_export(const ember_module* module, uint32_t index, ember_export* out) {
  if (!module) return null_handle("module is NULL");
  if (!out) return bad("out is NULL");
  if (index >= module->module.export_count()) return bad("export index out of range");
  ember::ExportInfo info = module->module.export_at(index);
  out->name = name_of(info.name);
  out->kind = ember_extern_kind(info.kind);
  out->index = info.index;
  return ok();
}

uint32_t ember_module_func_count(const ember_module* module) {
  return module ? module->module.function_count() : 0;
}

ember_error ember_module_func_type(const ember_module* module, uint32_t func_index, ember_functype* out) {
  if (!module) return null_handle("module is NULL");
  if (!out) return bad("out is NULL");
  if (func_index >= module->module.function_count()) return bad("function index out of range");
  *out = functype_of(module->module.function_type(func_index));
  return ok();
}

ember_name ember_module_func_name(const ember_module* module, uint32_t func_index) {
  if (!module || func_index >= module->module.function_count()) return name_of(std::string_view());
  return name_of(module->module.function_name(func_index));
}

// Stores.

ember_error ember_store_new(const ember_config* config, ember_store** out) {
  if (!out) return bad("out is NULL");
  ember_store* store = nullptr;
  void* mem = ember::detail::default_heap().alloc(sizeof(ember_store));
  if (!mem) return out_of_memory();
  store = new (mem) ember_store(to_config(config));
  // A store whose value stack could not be allocated answers every call with OutOfMemory (and a
  // healthy one rejects the null function as a bad argument): report it now rather than later.
  Error probe = store->store.call(nullptr, nullptr, 0, nullptr, 0);
  if (probe.kind == ErrorKind::OutOfMemory) {
    destroy(store);
    return to_c_error(probe);
  }
  *out = store;
  return ok();
}

void ember_store_free(ember_store* store) { destroy(store); }

uint64_t ember_store_fuel(const ember_store* store) { return store ? store->store.fuel() : 0; }

ember_error ember_store_set_fuel(ember_store* store, uint64_t fuel) {
  if (!store) return null_handle("store is NULL");
  store->store.set_fuel(fuel);
  return ok();
}

void ember_store_interrupt(ember_store* store) {
  if (!store) return;
  if (ember::InterruptHandle* h = store->store.interrupt_handle()) h->interrupt();
}

bool ember_store_suspended(const ember_store* store) { return store && store->store.suspended(); }

ember_error ember_store_resume(ember_store* store, ember_val* results, size_t nresults) {
  if (!store) return null_handle("store is NULL");
  if (nresults && !results) return bad("result array is NULL");
  Scratch<Value, 8> outv(nresults);
  if (!outv.data) return out_of_memory();
  for (size_t i = 0; i < nresults; ++i) outv.data[i] = Value();
  Error e = store->store.resume(outv.data, nresults);
  if (e) return to_c_error(e);
  for (size_t i = 0; i < nresults; ++i) results[i] = to_c(outv.data[i]);
  return ok();
}

void ember_store_abandon(ember_store* store) {
  if (store) store->store.abandon();
}

ember_error ember_module_sections(const uint8_t* bytes, size_t size, ember_section* out, size_t max,
                                  size_t* count) {
  if (!count) return bad("count is NULL");
  if (max && !out) return bad("section array is NULL");
  *count = 0;
  ember::SectionReader reader(bytes, size);
  for (ember::SectionInfo s; reader.next(&s); ++*count) {
    if (*count >= max) continue;
    ember_section& c = out[*count];
    c.id = s.id;
    c.header_offset = s.header_offset;
    c.offset = s.offset;
    c.size = s.size;
    c.custom_name.data = s.custom_name.data();
    c.custom_name.size = s.custom_name.size();
  }
  return reader.error().ok() ? ok() : to_c_error(reader.error());
}

const char* ember_section_name(uint8_t id) { return ember::section_name(id); }

uint32_t ember_store_backtrace(const ember_store* store, ember_frame* out, uint32_t max) {
  if (!store || !out || max == 0) return 0;
  Scratch<BacktraceFrame, 32> frames(max);
  if (!frames.data) return 0;
  uint32_t n = store->store.backtrace(frames.data, max);
  for (uint32_t i = 0; i < n; ++i) {
    out[i].instance = reinterpret_cast<const ember_instance*>(frames.data[i].instance);
    out[i].func_index = frames.data[i].func_index;
    out[i].offset = frames.data[i].offset;
  }
  return n;
}

// Host functions.

ember_error ember_func_new(ember_store* store, const ember_valtype* params, size_t nparams,
                           const ember_valtype* results, size_t nresults, ember_host_func callback,
                           void* user, ember_func** out) {
  if (!store) return null_handle("store is NULL");
  if (!callback) return bad("callback is NULL");
  if (!out) return bad("out is NULL");
  if ((nparams && !params) || (nresults && !results)) return bad("signature array is NULL");
  if (nparams > 0xFFFF || nresults > 0xFFFF) return bad("signature too long");
  for (size_t i = 0; i < nparams; ++i)
    if (!valid_type(params[i])) return bad("unknown parameter type");
  for (size_t i = 0; i < nresults; ++i)
    if (!valid_type(results[i])) return bad("unknown result type");
  HostFunc* h = make<HostFunc>();
  if (!h) return out_of_memory();
  FuncTypeView type;
  type.params = reinterpret_cast<const ValType*>(params);
  type.param_count = uint32_t(nparams);
  type.results = reinterpret_cast<const ValType*>(results);
  type.result_count = uint32_t(nresults);
  Function* f = store->store.create_host_function(type, &trampoline, h);
  if (!f) {
    destroy(h);
    return out_of_memory();
  }
  h->store = store;
  h->func = f;
  h->callback = callback;
  h->user = user;
  h->next = store->host_funcs.head;
  store->host_funcs.head = h;
  *out = c(f);
  return ok();
}

ember_functype ember_func_type(const ember_func* func) {
  if (!func) return functype_of(FuncTypeView{});
  return functype_of(cpp(func)->type());
}

ember_error ember_func_call(ember_store* store, ember_func* func, const ember_val* args, size_t nargs,
                            ember_val* results, size_t nresults) {
  if (!store) return null_handle("store is NULL");
  if (!func) return null_handle("function is NULL");
  if ((nargs && !args) || (nresults && !results)) return bad("argument or result array is NULL");
  FuncTypeView t = cpp(func)->type();
  if (nargs != t.param_count) return bad("wrong number of arguments");
  if (nresults < t.result_count) return bad("too few results");
  Scratch<Value, 8> in(nargs);
  Scratch<Value, 8> outv(t.result_count);
  if (!in.data || !outv.data) return out_of_memory();
  for (size_t i = 0; i < nargs; ++i)
    if (!from_c(args[i], &in.data[i])) return bad("argument of unknown type");
  Error e = store->store.call(cpp(func), in.data, nargs, outv.data, t.result_count);
  if (e) return to_c_error(e);
  for (uint32_t i = 0; i < t.result_count; ++i) results[i] = to_c(outv.data[i]);
  return ok();
}

ember_store* ember_caller_store(ember_caller* caller) { return caller ? caller->store : nullptr; }

ember_instance* ember_caller_instance(ember_caller* caller) {
  return caller ? c(caller->caller->instance()) : nullptr;
}

ember_memory* ember_caller_memory(ember_caller* caller) {
  return caller ? c(caller->caller->memory()) : nullptr;
}

ember_trap ember_caller_trap(ember_caller* caller, const char* message) {
  if (caller) {
    caller->has_message = message != nullptr;
    if (message) {
      std::size_t n = std::strlen(message);
      if (n >= sizeof caller->message) n = sizeof caller->message - 1;
      std::memcpy(caller->message, message, n);
      caller->message[n] = 0;
    }
  }
  return EMBER_TRAP_HOST;
}

ember_trap ember_caller_exit(ember_caller* caller, int32_t code) {
  if (caller) caller->exit_code = code;
  return EMBER_TRAP_EXIT;
}

bool ember_caller_consume_fuel(ember_caller* caller, uint64_t units) {
  return caller ? caller->caller->consume_fuel(units) : true;
}

// Memories.

ember_error ember_memory_new(ember_store* store, uint64_t min_pages, uint64_t max_pages, bool has_max,
                             ember_memory** out) {
  if (!store) return null_handle("store is NULL");
  if (!out) return bad("out is NULL");
  constexpr uint64_t kMaxPages = 65536;
  if (min_pages > kMaxPages || (has_max && (max_pages > kMaxPages || max_pages < min_pages)))
    return bad("invalid memory limits");
  if (min_pages > store->store.config().max_memory_pages)
    return make_error(EMBER_ERROR_LIMIT, "memory larger than the store's max_memory_pages");
  MemoryType type;
  type.limits.min = min_pages;
  type.limits.max = has_max ? max_pages : 0;
  type.limits.has_max = has_max;
  Memory* m = store->store.create_memory(type);
  if (!m) return out_of_memory();
  *out = c(m);
  return ok();
}

uint8_t* ember_memory_data(ember_memory* memory) {
  return memory && cpp(memory)->size() ? cpp(memory)->data() : nullptr;
}

uint64_t ember_memory_size(const ember_memory* memory) { return memory ? cpp(memory)->size() : 0; }

uint64_t ember_memory_pages(const ember_memory* memory) { return memory ? cpp(memory)->pages() : 0; }

int64_t ember_memory_grow(ember_memory* memory, uint64_t delta) {
  return memory ? cpp(memory)->grow(delta) : -1;
}

ember_error ember_memory_read(const ember_memory* memory, uint64_t offset, void* out, size_t len) {
  if (!memory) return null_handle("memory is NULL");
  if (!out && len) return bad("out is NULL");
  if (!cpp(memory)->read(offset, out, len)) return bad("out of bounds memory access");
  return ok();
}

ember_error ember_memory_write(ember_memory* memory, uint64_t offset, const void* in, size_t len) {
  if (!memory) return null_handle("memory is NULL");
  if (!in && len) return bad("in is NULL");
  if (!cpp(memory)->write(offset, in, len)) return bad("out of bounds memory access");
  return ok();
}

// Globals.

ember_error ember_global_new(ember_store* store, ember_valtype type, bool is_mutable, const ember_val* init,
                             ember_global** out) {
  if (!store) return null_handle("store is NULL");
  if (!init || !out) return bad("init or out is NULL");
  if (!valid_type(type)) return bad("unknown value type");
  Value v;
  if (init->type != type || !from_c(*init, &v)) return bad("initial value of the wrong type");
  GlobalType gt;
  gt.type = ValType::from_bits(type);
  gt.is_mutable = is_mutable;
  Global* g = store->store.create_global(gt, v);
  if (!g) return out_of_memory();
  *out = c(g);
  return ok();
}

ember_valtype ember_global_type(const ember_global* global, bool* is_mutable) {
  if (!global) return 0;
  GlobalType t = cpp(global)->type();
  if (is_mutable) *is_mutable = t.is_mutable;
  return t.type.bits();
}

ember_error ember_global_get(const ember_global* global, ember_val* out) {
  if (!global) return null_handle("global is NULL");
  if (!out) return bad("out is NULL");
  *out = to_c(cpp(global)->get());
  return ok();
}

ember_error ember_global_set(ember_global* global, const ember_val* value) {
  if (!global) return null_handle("global is NULL");
  if (!value) return bad("value is NULL");
  Value v;
  if (!from_c(*value, &v)) return bad("value of unknown type");
  if (!cpp(global)->set(v)) return bad("global is immutable or of another type");
  return ok();
}

// Tables.

ember_error ember_table_new(ember_store* store, ember_valtype elem, uint32_t min, uint32_t max, bool has_max,
                            const ember_val* init, ember_table** out) {
  if (!store) return null_handle("store is NULL");
  if (!out) return bad("out is NULL");
  if (!is_ref(elem)) return bad("table elements must be funcref or externref");
  if (has_max && max < min) return bad("invalid table limits");
  if (init && init->type != elem) return bad("initial value of the wrong type");
  if (min > store->store.config().max_table_elements)
    return make_error(EMBER_ERROR_LIMIT, "table larger than the store's max_table_elements");
  TableType type;
  type.elem = ValType::from_bits(elem);
  type.limits.min = min;
  type.limits.max = has_max ? max : 0;
  type.limits.has_max = has_max;
  Table* t = store->store.create_table(type, init ? ref_of(*init) : nullptr);
  if (!t) return out_of_memory();
  *out = c(t);
  return ok();
}

uint32_t ember_table_size(const ember_table* table) { return table ? cpp(table)->size() : 0; }

ember_error ember_table_get(const ember_table* table, uint32_t index, ember_val* out) {
  if (!table) return null_handle("table is NULL");
  if (!out) return bad("out is NULL");
  Value v;
  if (!cpp(table)->get(index, &v)) return bad("out of bounds table access");
  *out = to_c(v);
  return ok();
}

ember_error ember_table_set(ember_table* table, uint32_t index, const ember_val* value) {
  if (!table) return null_handle("table is NULL");
  if (!value) return bad("value is NULL");
  Value v;
  if (!from_c(*value, &v)) return bad("value of unknown type");
  if (!cpp(table)->set(index, v)) return bad("out of bounds table access or value of the wrong type");
  return ok();
}

int64_t ember_table_grow(ember_table* table, uint32_t delta, const ember_val* init) {
  if (!table) return -1;
  if (init && init->type != cpp(table)->elem_type().bits()) return -1;
  return cpp(table)->grow(delta, init ? ref_of(*init) : nullptr);
}

// Instances.

ember_error ember_instance_new(ember_store* store, const ember_module* module, const ember_extern* imports,
                               size_t nimports, ember_instance** out) {
  if (!store) return null_handle("store is NULL");
  if (!module) return null_handle("module is NULL");
  if (!out) return bad("out is NULL");
  if (nimports && !imports) return bad("imports is NULL");
  if (nimports != module->module.import_count()) return bad("wrong number of imports");
  Scratch<Extern, 16> externs(nimports);
  if (!externs.data) return out_of_memory();
  for (size_t i = 0; i < nimports; ++i) {
    const ember_extern& x = imports[i];
    switch (raw(x.kind)) {
      case EMBER_EXTERN_FUNC: externs.data[i] = Extern(cpp(x.of.func)); break;
      case EMBER_EXTERN_TABLE: externs.data[i] = Extern(cpp(x.of.table)); break;
      case EMBER_EXTERN_MEMORY: externs.data[i] = Extern(cpp(x.of.memory)); break;
      case EMBER_EXTERN_GLOBAL: externs.data[i] = Extern(cpp(x.of.global)); break;
      default: return bad("import of unknown kind");
    }
  }
  Result<Instance*> r = store->store.instantiate(module->module, externs.data, nimports);
  return instance_result(r, out);
}

ember_func* ember_instance_func(const ember_instance* instance, const char* name, size_t len) {
  std::string_view n;
  if (!instance || !view(name, len, &n)) return nullptr;
  return c(cpp(instance)->function(n));
}

ember_memory* ember_instance_memory(const ember_instance* instance, const char* name, size_t len) {
  std::string_view n;
  if (!instance || !view(name, len, &n)) return nullptr;
  return c(cpp(instance)->memory(n));
}

ember_table* ember_instance_table(const ember_instance* instance, const char* name, size_t len) {
  std::string_view n;
  if (!instance || !view(name, len, &n)) return nullptr;
  return c(cpp(instance)->table(n));
}

ember_global* ember_instance_global(const ember_instance* instance, const char* name, size_t len) {
  std::string_view n;
  if (!instance || !view(name, len, &n)) return nullptr;
  return c(cpp(instance)->global(n));
}

ember_memory* ember_instance_default_memory(const ember_instance* instance) {
  return instance ? c(cpp(instance)->default_memory()) : nullptr;
}

// Linkers.

ember_error ember_linker_new(ember_linker** out) {
  if (!out) return bad("out is NULL");
  ember_linker* linker = make<ember_linker>();
  if (!linker) return out_of_memory();
  *out = linker;
  return ok();
}

void ember_linker_free(ember_linker* linker) { destroy(linker); }

ember_error ember_linker_define_func(ember_linker* linker, const char* module, size_t module_len,
                                     const char* name, size_t name_len, ember_func* func) {
  return define(linker, module, module_len, name, name_len, Extern(cpp(func)));
}

ember_error ember_linker_define_memory(ember_linker* linker, const char* module, size_t module_len,
                                       const char* name, size_t name_len, ember_memory* memory) {
  return define(linker, module, module_len, name, name_len, Extern(cpp(memory)));
}

ember_error ember_linker_define_table(ember_linker* linker, const char* module, size_t module_len,
                                      const char* name, size_t name_len, ember_table* table) {
  return define(linker, module, module_len, name, name_len, Extern(cpp(table)));
}

ember_error ember_linker_define_global(ember_linker* linker, const char* module, size_t module_len,
                                       const char* name, size_t name_len, ember_global* global) {
  return define(linker, module, module_len, name, name_len, Extern(cpp(global)));
}

ember_error ember_linker_define_host_func(ember_linker* linker, ember_store* store, const char* module,
                                          size_t module_len, const char* name, size_t name_len,
                                          const ember_valtype* params, size_t nparams,
                                          const ember_valtype* results, size_t nresults,
                                          ember_host_func callback, void* user, ember_func** out) {
  if (!linker) return null_handle("linker is NULL");
  std::string_view m, n;
  if (!view(module, module_len, &m) || !view(name, name_len, &n)) return bad("name is NULL");
  ember_func* f = nullptr;
  ember_error e = ember_func_new(store, params, nparams, results, nresults, callback, user, &f);
  if (e.kind != EMBER_ERROR_OK) return e;
  e = ember_linker_define_func(linker, module, module_len, name, name_len, f);
  if (e.kind != EMBER_ERROR_OK) return e;
  if (out) *out = f;
  return ok();
}

ember_error ember_linker_define_instance(ember_linker* linker, const char* module, size_t module_len,
                                         const ember_instance* instance) {
  if (!linker) return null_handle("linker is NULL");
  if (!instance) return null_handle("instance is NULL");
  std::string_view m;
  if (!view(module, module_len, &m)) return bad("name is NULL");
  if (!linker->linker.define_instance(m, *cpp(instance))) return out_of_memory();
  return ok();
}

ember_error ember_linker_instantiate(const ember_linker* linker, ember_store* store,
                                     const ember_module* module, ember_instance** out) {
  if (!linker) return null_handle("linker is NULL");
  if (!store) return null_handle("store is NULL");
  if (!module) return null_handle("module is NULL");
  if (!out) return bad("out is NULL");
  Result<Instance*> r = linker->linker.instantiate(store->store, module->module);
  return instance_result(r, out);
}

}  // extern "C"
