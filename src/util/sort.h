// Ember: sorting for the few places that sort (export names, function names). A desktop build uses
// std::sort; a firmware build (EMBER_SMALL_DEFAULTS) one shared heapsort on bytes, so each element
// type does not carry its own copy of std::sort's introsort (about 700 bytes each on the Cortex-M3).
#pragma once

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "ember/build_config.h"

namespace ember::detail {

// Whether the element at `a` orders before the one at `b`.
using LessBytes = bool (*)(const void* a, const void* b) noexcept;

// Sorts `n` trivially copyable elements of `size` bytes at `base` by `less` (a strict weak order;
// not stable). Allocates nothing.
void sort_bytes(void* base, std::size_t n, std::size_t size, LessBytes less) noexcept;

// Sorts [first, last) by `less`, which compares two elements given as `const void*`.
template <class T>
void sort_elements(T* first, T* last, LessBytes less) noexcept {
  static_assert(std::is_trivially_copyable<T>::value, "sort_bytes moves elements as bytes");
  if constexpr (EMBER_SMALL_DEFAULTS) {
    sort_bytes(first, std::size_t(last - first), sizeof(T), less);
  } else {
    std::sort(first, last, [less](const T& a, const T& b) { return less(&a, &b); });
  }
}

}  // namespace ember::detail
