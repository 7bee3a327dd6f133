// Ember: name-based import resolution.
#include "ember/runtime.h"
#include "runtime/import_error.h"

namespace ember {

bool Linker::define(std::string_view module, std::string_view name, const Extern& value) noexcept {
  for (Entry& e : entries_) {
    if (std::string_view(names_.data() + e.module_offset, e.module_len) == module &&
        std::string_view(names_.data() + e.name_offset, e.name_len) == name) {
      e.value = value;
      return true;
    }
  }
  Entry e;
  e.module_offset = uint32_t(names_.size());
  e.module_len = uint32_t(module.size());
  names_.insert(names_.end(), module.begin(), module.end());
  e.name_offset = uint32_t(names_.size());
  e.name_len = uint32_t(name.size());
  names_.insert(names_.end(), name.begin(), name.end());
  e.value = value;
  entries_.push_back(e);
  return true;
}

bool Linker::define_instance(std::string_view module, const Instance& instance) noexcept {
  for (const detail::Export& x : instance.module().exports)
    if (!define(module, x.name, instance.find_export(x.name))) return false;
  return true;
}

Extern Linker::find(std::string_view module, std::string_view name) const noexcept {
  for (const Entry& e : entries_) {
    if (std::string_view(names_.data() + e.module_offset, e.module_len) == module &&
        std::string_view(names_.data() + e.name_offset, e.name_len) == name)
      return e.value;
  }
  return Extern();
}

Result<Instance*> Linker::instantiate(Store& store, const Module& module) const noexcept {
  if (!module.data()) return store.instantiate(module, nullptr, 0);  // the empty-module error
  const detail::ModuleData& m = *module.data();
  detail::Vec<Extern> resolved;
  resolved.reserve(m.imports.size());
  for (const detail::Import& imp : m.imports) {
    Extern x = find(imp.module, imp.name);
    if (!x) {
      return detail::import_error("unknown import", imp);
    }
    resolved.push_back(x);
  }
  return store.instantiate(module, resolved.data(), resolved.size());
}

}  // namespace ember
