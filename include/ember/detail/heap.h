// Ember (internal): a Heap is an Allocator plus accounting: the bytes it holds now, its peak, and an
// optional byte limit past which allocation fails as if the allocator had. Each Module and each
// Store owns one; every container and object of theirs allocates through it.
#pragma once

#include <cstddef>

#include "ember/allocator.h"
#include "ember/build_config.h"
#if !EMBER_NO_ATOMICS
#include <atomic>
#endif

namespace ember::detail {

// A relaxed atomic (plain, when the target has no atomics: EMBER_NO_ATOMICS).
template <class T>
class RelaxedAtomic {
 public:
  constexpr RelaxedAtomic(T v) noexcept : v_(v) {}
#if EMBER_NO_ATOMICS
  T load() const noexcept { return v_; }
  void store(T v) noexcept { v_ = v; }
  T fetch_add(T d) noexcept { return (v_ += d) - d; }
  T fetch_sub(T d) noexcept { return (v_ -= d) + d; }
  bool raise_to(T v) noexcept { return v > v_ ? (v_ = v, true) : false; }

 private:
  T v_;
#else
  T load() const noexcept { return v_.load(std::memory_order_relaxed); }
  void store(T v) noexcept { v_.store(v, std::memory_order_relaxed); }
  T fetch_add(T d) noexcept { return v_.fetch_add(d, std::memory_order_relaxed); }
  T fetch_sub(T d) noexcept { return v_.fetch_sub(d, std::memory_order_relaxed); }
  // Raises the value to at least v (a running maximum); true if it did.
  bool raise_to(T v) noexcept {
    T cur = load();
    while (v > cur)
      if (v_.compare_exchange_weak(cur, v, std::memory_order_relaxed)) return true;
    return false;
  }

 private:
  std::atomic<T> v_;
#endif
};

class Heap {
 public:
  // `limit` 0: no byte limit. A null allocator (alloc or free missing) means the process default.
  explicit Heap(const Allocator& allocator, std::size_t limit = 0) noexcept;
  // Copies share the allocator and start from the same accounting: an object that lives in its own
  // heap is allocated from a local copy, which then becomes the object's member.
  Heap(const Heap& o) noexcept;
  Heap& operator=(const Heap& o) noexcept;

  void* alloc(std::size_t size) noexcept;         // nullptr on failure or over the limit
  void* alloc_zeroed(std::size_t size) noexcept;  // likewise, contents zeroed
  // Resizes a block (contents kept up to the smaller size); nullptr on failure, old block intact.
  // `ptr` may be null (then old_size must be 0).
  void* realloc(void* ptr, std::size_t old_size, std::size_t new_size) noexcept;
  void free(void* ptr, std::size_t size) noexcept;

  std::size_t used() const noexcept { return used_.load(); }
  std::size_t peak() const noexcept { return peak_.load(); }
  std::size_t limit() const noexcept { return limit_; }
  // True when the last failure was the byte limit rather than the allocator.
  bool hit_limit() const noexcept { return hit_limit_.load(); }

 private:
  // Counts `size` more bytes, or refuses (the limit). The counters are atomic because a module
  // shared by stores on several threads compiles lazily into its heap from any of them.
  bool charge(std::size_t size) noexcept;
  void uncharge(std::size_t size) noexcept { used_.fetch_sub(size); }
  Allocator a_;
  std::size_t limit_ = 0;
  RelaxedAtomic<std::size_t> used_{0};
  RelaxedAtomic<std::size_t> peak_{0};
  RelaxedAtomic<bool> hit_limit_{false};
};

// The process-wide heap (set_allocator), for objects that belong to no Module or Store.
Heap& default_heap() noexcept;

// Objects in a heap: construct with `make`, destroy with `destroy` (which frees sizeof(T)).
template <class T, class... Args>
T* make(Heap& heap, Args&&... args) noexcept;
template <class T>
void destroy(Heap& heap, T* p) noexcept;

}  // namespace ember::detail

#include <new>
#include <utility>

namespace ember::detail {
template <class T, class... Args>
T* make(Heap& heap, Args&&... args) noexcept {
  void* mem = heap.alloc(sizeof(T));
  return mem ? new (mem) T(std::forward<Args>(args)...) : nullptr;
}
template <class T>
void destroy(Heap& heap, T* p) noexcept {
  if (!p) return;
  p->~T();
  heap.free(p, sizeof(T));
}
}  // namespace ember::detail
