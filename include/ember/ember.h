// Ember: a small, fast WebAssembly interpreter. Include this header for the whole API.
#pragma once

#include "ember/config.h"
#include "ember/error.h"
#include "ember/inspect.h"
#include "ember/module.h"
#include "ember/runtime.h"
#include "ember/types.h"

namespace ember {
// Library version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;
}  // namespace ember
