// Ember: the store: owner of every runtime object, of the execution stacks, and the host's entry
// point for calls.
#include <cstring>
#include <new>
#include <type_traits>

#include "execute/exec_state.h"
#include "module/module_data.h"
#include "runtime/value_slots.h"
#include "util/out_of_memory.h"

namespace ember {

namespace {

uint32_t slots_of(const ValType* types, uint32_t n) noexcept {
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; ++i) s += slot_count(types[i]);
  return s;
}

}  // namespace

Store::Store(const Config& config) noexcept
    : config_(config),
      heap_(config.allocator, config.max_heap_bytes),
      instances_(&heap_),
      functions_(&heap_),
      memories_(&heap_),
      tables_(&heap_),
      globals_(&heap_),
      thunks_(&heap_),
      type_pool_(&heap_),
      type_param_counts_(&heap_),
      backtrace_(&heap_) {
  (void)prepare_exec();  // a failure here is reported, and retried, by the first call or instantiate
}

Error Store::prepare_exec() noexcept {
  if (exec_) return Error{};
  detail::ExecState* st = detail::make<detail::ExecState>(heap_, &heap_);
  if (st && st->init(config_)) {
    if (has_pending_fuel_) st->fuel = pending_fuel_;
    exec_ = st;
    return Error{};
  }
  detail::destroy(heap_, st);
  return detail::out_of_memory(heap_, "the execution stacks (Config::stack_bytes, Config::max_call_depth)");
}

Store::~Store() {
  for (Instance* i : instances_) {
    const detail::ModuleData* m = i->module_;
    destroy_instance(i);
    detail::release_module(m);  // nothing below reads module data
  }
  for (Function* f : functions_) detail::destroy(heap_, f);
  for (detail::HostThunk* t : thunks_) t->destroy(heap_);
  for (Memory* m : memories_) detail::destroy(heap_, m);
  for (Table* t : tables_) detail::destroy(heap_, t);
  for (Global* g : globals_) detail::destroy(heap_, g);
  detail::destroy(heap_, exec_);
}

void Store::destroy_instance(Instance* inst) noexcept {
  static_assert(std::is_trivially_destructible<Function>::value, "function blocks are freed without destructors");
  if (inst->function_block_) heap_.free(inst->function_block_, sizeof(Function) * inst->function_block_count_);
  detail::destroy(heap_, inst);
}

std::size_t Store::memory_used() const noexcept { return heap_.used(); }

// The canonical id of a signature in this store is its index in type_pool_: equal signatures (element
// by element, ValType ==) get the same id, which is what call_indirect and import matching compare.
uint32_t Store::intern_type(FuncTypeView type) noexcept {
  for (uint32_t i = 0; i < type_pool_.size(); ++i) {
    const detail::Vec<ValType>& t = type_pool_[i];
    if (type_param_counts_[i] != type.param_count || t.size() != type.param_count + type.result_count) continue;
    FuncTypeView pooled{t.data(), type.param_count, t.data() + type.param_count, type.result_count};
    if (pooled == type) return i;
  }
  detail::Vec<ValType> t(&heap_);
  if (!t.reserve(type.param_count + type.result_count) || !t.append(type.params, type.param_count) ||
      !t.append(type.results, type.result_count) || !type_param_counts_.reserve(type_pool_.size() + 1) ||
      !type_pool_.push_back(static_cast<detail::Vec<ValType>&&>(t)))
    return kNoTypeId;
  (void)type_param_counts_.push_back(type.param_count);  // reserved above
  return uint32_t(type_pool_.size() - 1);
}

Function* Store::create_host_function(FuncTypeView type, HostCallback callback, void* user) noexcept {
  if (!callback) return nullptr;
  uint32_t type_id = intern_type(type);
  if (type_id == kNoTypeId || !functions_.reserve(functions_.size() + 1)) return nullptr;
  Function* f = detail::make<Function>(heap_);
  if (!f) return nullptr;
  f->type_id_ = type_id;
  // The signature lives in the store's pool so the caller's arrays need not outlive the function.
  const detail::Vec<ValType>& pooled = type_pool_[f->type_id_];
  f->type_.params = pooled.data();
  f->type_.param_count = type.param_count;
  f->type_.results = pooled.data() + type.param_count;
  f->type_.result_count = type.result_count;
  f->host_ = callback;
  f->host_user_ = user;
  (void)functions_.push_back(f);  // reserved above
  return f;
}

Memory* Store::create_memory(const MemoryType& type) noexcept {
  uint64_t cap = config_.max_memory_pages;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap || !memories_.reserve(memories_.size() + 1)) return nullptr;
  Memory* m = detail::make<Memory>(heap_, &heap_);
  if (!m) return nullptr;
  m->limits_ = type.limits;
  m->max_pages_ = cap;
  std::size_t bytes = std::size_t(type.limits.min * Memory::kPageSize);
  if (bytes) {
    m->data_ = static_cast<uint8_t*>(heap_.alloc_zeroed(bytes));
    if (!m->data_) {
      detail::destroy(heap_, m);
      return nullptr;
    }
  }
  m->size_ = bytes;
  (void)memories_.push_back(m);  // reserved above
  return m;
}

Table* Store::create_table(const TableType& type, void* init) noexcept {
  uint64_t cap = config_.max_table_elements;
  if (type.limits.has_max && type.limits.max < cap) cap = type.limits.max;
  if (type.limits.min > cap || !tables_.reserve(tables_.size() + 1)) return nullptr;
  Table* t = detail::make<Table>(heap_, &heap_);
  if (!t) return nullptr;
  t->elem_ = type.elem;
  t->limits_ = type.limits;
  t->max_ = cap;
  if (!t->elements_.assign(std::size_t(type.limits.min), init)) {
    detail::destroy(heap_, t);
    return nullptr;
  }
  (void)tables_.push_back(t);  // reserved above
  return t;
}

Global* Store::create_global(const GlobalType& type, const Value& init) noexcept {
  if (init.type != type.type || !globals_.reserve(globals_.size() + 1)) return nullptr;
  Global* g = detail::make<Global>(heap_);
  if (!g) return nullptr;
  g->type_ = type;
  detail::value_to_slots(init, g->value_);
  (void)globals_.push_back(g);  // reserved above
  return g;
}

Error Store::call(Function* func, const Value* args, std::size_t arg_count, Value* results,
                  std::size_t result_count) noexcept {
  if (Error e = prepare_exec()) return e;
  if (!func) return Error::make(ErrorKind::BadArgument, "null function");
  FuncTypeView t = func->type_;
  if (arg_count != t.param_count || result_count < t.result_count)
    return Error::make(ErrorKind::BadArgument, "wrong number of arguments or results");
  for (uint32_t i = 0; i < t.param_count; ++i)
    if (args[i].type != t.params[i]) return Error::make(ErrorKind::BadArgument, "argument type mismatch");
  uint64_t* fp = exec_->stack_top;
  uint32_t in = slots_of(t.params, t.param_count), out = slots_of(t.results, t.result_count);
  if (fp + (in > out ? in : out) > exec_->stack_end) return Error::make_trap(TrapKind::CallStackExhausted);
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

uint32_t Store::backtrace(BacktraceFrame* out, uint32_t max) const noexcept {
  uint32_t n = 0;
  for (; n < max && n < backtrace_.size(); ++n) out[n] = backtrace_[n];
  return n;
}

uint64_t Store::fuel() const noexcept { return exec_ ? exec_->fuel : has_pending_fuel_ ? pending_fuel_ : config_.fuel; }

void Store::set_fuel(uint64_t fuel) noexcept {
  if (exec_) {
    exec_->fuel = fuel;
  } else {
    pending_fuel_ = fuel;
    has_pending_fuel_ = true;
  }
}

}  // namespace ember
