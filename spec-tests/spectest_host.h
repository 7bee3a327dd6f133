// The `spectest` host module the suite's scripts import from, shared by ember-spec and
// ember-spec-firmware (tests/firmware).
#pragma once

#include "ember/runtime.h"

namespace ember_spec {

// Creates spectest's print functions (they print nothing), its immutable globals (global_i32 and
// global_i64 = 666, global_f32 and global_f64 = 666.6), table (funcref, 10..20) and memory (1..2
// pages) in `store` and defines them under "spectest" in `linker`. Returns the name of the first
// export that could not be created (out of memory or over a Config limit), or nullptr.
const char* define_spectest(ember::Store& store, ember::Linker& linker) noexcept;

}  // namespace ember_spec
