// --trap-unknown-imports: a stand-in for every function import the linker cannot resolve.
#pragma once

#include "ember/ember.h"

namespace ember_cli {

// Defines, for each function import of `module` that `linker` lacks, a host function of the
// import's type that traps with "unknown import MODULE.NAME called" when called. Other kinds of
// unknown import are left for instantiate to report. False if out of memory.
bool define_trapping_imports(ember::Linker& linker, ember::Store& store, const ember::Module& module);

}  // namespace ember_cli
