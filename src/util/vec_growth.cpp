// Ember: the growth of detail::Vec's trivially copyable storage, shared by every element type (a
// byte-level resize, so each Vec<T> does not carry its own copy of it).
#include <cstdint>

#include "ember/detail/vec.h"

namespace ember::detail {

bool vec_reallocate_trivial(Heap& heap, void** data, std::size_t* cap, std::size_t new_cap,
                            std::size_t elem_size) noexcept {
  if (new_cap > SIZE_MAX / elem_size) return false;
  void* p = heap.realloc(*data, *cap * elem_size, new_cap * elem_size);
  if (!p) return false;
  *data = p;
  *cap = new_cap;
  return true;
}

bool vec_grow_trivial(Heap& heap, void** data, std::size_t* cap, std::size_t needed,
                      std::size_t elem_size) noexcept {
  std::size_t want = *cap < kVecFirstCapacity ? kVecFirstCapacity : *cap + *cap / 2;
  if (want < needed) want = needed;
  return vec_reallocate_trivial(heap, data, cap, want, elem_size) ||
         vec_reallocate_trivial(heap, data, cap, needed, elem_size);
}

}  // namespace ember::detail
