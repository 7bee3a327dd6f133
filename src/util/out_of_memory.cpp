// Ember: allocation failures as errors.
#include "util/out_of_memory.h"

#include <cstdio>

namespace ember::detail {

Error out_of_memory(const Heap& heap, const char* what) noexcept {
  Error e = Error::make(ErrorKind::OutOfMemory, heap.hit_limit() ? "heap limit reached" : "out of memory");
  char buf[sizeof e.detail];
  if (heap.hit_limit())
    std::snprintf(buf, sizeof buf, "allocating %s: %zu bytes held, Config::max_heap_bytes = %zu", what, heap.used(),
                  heap.limit());
  else
    std::snprintf(buf, sizeof buf, "allocating %s", what);
  e.set_detail(buf);
  return e;
}

}  // namespace ember::detail
