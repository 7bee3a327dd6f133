// Ember: the process-wide allocation hooks.
#include <cstdlib>
#include <cstring>

#include "ember/detail/vec.h"

namespace ember {
namespace {
Allocator g_allocator;
}

void set_allocator(const Allocator& allocator) noexcept { g_allocator = allocator; }

namespace detail {

bool g_allocator_is_custom() noexcept { return g_allocator.alloc != nullptr; }

void* allocate(std::size_t size) noexcept {
  if (size == 0) size = 1;
  if (g_allocator.alloc) return g_allocator.alloc(size, g_allocator.user);
  return std::malloc(size);
}

void* allocate_zeroed(std::size_t size) noexcept {
  if (!g_allocator.alloc) return std::calloc(size ? size : 1, 1);
  void* p = allocate(size);
  if (p) std::memset(p, 0, size);
  return p;
}

void deallocate(void* ptr) noexcept {
  if (!ptr) return;
  if (g_allocator.free)
    g_allocator.free(ptr, g_allocator.user);
  else
    std::free(ptr);
}

}  // namespace detail
}  // namespace ember

namespace ember::detail {

void* reallocate(void* ptr, std::size_t old_size, std::size_t new_size) noexcept {
  if (!g_allocator_is_custom()) return std::realloc(ptr, new_size ? new_size : 1);
  void* p = allocate(new_size);
  if (!p) return nullptr;
  if (ptr) {
    std::memcpy(p, ptr, old_size < new_size ? old_size : new_size);
    deallocate(ptr);
  }
  return p;
}

}  // namespace ember::detail
