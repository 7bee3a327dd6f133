// Ember: where the engine's memory comes from. Every byte Ember allocates (module tables, compiled
// code, instances, linear memories, tables, stacks) goes through an Allocator, and every failure is
// reported as ErrorKind::OutOfMemory: nothing is allocated behind the host's back.
#pragma once

#include <cstddef>

namespace ember {

// Allocation hooks. `alloc` and `free` are required (both null means "use the default"); `realloc`
// is optional and, when given, is used to grow linear memories and containers in place.
// Blocks must be aligned for any object (alignof(std::max_align_t)). `size` passed to `free` and
// `realloc` is always the size the block was allocated or last resized with.
struct Allocator {
  void* (*alloc)(void* user, std::size_t size) = nullptr;  // nullptr on failure
  // Resizes a block, keeping its contents up to the smaller size; nullptr on failure (and the old
  // block stays valid).
  void* (*realloc)(void* user, void* ptr, std::size_t old_size, std::size_t new_size) = nullptr;
  void (*free)(void* user, void* ptr, std::size_t size) = nullptr;
  void* user = nullptr;
};

// Replaces the process-wide default allocator, used by every Module and Store whose Config names
// no allocator of its own (and by the WASI layer). Call it before creating any engine object and
// do not change it while objects allocated with the previous one are alive. A default-constructed
// Allocator restores std::malloc / std::realloc / std::free. Not thread-safe.
void set_allocator(const Allocator& allocator) noexcept;

}  // namespace ember
