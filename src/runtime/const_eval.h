// Ember: evaluation of constant expressions (global initialisers, segment offsets, element items).
#pragma once

#include <cstdint>

#include "module/module_data.h"
#include "runtime/objects.h"

namespace ember::detail {

// Evaluates a validated constant expression in the context of a (partly built) instance: globals
// and functions it refers to must already exist. Writes slot_count(type) slots to `out`.
// Fails only if the allocator cannot provide a stack for an expression deeper than 64 values.
bool eval_const(const ModuleData& m, const InstanceObj& inst, const ConstExpr& expr,
                uint64_t out[2]) noexcept;

}  // namespace ember::detail
