// Ember: the compiler from validated wasm function bodies to threaded code (see ir.h).
#pragma once

#include "compile/ir.h"
#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

// Compiles one module-defined function (index among defined functions). The module must have
// passed validation: the compiler trusts types and indices. Fails only on allocation failure.
Error compile_function(ModuleData& m, uint32_t defined_index) noexcept;

// Compiles every function body (eager mode).
Error compile_all(ModuleData& m) noexcept;

// Frees every compiled body.
void free_compiled(ModuleData& m) noexcept;

}  // namespace ember::detail
