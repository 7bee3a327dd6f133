// Ember: the store: owner of every runtime object, of the execution stacks, and the host's entry
// point for calls.
#include <new>
#include <type_traits>

#include "execute/exec_state.h"
#include "module/module_data.h"
#include "runtime/store_state.h"
#include "runtime/value_slots.h"
#include "util/detail_text.h"
#include "util/out_of_memory.h"

namespace ember::detail {

namespace {

uint32_t slots_of(const ValType* types, uint32_t n) noexcept {
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; ++i) s += slot_count(types[i]);
  return s;
}

// Converts a finished call's results, in slots at fp, to values.
void write_results(FuncTypeView t, const uint64_t* fp, Value* results) noexcept {
  for (uint32_t i = 0; i < t.result_count; ++i) {
    results[i] = slots_to_value(t.results[i], fp);
    fp += slot_count(t.results[i]);
  }
}

}  // namespace

StoreState::StoreState(Store* handle, const Config& config, const Heap& heap) noexcept
    : handle_(handle),
      config_(config),
      heap_(heap),
      instances_(&heap_),
      functions_(&heap_),
      memories_(&heap_),
      tables_(&heap_),
      globals_(&heap_),
      host_data_(&heap_),
      type_pool_(&heap_),
      type_param_counts_(&heap_),
      backtrace_(&heap_) {
  (void)prepare_exec();  // a failure here is reported, and retried, by the first call or instantiate
}

Error StoreState::prepare_exec() noexcept {
  if (exec_) return Error{};
  ExecState* st = make<ExecState>(heap_, &heap_);
  if (st && st->init(config_)) {
    if (has_pending_fuel_) st->fuel = pending_fuel_;
    st->interrupt = &interrupt_.flag;
    exec_ = st;
    return Error{};
  }
  destroy(heap_, st);
  return out_of_memory(heap_, "the execution stacks (Config::stack_bytes, Config::max_call_depth)");
}

StoreState::~StoreState() {
  for (InstanceObj* i : instances_) destroy_instance(i);  // each drops its module reference
  for (FunctionObj* f : functions_) destroy(heap_, f);
  for (HostData& d : host_data_) {
    if (d.drop) d.drop(d.data);
    heap_.free(d.data, d.size);
  }
  for (MemoryObj* m : memories_) destroy(heap_, m);
  for (TableObj* t : tables_) destroy(heap_, t);
  for (GlobalObj* g : globals_) destroy(heap_, g);
  destroy(heap_, exec_);
}

void StoreState::destroy_instance(InstanceObj* inst) noexcept {
  static_assert(std::is_trivially_destructible<FunctionObj>::value,
                "function blocks are freed without destructors");
  if (inst->function_block_)
    heap_.free(inst->function_block_, sizeof(FunctionObj) * inst->function_block_count_);
  destroy(heap_, inst);
}

// The canonical id of a signature in this store is its index in type_pool_: equal signatures (element
// by element, ValType ==) get the same id, which is what call_indirect and import matching compare.
uint32_t StoreState::intern_type(FuncTypeView type) noexcept {
  for (uint32_t i = 0; i < type_pool_.size(); ++i) {
    const Vec<ValType>& t = type_pool_[i];
    if (type_param_counts_[i] != type.param_count || t.size() != type.param_count + type.result_count)
      continue;
    FuncTypeView pooled{t.data(), type.param_count, t.data() + type.param_count, type.result_count};
    if (pooled == type) return i;
  }
  Vec<ValType> t(&heap_);
  if (!t.reserve(type.param_count + type.result_count) || !t.append(type.params, type.param_count) ||
      !t.append(type.results, type.result_count) || !type_param_counts_.reserve_more(1) ||
      !type_pool_.push_back(static_cast<Vec<ValType>&&>(t)))
    return kNoTypeId;
  (void)type_param_counts_.push_back(type.param_count);  // reserved above
  return uint32_t(type_pool_.size() - 1);
}

FunctionObj* StoreState::create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept {
  if (!callback) return nullptr;
  uint32_t type_id = intern_type(type);
  if (type_id == kNoTypeId || !functions_.reserve_more(1)) return nullptr;
  FunctionObj* f = make<FunctionObj>(heap_);
  if (!f) return nullptr;
  f->type_id_ = type_id;
  // The signature lives in the store's pool so the caller's arrays need not outlive the function.
  const Vec<ValType>& pooled = type_pool_[f->type_id_];
  f->type_.params = pooled.data();
  f->type_.param_count = type.param_count;
  f->type_.results = pooled.data() + type.param_count;
  f->type_.result_count = type.result_count;
  f->host_ = callback;
  f->host_user_ = user;
  (void)functions_.push_back(f);  // reserved above
  return f;
}

MemoryObj* StoreState::create_memory(const MemoryType& type) noexcept {
  uint64_t cap = config_.max_memory_pages;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap || !memories_.reserve_more(1)) return nullptr;
  MemoryObj* m = make<MemoryObj>(heap_, &heap_);
  if (!m) return nullptr;
  m->limits_ = type.limits;
  m->max_pages_ = cap;
  std::size_t bytes = std::size_t(type.limits.min * Memory::kPageSize);
  if (bytes) {
    m->data_ = static_cast<uint8_t*>(heap_.alloc_zeroed(bytes));
    if (!m->data_) {
      destroy(heap_, m);
      return nullptr;
    }
  }
  m->size_ = bytes;
  m->capacity_ = bytes;
  (void)memories_.push_back(m);  // reserved above
  return m;
}

TableObj* StoreState::create_table(const TableType& type, void* init) noexcept {
  uint64_t cap = config_.max_table_elements;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap || !tables_.reserve_more(1)) return nullptr;
  TableObj* t = make<TableObj>(heap_, &heap_);
  if (!t) return nullptr;
  t->elem_ = type.elem;
  t->limits_ = type.limits;
  t->max_ = cap;
  if (!t->elements_.assign(std::size_t(type.limits.min), init)) {
    destroy(heap_, t);
    return nullptr;
  }
  (void)tables_.push_back(t);  // reserved above
  return t;
}

GlobalObj* StoreState::create_global(const GlobalType& type, const Value& init) noexcept {
  if (init.type != type.type || !globals_.reserve_more(1)) return nullptr;
  GlobalObj* g = make<GlobalObj>(heap_);
  if (!g) return nullptr;
  g->type_ = type;
  value_to_slots(init, g->value_);
  (void)globals_.push_back(g);  // reserved above
  return g;
}

// A host-initiated call. No Error lives in this frame or in start_call's beyond the one returned
// (every return is a call, or start_call's single named result): this chain sits under every
// host-initiated run, and on firmware each Error on it is 180 bytes of stack. The checks run in
// frames of their own that are gone before the call starts.
Error StoreState::call(FunctionObj* func, const Value* args, std::size_t arg_count, Value* results,
                       std::size_t result_count) noexcept {
  if (!exec_ || !call_allowed(func, args, arg_count, result_count))
    return refuse_call(func, args, arg_count, results, result_count);
  return start_call(func, args, results);
}

bool StoreState::call_allowed(FunctionObj* func, const Value* args, std::size_t arg_count,
                              std::size_t result_count) noexcept {
  return check_call(func, args, arg_count, result_count).ok();
}

// The slow path: sets up the stacks if an earlier attempt failed, then says what is wrong with the
// call, or, when nothing is, runs it.
Error StoreState::refuse_call(FunctionObj* func, const Value* args, std::size_t arg_count, Value* results,
                              std::size_t result_count) noexcept {
  if (Error e = prepare_exec()) return e;
  if (Error e = check_call(func, args, arg_count, result_count)) return e;
  return start_call(func, args, results);
}

// What is wrong with calling func with these arguments and room for results (nothing: ok). The
// stacks must exist.
Error StoreState::check_call(FunctionObj* func, const Value* args, std::size_t arg_count,
                             std::size_t result_count) noexcept {
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
  uint32_t in = slots_of(t.params, t.param_count), out = slots_of(t.results, t.result_count);
  if (exec_->stack_top + (in > out ? in : out) > exec_->stack_end) {
    Error e = Error::make_trap(TrapKind::CallStackExhausted);
    detail::DetailText d;
    d.str("Config::stack_bytes = ").num(config_.stack_bytes).str(" reached").into(e);
    return e;
  }
  return Error{};
}

// Runs a checked call: arguments to slots, execute, results back.
Error StoreState::start_call(FunctionObj* func, const Value* args, Value* results) noexcept {
  FuncTypeView t = func->type_;
  uint64_t* fp = exec_->stack_top;
  uint64_t* s = fp;
  for (uint32_t i = 0; i < t.param_count; ++i) {
    value_to_slots(args[i], s);
    s += slot_count(t.params[i]);
  }
  Error e = execute(*this, func, fp, true);
  if (!e) write_results(t, fp, results);
  return e;
}

Error StoreState::resume(Value* results, std::size_t result_count) noexcept {
  if (!exec_ || !exec_->suspended.active)
    return Error::make(ErrorKind::BadArgument, "no suspended call to resume");
  FunctionObj* entry = exec_->suspended.entry;
  uint64_t* fp = exec_->suspended.entry_fp;
  FuncTypeView t = entry->type_;
  if (result_count < t.result_count) {
    Error e = Error::make(ErrorKind::BadArgument, "wrong number of results");
    detail::DetailText d;
    d.str("function ").signature(t).str(" returns ").num(t.result_count).str(" result(s), room given for ");
    d.num(result_count).into(e);
    return e;
  }
  Error e = resume_execution(*this);
  if (e) return e;
  write_results(t, fp, results);
  return e;
}

Error typed_call_mismatch(const Function* func, FuncTypeView wanted) noexcept {
  if (!func) return Error::make(ErrorKind::BadArgument, "function is null (was the export name right?)");
  Error e = Error::make(ErrorKind::BadArgument, "typed call does not match the function's type");
  const FuncTypeView have = impl(func)->type_;
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

}  // namespace ember::detail

// ---- the public handle ---------------------------------------------------------------------------

namespace ember {

namespace detail {
StoreState* store_state(const Store& store) noexcept { return store.state_; }
}  // namespace detail

Store::Store(const Config& config) noexcept : config_(config) { (void)prepare_state(); }

Error Store::prepare_state() noexcept {
  if (state_) return Error{};
  // The state lives in its own heap: allocated from a local copy that then becomes its member.
  detail::Heap heap(config_.allocator, config_.max_heap_bytes);
  void* mem = heap.alloc(sizeof(detail::StoreState));
  if (!mem) return detail::out_of_memory(heap, "the store");
  state_ = new (mem) detail::StoreState(this, config_, heap);
  return Error{};
}

Store::~Store() {
  if (!state_) return;
  detail::Heap heap(state_->heap_);  // frees the block after the members have freed theirs
  state_->~StoreState();
  heap.free(state_, sizeof(detail::StoreState));
}

Result<Instance*> Store::instantiate(const Module& module, const Extern* imports,
                                     std::size_t import_count) noexcept {
  if (Error e = prepare_state()) return e;
  return state_->instantiate(module, imports, import_count);
}

Function* Store::create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept {
  return state_ ? state_->create_host_function(type, callback, user) : nullptr;
}
Memory* Store::create_memory(const MemoryType& type) noexcept {
  return state_ ? state_->create_memory(type) : nullptr;
}
Table* Store::create_table(const TableType& type, void* init) noexcept {
  return state_ ? state_->create_table(type, init) : nullptr;
}
Global* Store::create_global(const GlobalType& type, const Value& init) noexcept {
  return state_ ? state_->create_global(type, init) : nullptr;
}

void* Store::allocate_host_data(std::size_t size, void (*drop)(void*)) noexcept {
  if (!state_ || !state_->host_data_.reserve_more(1)) return nullptr;
  void* data = state_->heap_.alloc(size);
  if (data) (void)state_->host_data_.push_back(detail::HostData{data, size, drop});  // reserved above
  return data;
}

// Both returns are calls, so this frame holds no Error of its own (see StoreState::call).
Error Store::call(Function* func, const Value* args, std::size_t arg_count, Value* results,
                  std::size_t result_count) noexcept {
  if (!state_) return call_unprepared(func, args, arg_count, results, result_count);
  return state_->call(detail::impl(func), args, arg_count, results, result_count);
}

Error Store::call_unprepared(Function* func, const Value* args, std::size_t arg_count, Value* results,
                             std::size_t result_count) noexcept {
  if (Error e = prepare_state()) return e;
  return state_->call(detail::impl(func), args, arg_count, results, result_count);
}

uint32_t Store::backtrace(BacktraceFrame* out, uint32_t max) const noexcept {
  uint32_t n = 0;
  if (!state_) return 0;
  for (; n < max && n < state_->backtrace_.size(); ++n) out[n] = state_->backtrace_[n];
  return n;
}

std::size_t Store::memory_used() const noexcept { return state_ ? state_->heap_.used() : 0; }

uint64_t Store::fuel() const noexcept {
  if (!state_) return config_.fuel;
  if (state_->exec_) return state_->exec_->fuel;
  return state_->has_pending_fuel_ ? state_->pending_fuel_ : config_.fuel;
}

InterruptHandle* Store::interrupt_handle() noexcept { return state_ ? &state_->interrupt_ : nullptr; }

bool Store::suspended() const noexcept { return state_ && state_->exec_ && state_->exec_->suspended.active; }

Error Store::resume(Value* results, std::size_t result_count) noexcept {
  if (!state_) return Error::make(ErrorKind::BadArgument, "no suspended call to resume");
  return state_->resume(results, result_count);
}

void Store::abandon() noexcept {
  if (suspended()) state_->exec_->suspended.active = false;
}

void InterruptHandle::interrupt() noexcept { static_cast<detail::InterruptObj*>(this)->flag.request(); }

bool InterruptHandle::pending() const noexcept {
  return static_cast<const detail::InterruptObj*>(this)->flag.requested();
}

void Store::set_fuel(uint64_t fuel) noexcept {
  if (!state_) return;
  if (state_->exec_) {
    state_->exec_->fuel = fuel;
  } else {
    state_->pending_fuel_ = fuel;
    state_->has_pending_fuel_ = true;
  }
}

}  // namespace ember
