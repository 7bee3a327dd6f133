// Ember: a decoded and validated module. Immutable once loaded; many instances may share it.
//
// Lifetimes: a Module is a counted handle to the loaded module. Copies are cheap and share it;
// every Instance made from it holds a reference too, so the module stays alive until the last
// handle and the last Store holding an instance of it are destroyed. A Module may therefore be
// destroyed before the Stores that instantiated it. (Bytes loaded with BytesOwnership::Borrow must
// outlive all of these, not just the handle.)
//
// Threads: a Module may be used by any number of Stores on any threads at once: handles may be
// copied and destroyed concurrently, and lazily compiled functions (Config::lazy_compile) are
// compiled by whichever thread calls them first and published once for all stores. A single
// Module handle object is not itself synchronised: don't assign to one handle while another
// thread reads it. Builds with EMBER_NO_ATOMICS=1 (single-core MCUs without atomics) drop the
// cross-thread guarantees: there, use a Module from one thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ember/config.h"
#include "ember/error.h"
#include "ember/types.h"

namespace ember {

class Module;
namespace detail {
struct ModuleData;
ModuleData* module_data(const Module& module) noexcept;  // the engine's way behind the handle
}  // namespace detail

// One import as declared by the module.
struct ImportInfo {
  std::string_view module;
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  FuncTypeView func;  // kind == Func
  TableType table;    // kind == Table
  MemoryType memory;  // kind == Memory
  GlobalType global;  // kind == Global
};

// One export as declared by the module.
struct ExportInfo {
  std::string_view name;
  ExternKind kind = ExternKind::Func;
  uint32_t index = 0;  // in the module's index space of that kind (imports first)
};

// How load() treats the input bytes.
enum class BytesOwnership : uint8_t {
  Copy,    // the module keeps its own copy; the caller may free the input at once
  Borrow,  // the module points into the input, which must outlive it (e.g. a module in flash)
};

// One section of a binary module, as its header says (SectionReader).
struct SectionInfo {
  uint8_t id = 0;                // 0 custom, 1 type ... 11 data, 12 data count, 13 tag; others unknown
  uint32_t header_offset = 0;    // byte offset of the id byte
  uint32_t offset = 0;           // of the contents
  uint32_t size = 0;             // of the contents
  std::string_view custom_name;  // custom sections: the name, a view into the bytes; empty when
                                 // the section is too short to hold one
};

// The spec's name of a section id ("custom", "type", ... "datacount", "tag"); "unknown" otherwise.
const char* section_name(uint8_t id) noexcept;

// Lists the section headers of a binary module without decoding or validating the sections, for
// tools (ember inspect) and for looking at modules that fail to load. Bounds-checked: every length
// is checked against the bytes before use, so any input ends in a clean error.
//   SectionReader r(bytes, size);
//   SectionInfo s;
//   while (r.next(&s)) ...;
//   if (!r.error().ok()) ...;  // malformed header: what and where
class SectionReader {
 public:
  // Checks the magic number and version at once (a failure is error(); next() then returns false).
  // `bytes` must outlive the reader and the views it hands out.
  SectionReader(const uint8_t* bytes, std::size_t size) noexcept;
  // The next section: true; false at the end or at a malformed header (see error()).
  [[nodiscard]] bool next(SectionInfo* out) noexcept;
  // Ok, or why the walk stopped early: ErrorKind::Malformed with the offset of the bad header.
  const Error& error() const noexcept { return error_; }

 private:
  const uint8_t* bytes_;
  uint32_t size_;
  uint32_t pos_ = 8;
  Error error_;
};

class Module {
 public:
  // Decodes and validates a binary module. Never writes to `bytes`. A module that uses SIMD (the
  // v128 type or any 0xFD instruction) fails with ErrorKind::Unsupported: this build has no SIMD.
  [[nodiscard]] static Result<Module> load(const uint8_t* bytes, std::size_t size,
                                           const Config& config = Config{},
                                           BytesOwnership ownership = BytesOwnership::Copy) noexcept;

  // Another handle to the same loaded module (one more reference, no copying of the module).
  Module(const Module& other) noexcept;
  Module& operator=(const Module& other) noexcept;
  // Takes over the handle; `other` becomes empty.
  Module(Module&& other) noexcept;
  Module& operator=(Module&& other) noexcept;
  // Drops this handle's reference; the module itself lives on while instances of it exist.
  ~Module();

  // True for a moved-from handle. An empty module may only be destroyed, assigned to, or passed
  // to instantiate (which fails with ErrorKind::BadArgument); the other accessors need a module.
  bool empty() const noexcept { return data_ == nullptr; }

  uint32_t import_count() const noexcept;
  ImportInfo import(uint32_t index) const noexcept;
  uint32_t export_count() const noexcept;
  ExportInfo export_at(uint32_t index) const noexcept;

  // Number of functions, imported ones included, and the signature of one.
  uint32_t function_count() const noexcept;
  FuncTypeView function_type(uint32_t func_index) const noexcept;
  // Name from the `name` custom section, or an empty view.
  std::string_view function_name(uint32_t func_index) const noexcept;

  // Bytes this module holds through its allocator (Config::allocator): its tables, its copy of the
  // bytes (BytesOwnership::Copy) and its compiled code, which grows as lazy compilation runs.
  std::size_t memory_used() const noexcept;

  // Size in bytes of the module's code section (what load() compiled).
  std::size_t code_size() const noexcept;

 private:
  friend detail::ModuleData* detail::module_data(const Module& module) noexcept;
  explicit Module(detail::ModuleData* data) noexcept : data_(data) {}
  detail::ModuleData* data_ = nullptr;
};

}  // namespace ember
