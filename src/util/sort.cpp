// Ember: the shared heapsort behind sort_elements on firmware builds (see util/sort.h).
#include "util/sort.h"

namespace ember::detail {
namespace {

void swap_bytes(unsigned char* a, unsigned char* b, std::size_t size) noexcept {
  for (std::size_t i = 0; i < size; ++i) {
    unsigned char t = a[i];
    a[i] = b[i];
    b[i] = t;
  }
}

// Moves the element at `root` down the heap of the first `n` elements until neither child orders
// after it.
void sift_down(unsigned char* base, std::size_t root, std::size_t n, std::size_t size,
               LessBytes less) noexcept {
  for (;;) {
    std::size_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && less(base + child * size, base + (child + 1) * size)) ++child;
    if (!less(base + root * size, base + child * size)) return;
    swap_bytes(base + root * size, base + child * size, size);
    root = child;
  }
}

}  // namespace

void sort_bytes(void* p, std::size_t n, std::size_t size, LessBytes less) noexcept {
  auto* base = static_cast<unsigned char*>(p);
  for (std::size_t i = n / 2; i-- > 0;) sift_down(base, i, n, size, less);
  for (std::size_t end = n; end-- > 1;) {
    swap_bytes(base, base + end * size, size);
    sift_down(base, 0, end, size, less);
  }
}

}  // namespace ember::detail
