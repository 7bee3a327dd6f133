// Ember: instantiation: import matching, allocation of the instance's own objects, segment
// initialisation and the start function (the spec's "instantiate" algorithm).
#include <cstring>
#include <new>

#include "execute/exec_state.h"
#include "runtime/const_eval.h"
#include "runtime/import_error.h"
#include "runtime/store_state.h"
#include "util/out_of_memory.h"

namespace ember::detail {

namespace {

// Import subtyping of limits: the provided object must be at least as large and at most as
// permissive as declared.
bool limits_match(uint64_t actual_min, bool actual_has_max, uint64_t actual_max,
                  const Limits& declared) noexcept {
  if (actual_min < declared.min) return false;
  if (declared.has_max) {
    if (!actual_has_max || actual_max > declared.max) return false;
  }
  return true;
}

Error check_import(StoreState& store, const ModuleData& m, const Import& imp, const Extern& ext) noexcept {
  if (!ext.ptr || ext.kind != imp.kind) return incompatible_import(m, imp, ext);
  switch (imp.kind) {
    case ExternKind::Func:
      if (impl(ext.func)->type_id_ != store.intern_type(m.type_view(imp.func_type)))
        return incompatible_import(m, imp, ext);
      break;
    case ExternKind::Table: {
      const TableObj* t = impl(ext.table);
      if (t->elem_ != imp.table.elem ||
          !limits_match(t->elements_.size(), t->limits_.has_max, t->limits_.max, imp.table.limits))
        return incompatible_import(m, imp, ext);
      break;
    }
    case ExternKind::Memory: {
      const MemoryObj* mem = impl(ext.memory);
      if (!limits_match(mem->pages(), mem->limits_.has_max, mem->limits_.max, imp.memory.limits))
        return incompatible_import(m, imp, ext);
      break;
    }
    case ExternKind::Global:
      if (impl(ext.global)->type_.type != imp.global.type ||
          impl(ext.global)->type_.is_mutable != imp.global.is_mutable)
        return incompatible_import(m, imp, ext);
      break;
  }
  return Error{};
}

// eval_const fails only when it cannot allocate a stack for a deep expression.
Error const_eval_failed() noexcept {
  Error e = Error::make(ErrorKind::OutOfMemory, "out of memory");
  e.set_detail("allocating the stack of a constant expression");
  return e;
}

// "<what> of <n> <unit> exceeds Config::<setting> = <cap>"
Error limit_error(const char* message, const char* what, uint64_t n, const char* unit, const char* setting,
                  uint64_t cap) noexcept {
  Error e = Error::make(ErrorKind::Limit, message);
  DetailText d;
  d.str(what).str(" of ").num(n).str(" ").str(unit).str(" exceeds Config::").str(setting).str(" = ").num(cap);
  d.into(e);
  return e;
}

// Evaluates an i32 segment offset; false if eval_const failed.
bool const_u32(const ModuleData& m, const InstanceObj& inst, const ConstExpr& e, uint64_t* out) noexcept {
  uint64_t v[2];
  if (!eval_const(m, inst, e, v)) return false;
  *out = uint32_t(v[0]);
  return true;
}

}  // namespace

// What a store holds before an instantiation starts: an instantiation that fails before its
// instance is complete gives back everything it created, so no half-built instance stays behind.
struct StoreMark {
  std::size_t memories, tables, globals;
};

Result<Instance*> StoreState::instantiate(const Module& module, const Extern* imports,
                                          std::size_t import_count) noexcept {
  if (module.empty()) return Error::make(ErrorKind::BadArgument, "the module is empty (moved from)");
  const ModuleData& m = *module_data(module);
  if (Error e = prepare_exec()) return e;
  if (import_count != m.imports.size()) return Error::make(ErrorKind::BadArgument, "wrong number of imports");
  if (instances_.size() >= config_.max_instances) {
    Error e = Error::make(ErrorKind::Limit, "too many instances");
    DetailText d;
    d.str("instance ")
        .num(instances_.size() + 1)
        .str(" exceeds Config::max_instances = ")
        .num(config_.max_instances);
    d.into(e);
    return e;
  }
  if (exec_->fuel_enabled && !m.metered())
    return Error::make(ErrorKind::BadArgument,
                       "the store limits fuel but the module was loaded without fuel metering (Config::fuel, "
                       "Config::metered)");
  for (std::size_t i = 0; i < import_count; ++i) {
    Error e = check_import(*this, m, m.imports[i], imports[i]);
    if (e) return e;
  }
  StoreMark mark{memories_.size(), tables_.size(), globals_.size()};
  InstanceObj* inst = nullptr;
  Error e = build_instance(module, imports, &inst);
  if (e) {
    rollback(mark, inst);
    return e;
  }
  // From here on the instance is complete: segment writes into imported tables and memories are
  // visible to other instances even when a later one traps, so a failing instance stays in the
  // store (as the spec requires) until the store goes.
  return initialize_instance(m, inst);
}

void StoreState::rollback(const StoreMark& mark, InstanceObj* inst) noexcept {
  if (inst) destroy_instance(inst);
  for (std::size_t i = mark.memories; i < memories_.size(); ++i) destroy(heap_, memories_[i]);
  for (std::size_t i = mark.tables; i < tables_.size(); ++i) destroy(heap_, tables_[i]);
  for (std::size_t i = mark.globals; i < globals_.size(); ++i) destroy(heap_, globals_[i]);
  memories_.truncate(mark.memories);
  tables_.truncate(mark.tables);
  globals_.truncate(mark.globals);
}

Error StoreState::build_instance(const Module& module, const Extern* imports, InstanceObj** out) noexcept {
  auto oom = [&](const char* what) { return out_of_memory(heap_, what); };
  if (!instances_.reserve_more(1)) return oom("the store's instance list");
  const ModuleData& m = *module_data(module);
  InstanceObj* inst = make<InstanceObj>(heap_, &heap_, module, handle_);
  if (!inst) return oom("an instance");
  *out = inst;
  if (!inst->type_ids_.reserve(m.types.size()) || !inst->funcs_.reserve(m.func_count()) ||
      !inst->tables_.reserve(m.tables.size()) || !inst->memories_.reserve(m.memories.size()) ||
      !inst->globals_.reserve(m.global_types.size()) || !inst->elem_segments_.reserve(m.elems.size()) ||
      !inst->data_dropped_.assign(m.datas.size(), 0))
    return oom("an instance's index spaces");
  for (uint32_t i = 0; i < m.types.size(); ++i) {
    uint32_t id = intern_type(m.type_view(i));
    if (id == kNoTypeId) return oom("a function type");
    (void)inst->type_ids_.push_back(id);  // reserved above, like every index space below
  }

  for (std::size_t i = 0; i < m.imports.size(); ++i) {
    const Extern& x = imports[i];
    switch (x.kind) {
      case ExternKind::Func: (void)inst->funcs_.push_back(impl(x.func)); break;
      case ExternKind::Table: (void)inst->tables_.push_back(impl(x.table)); break;
      case ExternKind::Memory: (void)inst->memories_.push_back(impl(x.memory)); break;
      case ExternKind::Global: (void)inst->globals_.push_back(impl(x.global)); break;
    }
  }
  // The module's own functions live in one block per instance.
  if (!m.bodies.empty()) {
    inst->function_block_ = static_cast<FunctionObj*>(heap_.alloc(sizeof(FunctionObj) * m.bodies.size()));
    if (!inst->function_block_) return oom("an instance's functions");
    inst->function_block_count_ = uint32_t(m.bodies.size());
  }
  for (uint32_t i = 0; i < m.bodies.size(); ++i) {
    FunctionObj* f = new (&inst->function_block_[i]) FunctionObj();
    uint32_t index = m.imported_funcs + i;
    f->type_ = m.func_type_view(index);
    f->type_id_ = inst->type_ids_[m.func_types[index]];
    f->index_ = index;
    f->instance_ = inst;
    f->code_ = m.bodies[i].compiled.get();  // nullptr until compiled (lazily, on first call)
    (void)inst->funcs_.push_back(f);
  }
  for (uint32_t i = m.imported_tables; i < m.tables.size(); ++i) {
    if (m.tables[i].limits.min > config_.max_table_elements)
      return limit_error("table exceeds the host's table size limit", "table", m.tables[i].limits.min,
                         "elements", "max_table_elements", config_.max_table_elements);
    TableObj* t = create_table(m.tables[i], nullptr);
    if (!t) return oom("a table");
    (void)inst->tables_.push_back(t);
  }
  for (uint32_t i = m.imported_memories; i < m.memories.size(); ++i) {
    if (m.memories[i].limits.min > config_.max_memory_pages)
      return limit_error("memory exceeds the host's memory limit", "memory", m.memories[i].limits.min,
                         "pages", "max_memory_pages", config_.max_memory_pages);
    MemoryObj* mm = create_memory(m.memories[i]);
    if (!mm) return oom("a linear memory");
    (void)inst->memories_.push_back(mm);
  }
  for (uint32_t i = 0; i < m.globals.size(); ++i) {
    GlobalObj* g = create_global(m.globals[i].type, Value::zero(m.globals[i].type.type));
    if (!g) return oom("a global");
    // Initialisers may read earlier globals, so each is pushed before the next is evaluated.
    if (!eval_const(m, *inst, m.globals[i].init, g->value_)) return const_eval_failed();
    (void)inst->globals_.push_back(g);
  }

  // Element segments are evaluated once, at instantiation.
  for (uint32_t s = 0; s < m.elems.size(); ++s) {
    const ElemSegment& seg = m.elems[s];
    (void)inst->elem_segments_.push_back(Vec<void*>(&heap_));
    Vec<void*>& refs = inst->elem_segments_[s];
    if (!refs.reserve(seg.items.size())) return oom("an element segment");
    for (const ElemItem& item : seg.items) {
      if (item.expr.size == 0) {
        (void)refs.push_back(inst->funcs_[item.func_index]);
      } else {
        uint64_t v[2];
        if (!eval_const(m, *inst, item.expr, v)) return const_eval_failed();
        (void)refs.push_back(reinterpret_cast<void*>(uintptr_t(v[0])));
      }
    }
  }
  (void)instances_.push_back(inst);  // reserved above
  // From here on a failure leaves the instance in the store (its functions may already be in an
  // imported table), so its module reference is dropped with the store.
  return Error{};
}

Result<Instance*> StoreState::initialize_instance(const ModuleData& m, InstanceObj* inst) noexcept {
  // Active segments, in order; a failing one traps and leaves earlier writes in place.
  for (uint32_t s = 0; s < m.elems.size(); ++s) {
    const ElemSegment& seg = m.elems[s];
    Vec<void*>& refs = inst->elem_segments_[s];
    if (seg.mode == SegmentMode::Active) {
      uint64_t offset;
      if (!const_u32(m, *inst, seg.offset, &offset)) return const_eval_failed();
      TableObj* t = inst->tables_[seg.table];
      if (offset + refs.size() > t->elements_.size())
        return Error::make_trap(TrapKind::OutOfBoundsTableAccess);
      if (!refs.empty()) std::memcpy(t->elements_.data() + offset, refs.data(), refs.size() * sizeof(void*));
    }
    if (seg.mode != SegmentMode::Passive) {
      refs.release();
    }
  }
  for (uint32_t s = 0; s < m.datas.size(); ++s) {
    const DataSegment& seg = m.datas[s];
    if (seg.mode != SegmentMode::Active) continue;
    uint64_t offset;
    if (!const_u32(m, *inst, seg.offset, &offset)) return const_eval_failed();
    MemoryObj* mm = inst->memories_[seg.memory];
    if (offset + seg.data_size > mm->size_) return Error::make_trap(TrapKind::OutOfBoundsMemoryAccess);
    if (seg.data_size) std::memcpy(mm->data_ + offset, m.bytes + seg.data_offset, seg.data_size);
    inst->data_dropped_[s] = 1;
  }

  if (m.has_start) {
    FunctionObj* start = inst->funcs_[m.start];
    Error e = execute(*this, start, exec_->stack_top);
    if (e) return e;
  }
  return inst;
}

}  // namespace ember::detail

namespace ember {

Extern Instance::find_export(std::string_view name) const noexcept {
  const detail::InstanceObj* self = detail::impl(this);
  for (const detail::Export& e : self->module_->exports) {
    if (e.name != name) continue;
    switch (e.kind) {
      case ExternKind::Func: return Extern(static_cast<Function*>(self->funcs_[e.index]));
      case ExternKind::Table: return Extern(static_cast<Table*>(self->tables_[e.index]));
      case ExternKind::Memory: return Extern(static_cast<Memory*>(self->memories_[e.index]));
      case ExternKind::Global: return Extern(static_cast<Global*>(self->globals_[e.index]));
    }
  }
  return Extern();
}

Function* Instance::function(std::string_view name) const noexcept {
  Extern e = find_export(name);
  return e.kind == ExternKind::Func ? e.func : nullptr;
}
Memory* Instance::memory(std::string_view name) const noexcept {
  Extern e = find_export(name);
  return e.kind == ExternKind::Memory ? e.memory : nullptr;
}
Table* Instance::table(std::string_view name) const noexcept {
  Extern e = find_export(name);
  return e.kind == ExternKind::Table ? e.table : nullptr;
}
Global* Instance::global(std::string_view name) const noexcept {
  Extern e = find_export(name);
  return e.kind == ExternKind::Global ? e.global : nullptr;
}

Memory* Instance::default_memory() const noexcept {
  const detail::InstanceObj* self = detail::impl(this);
  return self->memories_.empty() ? nullptr : self->memories_[0];
}
const Module& Instance::module() const noexcept { return detail::impl(this)->module_handle_; }
Store& Instance::store() const noexcept { return *detail::impl(this)->store_; }

}  // namespace ember
