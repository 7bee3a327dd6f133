// Ember: the compiler from validated wasm function bodies to threaded code (see ir.h).
#pragma once

#include "compile/ir.h"
#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

// Returns in *result the compiled code of one module-defined function (index among defined
// functions), compiling it if no one has yet. The module must have passed validation: the
// compiler trusts types and indices. Fails with ErrorKind::OutOfMemory (the function's index and
// offset) when an allocation fails; a body it cannot read or translate, which validation should
// have made impossible, fails with ErrorKind::Invalid at that instruction. Safe to call from several threads
// on one module: each compile uses its own scratch, and the first finished copy is published
// (FunctionBody::compiled) while later ones are freed.
Error compile_function(const ModuleData& m, uint32_t defined_index, CompiledFunction** result) noexcept;

// Compiles every function body (eager mode, while loading).
Error compile_all(ModuleData& m) noexcept;

// Frees every compiled body (when the module data is destroyed).
void free_compiled(ModuleData& m) noexcept;

}  // namespace ember::detail
