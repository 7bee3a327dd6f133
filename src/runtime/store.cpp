// Ember: the store: owner of every runtime object, of the execution stacks, and the host's entry
// point for calls.
#include <cstring>
#include <new>
#include <type_traits>

#include "execute/exec_state.h"
#include "runtime/value_slots.h"
#include "util/detail_text.h"

namespace ember {

namespace {

template <class T, class... Args>
T* make(Args&&... args) noexcept {
  void* mem = detail::allocate(sizeof(T));
  return mem ? new (mem) T(static_cast<Args&&>(args)...) : nullptr;
}

template <class T>
void destroy(T* p) noexcept {
  if (!p) return;
  p->~T();
  detail::deallocate(p);
}

uint32_t slots_of(const ValType* types, uint32_t n) noexcept {
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; ++i) s += slot_count(types[i]);
  return s;
}

}  // namespace

Store::Store(const Config& config) noexcept : config_(config) {
  exec_ = make<detail::ExecState>();
  if (exec_ && !exec_->init(config_)) {
    destroy(exec_);
    exec_ = nullptr;
  }
}

Store::~Store() {
  for (Instance* i : instances_) destroy(i);
  for (Function* f : functions_) destroy(f);
  static_assert(std::is_trivially_destructible<Function>::value, "function blocks are freed without destructors");
  for (void* block : function_blocks_) detail::deallocate(block);
  for (Memory* m : memories_) destroy(m);
  for (Table* t : tables_) destroy(t);
  for (Global* g : globals_) destroy(g);
  for (detail::HostThunk* t : thunks_) destroy(t);
  destroy(exec_);
}

uint32_t Store::intern_type(FuncTypeView type) noexcept {
  for (uint32_t i = 0; i < type_pool_.size(); ++i) {
    const detail::Vec<ValType>& t = type_pool_[i];
    if (type_param_counts_[i] != type.param_count || t.size() != type.param_count + type.result_count) continue;
    if (type.param_count && std::memcmp(t.data(), type.params, type.param_count) != 0) continue;
    if (type.result_count && std::memcmp(t.data() + type.param_count, type.results, type.result_count) != 0)
      continue;
    return i;
  }
  detail::Vec<ValType> t;
  t.insert(t.end(), type.params, type.params + type.param_count);
  t.insert(t.end(), type.results, type.results + type.result_count);
  type_pool_.push_back(static_cast<detail::Vec<ValType>&&>(t));
  type_param_counts_.push_back(type.param_count);
  return uint32_t(type_pool_.size() - 1);
}

Function* Store::create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept {
  if (!callback) return nullptr;
  Function* f = make<Function>();
  if (!f) return nullptr;
  f->type_id_ = intern_type(type);
  // The signature lives in the store's pool so the caller's arrays need not outlive the function.
  const detail::Vec<ValType>& pooled = type_pool_[f->type_id_];
  f->type_.params = pooled.data();
  f->type_.param_count = type.param_count;
  f->type_.results = pooled.data() + type.param_count;
  f->type_.result_count = type.result_count;
  f->host_ = callback;
  f->host_user_ = user;
  functions_.push_back(f);
  return f;
}

Memory* Store::create_memory(const MemoryType& type) noexcept {
  uint64_t cap = config_.max_memory_pages;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap) return nullptr;
  Memory* m = make<Memory>();
  if (!m) return nullptr;
  m->limits_ = type.limits;
  m->max_pages_ = cap;
  std::size_t bytes = std::size_t(type.limits.min * Memory::kPageSize);
  if (bytes) {
    m->data_ = static_cast<uint8_t*>(detail::allocate_zeroed(bytes));
    if (!m->data_) {
      destroy(m);
      return nullptr;
    }
  }
  m->size_ = bytes;
  memories_.push_back(m);
  return m;
}

Table* Store::create_table(const TableType& type, void* init) noexcept {
  uint64_t cap = config_.max_table_elements;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap) return nullptr;
  Table* t = make<Table>();
  if (!t) return nullptr;
  t->elem_ = type.elem;
  t->limits_ = type.limits;
  t->max_ = cap;
  t->elements_.assign(std::size_t(type.limits.min), init);
  tables_.push_back(t);
  return t;
}

Global* Store::create_global(const GlobalType& type, const Value& init) noexcept {
  if (init.type != type.type) return nullptr;
  Global* g = make<Global>();
  if (!g) return nullptr;
  g->type_ = type;
  detail::value_to_slots(init, g->value_);
  globals_.push_back(g);
  return g;
}

Error Store::call(Function* func, const Value* args, std::size_t arg_count, Value* results,
                  std::size_t result_count) noexcept {
  if (!exec_) return Error::make(ErrorKind::OutOfMemory, "the store has no execution stack");
  if (!func) return Error::make(ErrorKind::BadArgument, "function is null (was the export name right?)");
  FuncTypeView t = func->type_;
  if (arg_count != t.param_count || result_count < t.result_count) {
    Error e = Error::make(ErrorKind::BadArgument, "wrong number of arguments or results");
    detail::DetailText d;
    d.str("function ").signature(t);
    if (arg_count != t.param_count)
      d.str(" takes ").num(t.param_count).str(" argument(s), given ").num(arg_count);
    else
      d.str(" returns ").num(t.result_count).str(" result(s), room given for ").num(result_count);
    d.into(e);
    return e;
  }
  for (uint32_t i = 0; i < t.param_count; ++i) {
    if (args[i].type != t.params[i]) {
      Error e = Error::make(ErrorKind::BadArgument, "argument type mismatch");
      detail::DetailText d;
      d.str("args[").num(i).str("]: expected ").type(t.params[i]).str(", given ").type(args[i].type);
      d.str("; function ").signature(t).into(e);
      return e;
    }
  }
  uint64_t* fp = exec_->stack_top;
  uint32_t in = slots_of(t.params, t.param_count), out = slots_of(t.results, t.result_count);
  if (fp + (in > out ? in : out) > exec_->stack_end) {
    Error e = Error::make_trap(TrapKind::CallStackExhausted);
    detail::DetailText d;
    d.str("Config::stack_bytes = ").num(config_.stack_bytes).str(" reached").into(e);
    return e;
  }
  uint64_t* s = fp;
  for (uint32_t i = 0; i < t.param_count; ++i) {
    detail::value_to_slots(args[i], s);
    s += slot_count(t.params[i]);
  }
  Error e = detail::execute(*this, func, fp);
  if (e) return e;
  s = fp;
  for (uint32_t i = 0; i < t.result_count; ++i) {
    results[i] = detail::slots_to_value(t.results[i], s);
    s += slot_count(t.results[i]);
  }
  return e;
}

namespace detail {

Error typed_call_mismatch(const Function* func, FuncTypeView wanted) noexcept {
  if (!func) return Error::make(ErrorKind::BadArgument, "function is null (was the export name right?)");
  Error e = Error::make(ErrorKind::BadArgument, "typed call does not match the function's type");
  const FuncTypeView have = func->type_;
  DetailText d;
  // The first difference, then both signatures.
  if (have.param_count != wanted.param_count) {
    d.str("takes ").num(have.param_count).str(" argument(s), given ").num(wanted.param_count);
  } else {
    uint32_t i = 0;
    while (i < have.param_count && have.params[i] == wanted.params[i]) ++i;
    if (i < have.param_count) {
      d.str("argument ").num(i + 1).str(" is ").type(have.params[i]).str(", given ").type(wanted.params[i]);
    } else {
      d.str("results differ");
    }
  }
  d.str(": function ").signature(have).str(", called as ").signature(wanted);
  d.into(e);
  return e;
}

}  // namespace detail

uint32_t Store::backtrace(BacktraceFrame* out, uint32_t max) const noexcept {
  uint32_t n = 0;
  for (; n < max && n < backtrace_.size(); ++n) out[n] = backtrace_[n];
  return n;
}

uint64_t Store::fuel() const noexcept { return exec_ ? exec_->fuel : 0; }

void Store::set_fuel(uint64_t fuel) noexcept {
  if (exec_) exec_->fuel = fuel;
}

}  // namespace ember
