// Ember: allocation failures as errors.
#include "util/out_of_memory.h"

#include "util/detail_text.h"

namespace ember::detail {

Error out_of_memory(const Heap& heap, const char* what) noexcept {
  Error e = Error::make(ErrorKind::OutOfMemory, heap.hit_limit() ? "heap limit reached" : "out of memory");
  DetailText d;
  d.str("allocating ").str(what);
  if (heap.hit_limit())
    d.str(": ").num(heap.used()).str(" bytes held, Config::max_heap_bytes = ").num(heap.limit());
  d.into(e);
  return e;
}

}  // namespace ember::detail
