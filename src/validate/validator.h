// Ember: the validator. Applies the full typing rules to a decoded module.
#pragma once

#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

// Validates the module: types, imports, exports (unique names), limits, constant expressions,
// element / data segments, the start function, and every function body. Sets each body's
// max_stack (in 8-byte slots, v128 counting two) and max_control, and m.declared_refs.
// Returns ErrorKind::Invalid (or Malformed for bad instruction encodings found in bodies) with the
// spec's message, the byte offset and the function index.
Error validate_module(ModuleData& m) noexcept;

}  // namespace ember::detail
