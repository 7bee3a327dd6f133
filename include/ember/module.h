// Ember: a decoded and validated module. Immutable once loaded; many instances may share it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ember/config.h"
#include "ember/error.h"
#include "ember/types.h"

namespace ember {

namespace detail {
struct ModuleData;
}

// One import as declared by the module.
struct ImportInfo {
  std::string_view module;
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  FuncTypeView func;     // kind == Func
  TableType table;       // kind == Table
  MemoryType memory;     // kind == Memory
  GlobalType global;     // kind == Global
};

// One export as declared by the module.
struct ExportInfo {
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;    // in the module's index space of that kind (imports first)
};

// How load() treats the input bytes.
enum class BytesOwnership : uint8_t {
  Copy,    // the module keeps its own copy; the caller may free the input at once
  Borrow,  // the module points into the input, which must outlive it (e.g. a module in flash)
};

class Module {
 public:
  // Decodes and validates a binary module. Never writes to `bytes`.
  [[nodiscard]] static Result<Module> load(const uint8_t* bytes, std::size_t size, const Config& config = Config{},
                             BytesOwnership ownership = BytesOwnership::Copy) noexcept;

  Module(Module&& other) noexcept;
  Module& operator=(Module&& other) noexcept;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  ~Module();

  uint32_t import_count() const noexcept;
  ImportInfo import(uint32_t index) const noexcept;
  uint32_t export_count() const noexcept;
  ExportInfo export_at(uint32_t index) const noexcept;

  // Number of functions, imported ones included, and the signature of one.
  uint32_t function_count() const noexcept;
  FuncTypeView function_type(uint32_t func_index) const noexcept;
  // Name from the `name` custom section, or an empty view.
  std::string_view function_name(uint32_t func_index) const noexcept;

  // Size in bytes of the module's code section (what load() compiled).
  std::size_t code_size() const noexcept;

  // Internal representation, for the engine's own use.
  detail::ModuleData* data() const noexcept { return data_; }

 private:
  explicit Module(detail::ModuleData* data) noexcept : data_(data) {}
  detail::ModuleData* data_ = nullptr;
};

}  // namespace ember
