#include "sections.h"

#include <algorithm>

namespace ember_cli {
namespace {

bool read_leb_u32(const std::vector<uint8_t>& b, uint64_t* pos, uint64_t* out) {
  uint64_t result = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*pos >= b.size()) return false;
    uint8_t byte = b[(*pos)++];
    result |= uint64_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *out = result;
      return result <= 0xFFFFFFFFull;
    }
  }
  return false;
}

}  // namespace

const char* section_name(uint8_t id) {
  static const char* const kNames[] = {"custom", "type",   "import",    "function", "table",
                                       "memory", "global", "export",    "start",    "element",
                                       "code",   "data",   "datacount", "tag"};
  return id < sizeof kNames / sizeof kNames[0] ? kNames[id] : "unknown";
}

bool list_sections(const std::vector<uint8_t>& b, std::vector<SectionInfo>* out, std::string* error) {
  static const uint8_t kMagic[8] = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  if (b.size() < 8 || !std::equal(kMagic, kMagic + 4, b.begin())) {
    *error = "not a WebAssembly binary (bad magic number)";
    return false;
  }
  if (!std::equal(kMagic + 4, kMagic + 8, b.begin() + 4)) {
    *error = "unsupported binary version";
    return false;
  }
  uint64_t pos = 8;
  while (pos < b.size()) {
    SectionInfo s;
    uint64_t header = pos;
    s.id = b[pos++];
    if (!read_leb_u32(b, &pos, &s.size) || s.size > b.size() - pos) {
      *error = "section header at offset " + std::to_string(header) + " runs past the end of the file";
      return false;
    }
    s.offset = pos;
    if (s.id == 0) {
      uint64_t p = pos, len = 0;
      if (read_leb_u32(b, &p, &len) && len <= pos + s.size - p) {
        s.custom_name.assign(b.begin() + std::ptrdiff_t(p), b.begin() + std::ptrdiff_t(p + len));
      }
    }
    pos += s.size;
    out->push_back(s);
  }
  return true;
}

}  // namespace ember_cli
