// Ember: every allocation of the engine goes through one host-replaceable allocator.
#pragma once

#include <cstddef>
#include <vector>

namespace ember {

// Allocation hooks the host may replace (firmware pools, accounting).
struct Allocator {
  void* (*alloc)(std::size_t size, void* user) = nullptr;  // must return nullptr on failure
  void (*free)(void* ptr, void* user) = nullptr;
  void* user = nullptr;
};

// Installs process-wide allocation hooks; call before creating any engine object. Passing a
// default-constructed Allocator restores std::malloc / std::free.
void set_allocator(const Allocator& allocator) noexcept;

namespace detail {

void* allocate(std::size_t size) noexcept;      // nullptr on failure
void* allocate_zeroed(std::size_t size) noexcept;
void deallocate(void* ptr) noexcept;
// Resizes a block (contents kept up to the smaller size); nullptr on failure, old block intact.
void* reallocate(void* ptr, std::size_t old_size, std::size_t new_size) noexcept;
bool g_allocator_is_custom() noexcept;

// std::allocator replacement routing through the hooks. Containers are only sized from counts
// already checked against the input length or a host limit, so failure here is a real OOM.
template <class T>
struct HostAllocator {
  using value_type = T;
  HostAllocator() noexcept = default;
  template <class U>
  HostAllocator(const HostAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) noexcept { return static_cast<T*>(detail::allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t) noexcept { detail::deallocate(p); }
  template <class U>
  bool operator==(const HostAllocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const HostAllocator<U>&) const noexcept { return false; }
};

template <class T>
using Vec = std::vector<T, HostAllocator<T>>;

}  // namespace detail
}  // namespace ember
