// Ember: instantiation: import matching, allocation of the instance's own objects, segment
// initialisation and the start function (the spec's "instantiate" algorithm).
#include <cstring>
#include <new>

#include "execute/exec_state.h"
#include "runtime/const_eval.h"
#include "runtime/import_error.h"

namespace ember {

namespace {

// Import subtyping of limits: the provided object must be at least as large and at most as
// permissive as declared.
bool limits_match(uint64_t actual_min, bool actual_has_max, uint64_t actual_max, const Limits& declared) noexcept {
  if (actual_min < declared.min) return false;
  if (declared.has_max) {
    if (!actual_has_max || actual_max > declared.max) return false;
  }
  return true;
}

Error check_import(Store& store, const detail::ModuleData& m, const detail::Import& imp, const Extern& ext) noexcept {
  if (!ext.ptr || ext.kind != imp.kind) return detail::incompatible_import(m, imp, ext);
  switch (imp.kind) {
    case ExternKind::Func:
      if (ext.func->type_id_ != store.intern_type(m.type_view(imp.func_type)))
        return detail::incompatible_import(m, imp, ext);
      break;
    case ExternKind::Table: {
      const Table* t = ext.table;
      if (t->elem_ != imp.table.elem ||
          !limits_match(t->elements_.size(), t->limits_.has_max, t->limits_.max, imp.table.limits))
        return detail::incompatible_import(m, imp, ext);
      break;
    }
    case ExternKind::Memory: {
      const Memory* mem = ext.memory;
      if (!limits_match(mem->pages(), mem->limits_.has_max, mem->limits_.max, imp.memory.limits))
        return detail::incompatible_import(m, imp, ext);
      break;
    }
    case ExternKind::Global:
      if (ext.global->type_.type != imp.global.type || ext.global->type_.is_mutable != imp.global.is_mutable)
        return detail::incompatible_import(m, imp, ext);
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
  detail::DetailText d;
  d.str(what).str(" of ").num(n).str(" ").str(unit).str(" exceeds Config::").str(setting).str(" = ").num(cap);
  d.into(e);
  return e;
}

// Evaluates an i32 segment offset; false if eval_const failed.
bool const_u32(const detail::ModuleData& m, const Instance& inst, const detail::ConstExpr& e, uint64_t* out) noexcept {
  uint64_t v[2];
  if (!detail::eval_const(m, inst, e, v)) return false;
  *out = uint32_t(v[0]);
  return true;
}

}  // namespace

Result<Instance*> Store::instantiate(const Module& module, const Extern* imports, std::size_t import_count) noexcept {
  detail::ModuleData& m = *module.data();
  if (!exec_) return Error::make(ErrorKind::OutOfMemory, "the store has no execution stack");
  if (import_count != m.imports.size()) return Error::make(ErrorKind::BadArgument, "wrong number of imports");
  if (exec_->fuel_enabled && m.config.fuel == 0)
    return Error::make(ErrorKind::BadArgument,
                       "the store limits fuel but the module was loaded without fuel metering (Config::fuel)");
  for (std::size_t i = 0; i < import_count; ++i) {
    Error e = check_import(*this, m, m.imports[i], imports[i]);
    if (e) return e;
  }

  void* mem = detail::allocate(sizeof(Instance));
  if (!mem) return Error::make(ErrorKind::OutOfMemory, "out of memory");
  Instance* inst = new (mem) Instance();
  instances_.push_back(inst);
  inst->module_ = &m;
  inst->store_ = this;
  inst->type_ids_.reserve(m.types.size());
  for (uint32_t i = 0; i < m.types.size(); ++i) inst->type_ids_.push_back(intern_type(m.type_view(i)));

  for (std::size_t i = 0; i < import_count; ++i) {
    const Extern& x = imports[i];
    switch (x.kind) {
      case ExternKind::Func: inst->funcs_.push_back(x.func); break;
      case ExternKind::Table: inst->tables_.push_back(x.table); break;
      case ExternKind::Memory: inst->memories_.push_back(x.memory); break;
      case ExternKind::Global: inst->globals_.push_back(x.global); break;
    }
  }
  // The module's own functions live in one block per instance.
  Function* block = nullptr;
  if (!m.bodies.empty()) {
    block = static_cast<Function*>(detail::allocate(sizeof(Function) * m.bodies.size()));
    if (!block) return Error::make(ErrorKind::OutOfMemory, "out of memory");
    function_blocks_.push_back(block);
  }
  inst->funcs_.reserve(m.func_count());
  for (uint32_t i = 0; i < m.bodies.size(); ++i) {
    Function* f = new (&block[i]) Function();
    uint32_t index = m.imported_funcs + i;
    f->type_ = m.func_type_view(index);
    f->type_id_ = inst->type_ids_[m.func_types[index]];
    f->index_ = index;
    f->instance_ = inst;
    f->code_ = m.bodies[i].compiled;
    inst->funcs_.push_back(f);
  }
  for (uint32_t i = m.imported_tables; i < m.tables.size(); ++i) {
    if (m.tables[i].limits.min > config_.max_table_elements)
      return limit_error("table exceeds the host's table size limit", "table", m.tables[i].limits.min, "elements",
                         "max_table_elements", config_.max_table_elements);
    Table* t = create_table(m.tables[i]);
    if (!t) return Error::make(ErrorKind::OutOfMemory, "out of memory");
    inst->tables_.push_back(t);
  }
  for (uint32_t i = m.imported_memories; i < m.memories.size(); ++i) {
    if (m.memories[i].limits.min > config_.max_memory_pages)
      return limit_error("memory exceeds the host's memory limit", "memory", m.memories[i].limits.min, "pages",
                         "max_memory_pages", config_.max_memory_pages);
    Memory* mm = create_memory(m.memories[i]);
    if (!mm) return Error::make(ErrorKind::OutOfMemory, "out of memory");
    inst->memories_.push_back(mm);
  }
  for (uint32_t i = 0; i < m.globals.size(); ++i) {
    Global* g = create_global(m.globals[i].type, Value::zero(m.globals[i].type.type));
    if (!g) return Error::make(ErrorKind::OutOfMemory, "out of memory");
    // Initialisers may read earlier globals, so each is pushed before the next is evaluated.
    if (!detail::eval_const(m, *inst, m.globals[i].init, g->value_))
      return const_eval_failed();
    inst->globals_.push_back(g);
  }

  // Element segments are evaluated once, at instantiation.
  inst->elem_segments_.resize(m.elems.size());
  for (uint32_t s = 0; s < m.elems.size(); ++s) {
    const detail::ElemSegment& seg = m.elems[s];
    detail::Vec<void*>& refs = inst->elem_segments_[s];
    refs.reserve(seg.items.size());
    for (const detail::ElemItem& item : seg.items) {
      if (item.expr.size == 0) {
        refs.push_back(inst->funcs_[item.func_index]);
      } else {
        uint64_t v[2];
        if (!detail::eval_const(m, *inst, item.expr, v))
          return const_eval_failed();
        refs.push_back(reinterpret_cast<void*>(uintptr_t(v[0])));
      }
    }
  }
  inst->data_dropped_.assign(m.datas.size(), 0);

  // Active segments, in order; a failing one traps and leaves earlier writes in place.
  for (uint32_t s = 0; s < m.elems.size(); ++s) {
    const detail::ElemSegment& seg = m.elems[s];
    detail::Vec<void*>& refs = inst->elem_segments_[s];
    if (seg.mode == detail::SegmentMode::Active) {
      uint64_t offset;
      if (!const_u32(m, *inst, seg.offset, &offset)) return const_eval_failed();
      Table* t = inst->tables_[seg.table];
      if (offset + refs.size() > t->elements_.size()) return Error::make_trap(TrapKind::OutOfBoundsTableAccess);
      if (!refs.empty()) std::memcpy(t->elements_.data() + offset, refs.data(), refs.size() * sizeof(void*));
    }
    if (seg.mode != detail::SegmentMode::Passive) {
      refs.clear();
      refs.shrink_to_fit();
    }
  }
  for (uint32_t s = 0; s < m.datas.size(); ++s) {
    const detail::DataSegment& seg = m.datas[s];
    if (seg.mode != detail::SegmentMode::Active) continue;
    uint64_t offset;
    if (!const_u32(m, *inst, seg.offset, &offset)) return const_eval_failed();
    Memory* mm = inst->memories_[seg.memory];
    if (offset + seg.data_size > mm->size_) return Error::make_trap(TrapKind::OutOfBoundsMemoryAccess);
    if (seg.data_size) std::memcpy(mm->data_ + offset, m.bytes + seg.data_offset, seg.data_size);
    inst->data_dropped_[s] = 1;
  }

  if (m.has_start) {
    Function* start = inst->funcs_[m.start];
    Error e = detail::execute(*this, start, exec_->stack_top);
    if (e) return e;
  }
  return inst;
}

Extern Instance::find_export(std::string_view name) const noexcept {
  for (const detail::Export& e : module_->exports) {
    if (e.name != name) continue;
    switch (e.kind) {
      case ExternKind::Func: return Extern(funcs_[e.index]);
      case ExternKind::Table: return Extern(tables_[e.index]);
      case ExternKind::Memory: return Extern(memories_[e.index]);
      case ExternKind::Global: return Extern(globals_[e.index]);
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

}  // namespace ember
