// Typed bindings and typed calls made in a translation unit built like the core, with
// -fno-exceptions -fno-rtti (host_noexcept_binding.cpp; see tests/CMakeLists.txt). Catch2 needs
// exceptions, so the tests that use these live in host_api_tests.cpp.
#pragma once

#include <cstdint>

#include "ember/ember.h"

namespace noexcept_tu {

// What ember::detail::kHostExceptions is in that translation unit (expected: false).
bool has_exceptions();
// (i32, i32) -> (i32): a + b.
ember::Function* make_add(ember::Store& store);
// (i32) -> (i32) that traps with "no exceptions here".
ember::Function* make_trapper(ember::Store& store);
// store.call<int32_t>(add, a, b) from that translation unit; -1 and *error on failure.
int32_t typed_add(ember::Store& store, ember::Function* add, int32_t a, int32_t b, ember::Error* error);

}  // namespace noexcept_tu
