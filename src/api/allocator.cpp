// Ember: heaps: the host's allocation hooks plus per-owner accounting and byte limits.
#include <cstdlib>
#include <cstring>

#include "ember/detail/heap.h"

namespace ember {
namespace {

void* malloc_alloc(void*, std::size_t size) { return std::malloc(size ? size : 1); }
void* malloc_realloc(void*, void* p, std::size_t, std::size_t new_size) {
  return std::realloc(p, new_size ? new_size : 1);
}
void malloc_free(void*, void* p, std::size_t) { std::free(p); }

// Constant-initialised, so heaps built during other files' static initialisation see it.
constexpr Allocator kMallocAllocator = {malloc_alloc, malloc_realloc, malloc_free, nullptr};
Allocator g_default = kMallocAllocator;

}  // namespace

void set_allocator(const Allocator& allocator) noexcept {
  g_default = (allocator.alloc && allocator.free) ? allocator : kMallocAllocator;
  detail::default_heap() = detail::Heap(g_default);
}

namespace detail {

Heap::Heap(const Allocator& allocator, std::size_t limit) noexcept
    : a_((allocator.alloc && allocator.free) ? allocator : g_default), limit_(limit) {}

Heap::Heap(const Heap& o) noexcept : a_(o.a_), limit_(o.limit_), used_(o.used()), peak_(o.peak()) {}

Heap& Heap::operator=(const Heap& o) noexcept {
  a_ = o.a_;
  limit_ = o.limit_;
  used_.store(o.used());
  peak_.store(o.peak());
  return *this;
}

bool Heap::charge(std::size_t size) noexcept {
  std::size_t now = used_.fetch_add(size) + size;
  if (limit_ && (now > limit_ || now < size)) {
    uncharge(size);
    hit_limit_.store(true);
    return false;
  }
  hit_limit_.store(false);
  peak_.raise_to(now);
  return true;
}

void* Heap::alloc(std::size_t size) noexcept {
  if (!charge(size)) return nullptr;
  void* p = a_.alloc(a_.user, size ? size : 1);
  if (!p) uncharge(size);
  return p;
}

void* Heap::alloc_zeroed(std::size_t size) noexcept {
  // With the built-in allocator, calloc: large blocks (linear memories) come zeroed from the OS
  // and stay untouched, so a memory declared big but used little costs no resident pages.
  if (a_.alloc == malloc_alloc) {
    if (!charge(size)) return nullptr;
    void* p = std::calloc(size ? size : 1, 1);
    if (!p) uncharge(size);
    return p;
  }
  void* p = alloc(size);
  if (p) std::memset(p, 0, size);
  return p;
}

void* Heap::realloc(void* ptr, std::size_t old_size, std::size_t new_size) noexcept {
  if (!ptr) return alloc(new_size);
  std::size_t extra = new_size > old_size ? new_size - old_size : 0;
  if (!charge(extra)) return nullptr;
  void* p;
  if (a_.realloc) {
    p = a_.realloc(a_.user, ptr, old_size, new_size ? new_size : 1);
  } else {
    p = a_.alloc(a_.user, new_size ? new_size : 1);
    if (p) {
      std::memcpy(p, ptr, old_size < new_size ? old_size : new_size);
      a_.free(a_.user, ptr, old_size);
    }
  }
  if (!p) {
    uncharge(extra);
    return nullptr;
  }
  if (old_size > new_size) uncharge(old_size - new_size);
  return p;
}

void Heap::free(void* ptr, std::size_t size) noexcept {
  if (!ptr) return;
  a_.free(a_.user, ptr, size);
  uncharge(size);
}

Heap& default_heap() noexcept {
  static Heap heap(g_default);
  return heap;
}

}  // namespace detail
}  // namespace ember
