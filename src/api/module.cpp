// Ember: Module: load = decode + validate (+ compile, unless compilation is lazy).
#include <new>

#include "compile/compiler.h"
#include "decode/decoder.h"
#include "ember/module.h"
#include "util/out_of_memory.h"
#include "validate/validator.h"

namespace ember {

namespace detail {
ModuleData::ModuleData(const Config& c, const Heap& h) noexcept
    : config(c),
      heap(h),
      owned_bytes(&heap),
      types(&heap),
      type_pool(&heap),
      imports(&heap),
      func_types(&heap),
      tables(&heap),
      memories(&heap),
      global_types(&heap),
      globals(&heap),
      exports(&heap),
      elems(&heap),
      datas(&heap),
      bodies(&heap),
      local_runs(&heap),
      func_names(&heap),
      declared_refs(&heap) {}

ModuleData::~ModuleData() { free_compiled(*this); }

ModuleData* module_data(const Module& module) noexcept { return module.data_; }

void retain_module(const ModuleData& m) noexcept { m.refs.retain(); }

void release_module(const ModuleData* m) noexcept {
  if (!m || !m->refs.release()) return;
  // The last reference: no other thread holds one, so nothing can read the data any more.
  ModuleData* owned = const_cast<ModuleData*>(m);
  Heap heap(owned->heap);  // frees the block after the members have freed theirs
  owned->~ModuleData();
  heap.free(owned, sizeof(ModuleData));
}
}  // namespace detail

// Each step's Error is built in place in the Result the caller provided (detail::ResultSlot): this
// frame sits under the whole load (validation is the deepest point of a firmware's stack) and
// holds none of its own.
Result<Module> Module::load(const uint8_t* bytes, std::size_t size, const Config& config,
                            BytesOwnership ownership) noexcept {
  Result<Module> result = detail::ResultSlot::pending<Module>();
  Error* error = detail::ResultSlot::error(result);
  if (size > 0xFFFFFFF0u) {
    new (error) Error(Error::make(ErrorKind::Limit, "module larger than 4 GiB"));
    return result;
  }
  if (!EMBER_JOBS && config.executor.run) {
    new (error) Error(Error::make(ErrorKind::Unsupported, "Config::executor is not supported by this build"));
    return result;
  }
  // The module lives in its own heap: allocate it from a local copy that then becomes its member.
  detail::Heap heap(config.allocator, config.max_heap_bytes);
  void* mem = heap.alloc(sizeof(detail::ModuleData));
  if (!mem) {
    new (error) Error(detail::out_of_memory(heap, "the module"));
    return result;
  }
  auto* m = new (mem) detail::ModuleData(config, heap);
  Module module(m);
  if (ownership == BytesOwnership::Copy) {
    if (!m->owned_bytes.append(bytes, size)) {
      new (error) Error(detail::out_of_memory(m->heap, "a copy of the module bytes"));
      return result;
    }
    m->bytes = m->owned_bytes.data();
  } else {
    m->bytes = bytes;
  }
  m->size = uint32_t(size);
  new (error) Error(detail::decode_module(*m));
  if (*error) return result;
  new (error) Error(detail::validate_module(*m));
  if (*error) return result;
  if (!config.lazy_compile) {
    new (error) Error(detail::compile_all(*m));
    if (*error) return result;
  }
  detail::ResultSlot::set_value(result, static_cast<Module&&>(module));
  return result;
}

Module::Module(const Module& other) noexcept : data_(other.data_) {
  if (data_) detail::retain_module(*data_);
}

Module& Module::operator=(const Module& other) noexcept {
  // Retain first, so self-assignment and assigning a copy of the same module are safe.
  if (other.data_) detail::retain_module(*other.data_);
  detail::release_module(data_);
  data_ = other.data_;
  return *this;
}

Module::Module(Module&& other) noexcept : data_(other.data_) { other.data_ = nullptr; }

Module& Module::operator=(Module&& other) noexcept {
  if (this != &other) {
    detail::release_module(data_);
    data_ = other.data_;
    other.data_ = nullptr;
  }
  return *this;
}

Module::~Module() {
  detail::release_module(data_);
  data_ = nullptr;
}

uint32_t Module::import_count() const noexcept { return uint32_t(data_->imports.size()); }

ImportInfo Module::import(uint32_t index) const noexcept {
  const detail::Import& imp = data_->imports[index];
  ImportInfo info;
  info.module = imp.module;
  info.name = imp.name;
  info.kind = imp.kind;
  if (imp.kind == ExternKind::Func) info.func = data_->type_view(imp.func_type);
  info.table = imp.table;
  info.memory = imp.memory;
  info.global = imp.global;
  return info;
}

uint32_t Module::export_count() const noexcept { return uint32_t(data_->exports.size()); }

ExportInfo Module::export_at(uint32_t index) const noexcept {
  const detail::Export& e = data_->exports[index];
  ExportInfo info;
  info.name = e.name;
  info.kind = e.kind;
  info.index = e.index;
  return info;
}

uint32_t Module::function_count() const noexcept { return data_->func_count(); }

FuncTypeView Module::function_type(uint32_t func_index) const noexcept {
  return data_->func_type_view(func_index);
}

std::string_view Module::function_name(uint32_t func_index) const noexcept {
  const auto& names = data_->func_names;
  uint32_t lo = 0, hi = uint32_t(names.size());
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (names[mid].index < func_index)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < names.size() && names[lo].index == func_index) return names[lo].name;
  return {};
}

std::size_t Module::memory_used() const noexcept { return data_ ? data_->heap.used() : 0; }

std::size_t Module::code_size() const noexcept { return data_->code_section_size; }

}  // namespace ember
