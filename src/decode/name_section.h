// Ember: the `name` custom section (module and function names, for diagnostics and the host API).
#pragma once

#include <cstdint>

#include "module/module_data.h"

namespace ember::detail {

// Decodes the payload of a `name` custom section, bytes [begin, end) of m.bytes (after the section's
// own name). Fills m.module_name and m.func_names (sorted by index, one entry per index).
// The name section is only advisory: a malformed subsection is dropped, it never fails the module.
void decode_name_section(ModuleData& m, uint32_t begin, uint32_t end) noexcept;

}  // namespace ember::detail
