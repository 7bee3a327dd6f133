#include "decode/name_section.h"

#include <algorithm>

#include "decode/utf8.h"
#include "util/reader.h"
#include "util/sort.h"

namespace ember::detail {

namespace {

constexpr uint8_t kModuleNameId = 0;
constexpr uint8_t kFunctionNamesId = 1;

bool read_name(Reader& r, std::string_view* out) noexcept {
  uint32_t len;
  const uint8_t* p = nullptr;
  if (!r.u32(&len) || !r.bytes(len, &p)) return false;
  if (!is_valid_utf8(p, len)) return false;
  *out = std::string_view(reinterpret_cast<const char*>(p), len);
  return true;
}

// Subsection 1: a name map. Decoded into `out`; false if any part is malformed.
bool read_function_names(Reader& r, Vec<NameEntry>& out) noexcept {
  uint32_t count;
  if (!r.u32(&count)) return false;
  // Each entry takes at least two bytes, so this bounds the reservation by the input size.
  if (count > r.remaining() / 2) return false;
  if (!out.reserve(count)) return false;  // names are optional: without memory, none are kept
  bool sorted = true;
  for (uint32_t i = 0; i < count; ++i) {
    NameEntry e;
    if (!r.u32(&e.index) || !read_name(r, &e.name)) return false;
    if (!out.empty() && e.index <= out.back().index) sorted = false;
    if (!out.push_back(e)) return false;
  }
  if (!r.at_end()) return false;
  if (!sorted) {
    // The format requires increasing indices; producers that break this still get usable names:
    // sort, and keep the first name given for a duplicated index. Names lie in the section in
    // entry order, so ordering ties by name address makes the sort (which allocates nothing) stable.
    sort_elements(out.begin(), out.end(), [](const void* pa, const void* pb) noexcept {
      const auto& a = *static_cast<const NameEntry*>(pa);
      const auto& b = *static_cast<const NameEntry*>(pb);
      return a.index != b.index ? a.index < b.index : a.name.data() < b.name.data();
    });
    auto last = std::unique(out.begin(), out.end(),
                            [](const NameEntry& a, const NameEntry& b) { return a.index == b.index; });
    out.truncate(std::size_t(last - out.begin()));
  }
  return true;
}

}  // namespace

void decode_name_section(ModuleData& m, uint32_t begin, uint32_t end) noexcept {
  Reader r(m.bytes, begin, end);
  while (!r.at_end()) {
    uint8_t id;
    uint32_t size;
    if (!r.u8(&id) || !r.u32(&size) || size > r.remaining()) return;
    uint32_t sub_begin = r.pos();
    uint32_t sub_end = sub_begin + size;
    Reader sub(m.bytes, sub_begin, sub_end);
    if (id == kModuleNameId) {
      std::string_view name;
      if (read_name(sub, &name) && sub.at_end()) m.module_name = name;
    } else if (id == kFunctionNamesId) {
      Vec<NameEntry> names(&m.heap);
      if (read_function_names(sub, names)) m.func_names = std::move(names);
    }
    // Other subsections (local, label, type names, ...) are not used by the engine.
    r.seek(sub_end);
  }
}

}  // namespace ember::detail
