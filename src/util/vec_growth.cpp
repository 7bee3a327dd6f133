// Ember: detail::Vec's operations on trivially copyable storage, shared by every element type on
// firmware builds (byte-level, so each Vec<T> does not carry its own copy of them).
#include <cstdint>
#include <cstring>

#include "ember/detail/vec.h"

namespace ember::detail {

bool vec_reallocate_trivial(VecStorage& v, std::size_t new_cap, std::size_t elem_size) noexcept {
  if (new_cap > SIZE_MAX / elem_size) return false;
  void* p = v.heap_ref().realloc(v.data, v.cap * elem_size, new_cap * elem_size);
  if (!p) return false;
  v.data = p;
  v.cap = new_cap;
  return true;
}

bool vec_reserve_trivial(VecStorage& v, std::size_t n, std::size_t elem_size) noexcept {
  return n <= v.cap || vec_reallocate_trivial(v, n, elem_size);
}

bool vec_grow_trivial(VecStorage& v, std::size_t needed, std::size_t elem_size) noexcept {
  if (needed <= v.cap) return true;
  std::size_t want = v.cap < kVecFirstCapacity ? kVecFirstCapacity : v.cap + v.cap / 2;
  if (want < needed) want = needed;
  return vec_reallocate_trivial(v, want, elem_size) || vec_reallocate_trivial(v, needed, elem_size);
}

namespace {

// Where `elem` is after the block moved, if it was one of the array's own elements: the old block
// is gone, so such an element is read from its new place.
const void* relocated(const VecStorage& v, const void* old_data, const void* elem, std::size_t elem_size) {
  const auto base = reinterpret_cast<std::uintptr_t>(old_data);
  const auto e = reinterpret_cast<std::uintptr_t>(elem);
  if (base && e >= base && e - base < v.size * elem_size)
    return static_cast<const unsigned char*>(v.data) + (e - base);
  return elem;
}

// Fills elements [v.size, n) (room for them made) with copies of `fill`.
void fill_to(VecStorage& v, std::size_t n, const void* fill, std::size_t elem_size) {
  auto* out = static_cast<unsigned char*>(v.data);
  for (std::size_t i = v.size; i < n; ++i) std::memcpy(out + i * elem_size, fill, elem_size);
  v.size = n;
}

}  // namespace

bool vec_push_trivial(VecStorage& v, const void* elem, std::size_t elem_size) noexcept {
  const void* old_data = v.data;
  if (!vec_grow_trivial(v, v.size + 1, elem_size)) return false;
  fill_to(v, v.size + 1, relocated(v, old_data, elem, elem_size), elem_size);
  return true;
}

bool vec_extend_trivial(VecStorage& v, std::size_t n, const void* fill, std::size_t elem_size) noexcept {
  const void* old_data = v.data;
  if (n > v.cap && !vec_reallocate_trivial(v, n, elem_size)) return false;
  fill_to(v, n, relocated(v, old_data, fill, elem_size), elem_size);
  return true;
}

void vec_free(VecStorage& v, std::size_t elem_size) noexcept {
  if (v.data) v.heap_ref().free(v.data, v.cap * elem_size);
  v.data = nullptr;
  v.size = v.cap = 0;
}

}  // namespace ember::detail
