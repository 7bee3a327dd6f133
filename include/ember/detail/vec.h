// Ember (internal): the engine's only growable array. Unlike std::vector it works without
// exceptions: every operation that may allocate returns false when the heap refuses, leaving the
// array as it was. Elements live in the array's Heap (the process default when none is given).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "ember/detail/heap.h"

namespace ember::detail {

// The first block's room: a few elements on a desktop, where a realloc costs more than the bytes;
// exactly what is asked on a microcontroller, where most arrays hold one or two elements for good
// (a module's types, a store's signatures) and every byte of heap counts.
inline constexpr std::size_t kVecFirstCapacity = EMBER_SMALL_DEFAULTS ? 1 : 4;

// A Vec's representation, the same for every element type, so the operations on trivially
// copyable elements can be shared out-of-line functions (src/util/vec_growth.cpp) that work on
// bytes, rather than a copy of the same code per element type.
struct VecStorage {
  void* data = nullptr;
  std::size_t size = 0;  // elements
  std::size_t cap = 0;   // elements
  Heap* heap = nullptr;  // nullptr: the process default
  Heap& heap_ref() const noexcept { return heap ? *heap : default_heap(); }
};

// The shared operations. Each leaves the storage as it was when the heap refuses.
// Resizes the block to exactly `new_cap` elements of `elem_size` bytes.
bool vec_reallocate_trivial(VecStorage& v, std::size_t new_cap, std::size_t elem_size) noexcept;
// Makes room for at least `needed` elements: 1.5 times the old room (kVecFirstCapacity at first),
// or exactly `needed` when that much is refused.
bool vec_grow_trivial(VecStorage& v, std::size_t needed, std::size_t elem_size) noexcept;
// Makes room for at least `n` elements (exactly `n` when it has less).
bool vec_reserve_trivial(VecStorage& v, std::size_t n, std::size_t elem_size) noexcept;
// Appends the element at `elem` (which may lie in the array itself).
bool vec_push_trivial(VecStorage& v, const void* elem, std::size_t elem_size) noexcept;
// Grows to `n` elements (n > v.size; the room made is exactly n), each new one a copy of the
// element at `fill` (which may lie in the array itself).
bool vec_extend_trivial(VecStorage& v, std::size_t n, const void* fill, std::size_t elem_size) noexcept;
// Frees the block (its elements already destroyed) and leaves the array empty.
void vec_free(VecStorage& v, std::size_t elem_size) noexcept;

// Whether Vec<T> uses them: on microcontrollers (flash counts; measured on Cortex-M3: 1.4 KB less
// core code for the growth alone). A desktop build keeps the code inline per type: there the shared
// path changed the interpreter loop's code and cost ~10% on the `vm` benchmark (x86-64).
inline constexpr bool kVecSharedGrowth = EMBER_SMALL_DEFAULTS;

template <class T>
class Vec;

// Element types an array may move to a new block by copying their bytes (a realloc): the trivially
// copyable ones, and those that say so (an array itself, and aggregates of such members, e.g.
// ElemSegment), whose move is a copy of their bytes and whose moved-from source needs no
// destructor. Their growth then takes the shared path too, instead of a move loop per type.
template <class T>
struct VecRelocatable : std::is_trivially_copyable<T> {};
template <class U>
struct VecRelocatable<Vec<U>> : std::true_type {};

template <class T>
class Vec {
  // Element types whose storage the shared functions may handle as bytes: all of it, or (only
  // relocatable) its growth.
  static constexpr bool kShared = kVecSharedGrowth && std::is_trivially_copyable<T>::value;
  static constexpr bool kSharedGrowth = kVecSharedGrowth && VecRelocatable<T>::value;

 public:
  Vec() noexcept = default;
  explicit Vec(Heap* heap) noexcept { s_.heap = heap; }
  Vec(Vec&& o) noexcept : s_(o.s_) {
    o.s_.data = nullptr;
    o.s_.size = o.s_.cap = 0;
  }
  Vec& operator=(Vec&& o) noexcept {
    if (this != &o) {
      release();
      s_ = o.s_;
      o.s_.data = nullptr;
      o.s_.size = o.s_.cap = 0;
    }
    return *this;
  }
  Vec(const Vec&) = delete;
  Vec& operator=(const Vec&) = delete;
  ~Vec() { release(); }

  // Sets the heap of an empty array (containers built before their owner's heap was known).
  void set_heap(Heap* heap) noexcept { s_.heap = heap; }
  Heap& heap() const noexcept { return s_.heap_ref(); }

  std::size_t size() const noexcept { return s_.size; }
  std::size_t capacity() const noexcept { return s_.cap; }
  bool empty() const noexcept { return s_.size == 0; }
  T* data() noexcept { return static_cast<T*>(s_.data); }
  const T* data() const noexcept { return static_cast<const T*>(s_.data); }
  T& operator[](std::size_t i) noexcept { return data()[i]; }
  const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  T& back() noexcept { return data()[s_.size - 1]; }
  const T& back() const noexcept { return data()[s_.size - 1]; }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + s_.size; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + s_.size; }

  [[nodiscard]] bool reserve(std::size_t n) noexcept {
    if constexpr (kSharedGrowth) {
      return vec_reserve_trivial(s_, n, sizeof(T));
    } else {
      return n <= s_.cap || reallocate(n);
    }
  }

  // Makes room for `extra` more elements, growing as push_back does (1.5 times the old room), so
  // that as many pushes or appends after it cannot fail. For an array that gains an element per
  // call (a store's functions, a linker's entries): reserve(size() + 1) would reallocate on every
  // call, ~400 allocations for the WASI definitions alone.
  [[nodiscard]] bool reserve_more(std::size_t extra) noexcept { return grow_for(s_.size + extra); }

  [[nodiscard]] bool push_back(const T& v) noexcept {
    if constexpr (kShared) {
      return vec_push_trivial(s_, &v, sizeof(T));
    } else {
      if (s_.size == s_.cap) {
        T copy(v);  // v may live in this array
        if (!grow_for(s_.size + 1)) return false;
        new (data() + s_.size) T(std::move(copy));
      } else {
        new (data() + s_.size) T(v);
      }
      ++s_.size;
      return true;
    }
  }
  [[nodiscard]] bool push_back(T&& v) noexcept {
    if constexpr (kShared) {
      return vec_push_trivial(s_, &v, sizeof(T));
    } else {
      if (s_.size == s_.cap) {
        T moved(std::move(v));
        if (!grow_for(s_.size + 1)) {
          v = std::move(moved);
          return false;
        }
        new (data() + s_.size) T(std::move(moved));
      } else {
        new (data() + s_.size) T(std::move(v));
      }
      ++s_.size;
      return true;
    }
  }
  // Appends `n` copies of the elements at `p` (which must not point into this array).
  [[nodiscard]] bool append(const T* p, std::size_t n) noexcept {
    if (!grow_for(s_.size + n)) return false;
    // Trivially copyable elements as one copy of their bytes: what an optimiser makes of the loop,
    // but a Debug build runs the loop as written (a module's bytes, one call per byte: a seventh
    // of the -O0 allocation sweep's time).
    if constexpr (std::is_trivially_copyable<T>::value) {
      if (n) std::memcpy(static_cast<void*>(data() + s_.size), p, n * sizeof(T));
    } else {
      for (std::size_t i = 0; i < n; ++i) new (data() + s_.size + i) T(p[i]);
    }
    s_.size += n;
    return true;
  }
  // Grows or shrinks to `n` elements; new ones are copies of `fill`.
  [[nodiscard]] bool resize(std::size_t n, const T& fill = T()) noexcept {
    if (n <= s_.size) {
      truncate(n);
      return true;
    }
    if constexpr (kShared) {
      return vec_extend_trivial(s_, n, &fill, sizeof(T));
    } else {
      if (n > s_.cap) {
        T copy(fill);
        if (!reallocate(n)) return false;
        for (std::size_t i = s_.size; i < n; ++i) new (data() + i) T(copy);
      } else {
        for (std::size_t i = s_.size; i < n; ++i) new (data() + i) T(fill);
      }
      s_.size = n;
      return true;
    }
  }
  // Replaces the contents with the `n` elements at `p` (which must not point into this array).
  [[nodiscard]] bool copy_from(const T* p, std::size_t n) noexcept {
    clear();
    return append(p, n);
  }
  void swap(Vec& o) noexcept { std::swap(s_, o.s_); }
  // Replaces the contents with `n` copies of `fill`.
  [[nodiscard]] bool assign(std::size_t n, const T& fill) noexcept {
    clear();
    return resize(n, fill);
  }
  void pop_back() noexcept { data()[--s_.size].~T(); }
  // Destroys the elements from index n on (n <= size()).
  void truncate(std::size_t n) noexcept {
    destroy_from(n);
    s_.size = n;
  }
  void clear() noexcept { truncate(0); }
  // Gives back unused capacity when the heap can shrink the block (a failure keeps it).
  void shrink_to_fit() noexcept {
    if (s_.size == s_.cap) return;
    if (s_.size == 0) {
      release();
      return;
    }
    (void)reallocate(s_.size);
  }
  // Frees the storage.
  void release() noexcept {
    if constexpr (kVecSharedGrowth) {
      destroy_from(0);  // vec_free empties the array itself
      vec_free(s_, sizeof(T));
    } else {
      clear();
      if (s_.data) heap().free(s_.data, s_.cap * sizeof(T));
      s_.data = nullptr;
      s_.cap = 0;
    }
  }

 private:
  // Destroys the elements from index n on, leaving the size to the caller.
  void destroy_from(std::size_t n) noexcept {
    if constexpr (!std::is_trivially_destructible<T>::value)
      for (std::size_t i = n; i < s_.size; ++i) data()[i].~T();
  }
  bool grow_for(std::size_t needed) noexcept {
    if (needed <= s_.cap) return true;
    if constexpr (kSharedGrowth) {
      return vec_grow_trivial(s_, needed, sizeof(T));
    } else {
      std::size_t cap = s_.cap < kVecFirstCapacity ? kVecFirstCapacity : s_.cap + s_.cap / 2;
      if (cap < needed) cap = needed;
      return reallocate(cap) || reallocate(needed);
    }
  }
  bool reallocate(std::size_t cap) noexcept {
    if constexpr (kSharedGrowth) {
      return vec_reallocate_trivial(s_, cap, sizeof(T));
    } else if constexpr (VecRelocatable<T>::value) {
      if (cap > SIZE_MAX / sizeof(T)) return false;
      void* p = heap().realloc(s_.data, s_.cap * sizeof(T), cap * sizeof(T));
      if (!p) return false;
      s_.data = p;
    } else {
      if (cap > SIZE_MAX / sizeof(T)) return false;
      T* p = static_cast<T*>(heap().alloc(cap * sizeof(T)));
      if (!p) return false;
      for (std::size_t i = 0; i < s_.size; ++i) {
        new (p + i) T(std::move(data()[i]));
        data()[i].~T();
      }
      if (s_.data) heap().free(s_.data, s_.cap * sizeof(T));
      s_.data = p;
    }
    s_.cap = cap;
    return true;
  }

  VecStorage s_;
};

}  // namespace ember::detail
