// How `run` reports a trap: the message, then a backtrace that folds runs of identical frames.
#pragma once

#include <string_view>

#include "ember/ember.h"

namespace ember_cli {

// A name for a function of `module`: from its name section, else the name it is exported under,
// else empty.
std::string_view describe_function(const ember::Module& module, uint32_t func_index, bool* is_export);

// Prints "ember: trap: ..." and the backtrace of the store's last trap to stderr. Consecutive
// frames of the same function at the same offset (a runaway recursion) print once, followed by
// "... N more frames of NAME".
void print_trap(const ember::Store& store, const ember::Module& module, const ember::Error& e);

}  // namespace ember_cli
