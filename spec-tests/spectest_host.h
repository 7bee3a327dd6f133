// ember-spec: the `spectest` host module that the suite's scripts import from.
#pragma once

#include <string>

#include "ember/runtime.h"

namespace ember_spec {

// Creates spectest's functions (print, print_i32, ...; they print nothing), globals (global_i32 =
// 666, global_i64 = 666, global_f32 = 666.6, global_f64 = 666.6, all immutable), table (funcref,
// 10..20) and memory (1..2 pages) in `store` and defines them in `linker` under "spectest".
// Returns an empty string on success, else what could not be created.
std::string define_spectest(ember::Store& store, ember::Linker& linker);

}  // namespace ember_spec
