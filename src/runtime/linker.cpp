// Ember: name-based import resolution.
#include "ember/runtime.h"
#include "module/module_data.h"
#include "runtime/import_error.h"
#include "runtime/store_state.h"
#include "util/out_of_memory.h"

namespace ember {

namespace detail {

// A Linker's definitions: names packed in one buffer, entries pointing into it.
struct LinkerState {
  struct Entry {
    uint32_t module_offset, module_len, name_offset, name_len;
    Extern value;
  };
  Vec<char> names;
  Vec<Entry> entries;

  std::string_view module_of(const Entry& e) const noexcept {
    return std::string_view(names.data() + e.module_offset, e.module_len);
  }
  std::string_view name_of(const Entry& e) const noexcept {
    return std::string_view(names.data() + e.name_offset, e.name_len);
  }
  Entry* find(std::string_view module, std::string_view name) noexcept {
    for (Entry& e : entries)
      if (module_of(e) == module && name_of(e) == name) return &e;
    return nullptr;
  }
};

}  // namespace detail

Linker::~Linker() { detail::destroy(detail::default_heap(), state_); }

bool Linker::define(std::string_view module, std::string_view name, const Extern& value) noexcept {
  if (!state_) state_ = detail::make<detail::LinkerState>(detail::default_heap());
  if (!state_) {
    out_of_memory_ = true;
    return false;
  }
  detail::LinkerState& s = *state_;
  if (detail::LinkerState::Entry* e = s.find(module, name)) {
    e->value = value;
    return true;
  }
  detail::LinkerState::Entry e;
  e.module_offset = uint32_t(s.names.size());
  e.module_len = uint32_t(module.size());
  e.name_offset = e.module_offset + e.module_len;
  e.name_len = uint32_t(name.size());
  e.value = value;
  if (!s.names.reserve_more(module.size() + name.size()) || !s.entries.reserve_more(1)) {
    out_of_memory_ = true;
    return false;
  }
  (void)s.names.append(module.data(), module.size());  // reserved above
  (void)s.names.append(name.data(), name.size());
  (void)s.entries.push_back(e);
  return true;
}

bool Linker::define_instance(std::string_view module, const Instance& instance) noexcept {
  const Module& m = instance.module();
  for (uint32_t i = 0; i < m.export_count(); ++i) {
    ExportInfo x = m.export_at(i);
    if (!define(module, x.name, instance.find_export(x.name))) return false;
  }
  return true;
}

Extern Linker::find(std::string_view module, std::string_view name) const noexcept {
  if (!state_) return Extern();
  const detail::LinkerState::Entry* e = state_->find(module, name);
  return e ? e->value : Extern();
}

Result<Instance*> Linker::instantiate(Store& store, const Module& module) const noexcept {
  if (module.empty()) return Error::make(ErrorKind::BadArgument, "the module is empty (moved from)");
  if (out_of_memory_)
    return Error::make(ErrorKind::OutOfMemory, "a definition was lost: Linker::define ran out of memory");
  const detail::ModuleData& m = *detail::module_data(module);
  detail::Heap& heap =
      detail::store_state(store) ? detail::store_state(store)->heap_ : detail::default_heap();
  detail::Vec<Extern> resolved(&heap);
  if (!resolved.reserve(m.imports.size())) return detail::out_of_memory(heap, "the resolved imports");
  for (const detail::Import& imp : m.imports) {
    Extern x = find(imp.module, imp.name);
    if (!x) return detail::import_error("unknown import", imp);
    (void)resolved.push_back(x);  // reserved above
  }
  return store.instantiate(module, resolved.data(), resolved.size());
}

}  // namespace ember
