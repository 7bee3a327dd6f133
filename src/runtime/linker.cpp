// Ember: name-based import resolution.
#include "ember/runtime.h"
#include "runtime/import_error.h"
#include "util/out_of_memory.h"

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
  e.name_offset = e.module_offset + e.module_len;
  e.name_len = uint32_t(name.size());
  e.value = value;
  if (!names_.reserve(names_.size() + module.size() + name.size()) || !entries_.reserve(entries_.size() + 1)) {
    out_of_memory_ = true;
    return false;
  }
  (void)names_.append(module.data(), module.size());  // reserved above
  (void)names_.append(name.data(), name.size());
  (void)entries_.push_back(e);
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
  if (out_of_memory_)
    return Error::make(ErrorKind::OutOfMemory, "a definition was lost: Linker::define ran out of memory");
  detail::Vec<Extern> resolved(&store.heap_);
  if (!resolved.reserve(m.imports.size())) return detail::out_of_memory(store.heap_, "the resolved imports");
  for (const detail::Import& imp : m.imports) {
    Extern x = find(imp.module, imp.name);
    if (!x) {
      return detail::import_error("unknown import", imp);
    }
    (void)resolved.push_back(x);  // reserved above
  }
  return store.instantiate(module, resolved.data(), resolved.size());
}

}  // namespace ember
