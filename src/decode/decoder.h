// Ember: the binary decoder. Fills a ModuleData from m.bytes[0, m.size).
#pragma once

#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

// Decodes every section of the module (bodies: locals decoded, instructions left to the validator).
// Returns ErrorKind::Malformed with the spec's message and the byte offset on bad input.
Error decode_module(ModuleData& m) noexcept;

}  // namespace ember::detail
