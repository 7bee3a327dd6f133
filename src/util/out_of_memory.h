// Ember (internal): the one way an allocation failure becomes an Error.
#pragma once

#include "ember/detail/heap.h"
#include "ember/error.h"

namespace ember::detail {

// ErrorKind::OutOfMemory naming what was being allocated ("the module", "a table", ...) and, when
// the heap's byte limit refused it rather than the allocator, the limit and what the heap holds.
Error out_of_memory(const Heap& heap, const char* what) noexcept;

}  // namespace ember::detail
