// A minimal walk over a module's section headers, for `ember inspect` (the library does not expose
// sections). Reads only ids, sizes and custom-section names; never trusts a length it has not checked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember_cli {

struct SectionInfo {
  uint8_t id = 0;
  uint64_t offset = 0;  // of the section's contents
  uint64_t size = 0;
  std::string custom_name;  // custom sections only
};

// Fills `out` with the sections found; returns false (with a reason) if the headers are malformed.
bool list_sections(const std::vector<uint8_t>& bytes, std::vector<SectionInfo>* out, std::string* error);

const char* section_name(uint8_t id);

}  // namespace ember_cli
