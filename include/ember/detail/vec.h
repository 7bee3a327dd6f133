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

// The growth of every Vec of trivially copyable elements, in out-of-line functions
// (src/util/vec_growth.cpp) rather than a copy of the same code per element type. Both leave *data
// and *cap as they were on failure.
// Resizes the block to exactly `new_cap` elements of `elem_size` bytes.
bool vec_reallocate_trivial(Heap& heap, void** data, std::size_t* cap, std::size_t new_cap,
                            std::size_t elem_size) noexcept;
// Makes room for at least `needed` elements: 1.5 times the old room (kVecFirstCapacity at first),
// or exactly `needed` when that much is refused.
bool vec_grow_trivial(Heap& heap, void** data, std::size_t* cap, std::size_t needed,
                      std::size_t elem_size) noexcept;
// Whether Vec<T> uses them: on microcontrollers (flash counts; measured on Cortex-M3: 1.4 KB less
// core code). A desktop build keeps the growth inline per type: there the shared path changed the
// interpreter loop's code and cost ~10% on the `vm` benchmark (x86-64).
inline constexpr bool kVecSharedGrowth = EMBER_SMALL_DEFAULTS;

template <class T>
class Vec {
 public:
  Vec() noexcept = default;
  explicit Vec(Heap* heap) noexcept : heap_(heap) {}
  Vec(Vec&& o) noexcept : data_(o.data_), size_(o.size_), cap_(o.cap_), heap_(o.heap_) {
    o.data_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  Vec& operator=(Vec&& o) noexcept {
    if (this != &o) {
      release();
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      heap_ = o.heap_;
      o.data_ = nullptr;
      o.size_ = o.cap_ = 0;
    }
    return *this;
  }
  Vec(const Vec&) = delete;
  Vec& operator=(const Vec&) = delete;
  ~Vec() { release(); }

  // Sets the heap of an empty array (containers built before their owner's heap was known).
  void set_heap(Heap* heap) noexcept { heap_ = heap; }
  Heap& heap() const noexcept { return heap_ ? *heap_ : default_heap(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return cap_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }

  [[nodiscard]] bool reserve(std::size_t n) noexcept { return n <= cap_ || reallocate(n); }

  [[nodiscard]] bool push_back(const T& v) noexcept {
    if (size_ == cap_) {
      T copy(v);  // v may live in this array
      if (!grow_for(size_ + 1)) return false;
      new (data_ + size_) T(std::move(copy));
    } else {
      new (data_ + size_) T(v);
    }
    ++size_;
    return true;
  }
  [[nodiscard]] bool push_back(T&& v) noexcept {
    if (size_ == cap_) {
      T moved(std::move(v));
      if (!grow_for(size_ + 1)) {
        v = std::move(moved);
        return false;
      }
      new (data_ + size_) T(std::move(moved));
    } else {
      new (data_ + size_) T(std::move(v));
    }
    ++size_;
    return true;
  }
  // Appends `n` copies of the elements at `p` (which must not point into this array).
  [[nodiscard]] bool append(const T* p, std::size_t n) noexcept {
    if (!grow_for(size_ + n)) return false;
    for (std::size_t i = 0; i < n; ++i) new (data_ + size_ + i) T(p[i]);
    size_ += n;
    return true;
  }
  // Grows or shrinks to `n` elements; new ones are copies of `fill`.
  [[nodiscard]] bool resize(std::size_t n, const T& fill = T()) noexcept {
    if (n <= size_) {
      truncate(n);
      return true;
    }
    if (n > cap_) {
      T copy(fill);
      if (!reallocate(n)) return false;
      for (std::size_t i = size_; i < n; ++i) new (data_ + i) T(copy);
    } else {
      for (std::size_t i = size_; i < n; ++i) new (data_ + i) T(fill);
    }
    size_ = n;
    return true;
  }
  // Replaces the contents with the `n` elements at `p` (which must not point into this array).
  [[nodiscard]] bool copy_from(const T* p, std::size_t n) noexcept {
    clear();
    return append(p, n);
  }
  void swap(Vec& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
    std::swap(heap_, o.heap_);
  }
  // Replaces the contents with `n` copies of `fill`.
  [[nodiscard]] bool assign(std::size_t n, const T& fill) noexcept {
    clear();
    return resize(n, fill);
  }
  void pop_back() noexcept { data_[--size_].~T(); }
  // Destroys the elements from index n on (n <= size()).
  void truncate(std::size_t n) noexcept {
    if constexpr (!std::is_trivially_destructible<T>::value)
      for (std::size_t i = n; i < size_; ++i) data_[i].~T();
    size_ = n;
  }
  void clear() noexcept { truncate(0); }
  // Gives back unused capacity when the heap can shrink the block (a failure keeps it).
  void shrink_to_fit() noexcept {
    if (size_ == cap_) return;
    if (size_ == 0) {
      release();
      return;
    }
    (void)reallocate(size_);
  }
  // Frees the storage.
  void release() noexcept {
    clear();
    if (data_) heap().free(data_, cap_ * sizeof(T));
    data_ = nullptr;
    cap_ = 0;
  }

 private:
  bool grow_for(std::size_t needed) noexcept {
    if (needed <= cap_) return true;
    if constexpr (kVecSharedGrowth && std::is_trivially_copyable<T>::value) {
      void* p = data_;
      if (!vec_grow_trivial(heap(), &p, &cap_, needed, sizeof(T))) return false;
      data_ = static_cast<T*>(p);
      return true;
    } else {
      std::size_t cap = cap_ < kVecFirstCapacity ? kVecFirstCapacity : cap_ + cap_ / 2;
      if (cap < needed) cap = needed;
      return reallocate(cap) || reallocate(needed);
    }
  }
  bool reallocate(std::size_t cap) noexcept {
    if constexpr (kVecSharedGrowth && std::is_trivially_copyable<T>::value) {
      void* p = data_;
      if (!vec_reallocate_trivial(heap(), &p, &cap_, cap, sizeof(T))) return false;
      data_ = static_cast<T*>(p);
      return true;
    } else if constexpr (std::is_trivially_copyable<T>::value) {
      if (cap > SIZE_MAX / sizeof(T)) return false;
      void* p = heap().realloc(data_, cap_ * sizeof(T), cap * sizeof(T));
      if (!p) return false;
      data_ = static_cast<T*>(p);
    } else {
      if (cap > SIZE_MAX / sizeof(T)) return false;
      T* p = static_cast<T*>(heap().alloc(cap * sizeof(T)));
      if (!p) return false;
      for (std::size_t i = 0; i < size_; ++i) {
        new (p + i) T(std::move(data_[i]));
        data_[i].~T();
      }
      if (data_) heap().free(data_, cap_ * sizeof(T));
      data_ = p;
    }
    cap_ = cap;
    return true;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
  Heap* heap_ = nullptr;
};

}  // namespace ember::detail
