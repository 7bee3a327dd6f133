// Bounds-checked access to the calling instance's linear memory.
//
// Every guest pointer + length is checked against the memory size before the host touches it, so a
// hostile guest gets EFAULT, never a host read or write out of bounds. Multi-byte values are assembled
// byte by byte in little-endian order, which is what the wasm ABI mandates whatever the host's order.
// A GuestMemory is built afresh for each host call: the base pointer moves when memory grows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "abi.h"
#include "ember/runtime.h"

namespace ember {
namespace wasi {

inline void put_le16(uint8_t* p, uint16_t v) noexcept {
  p[0] = uint8_t(v);
  p[1] = uint8_t(v >> 8);
}
inline void put_le32(uint8_t* p, uint32_t v) noexcept {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline void put_le64(uint8_t* p, uint64_t v) noexcept {
  for (int i = 0; i < 8; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline uint16_t get_le16(const uint8_t* p) noexcept { return uint16_t(p[0] | (p[1] << 8)); }
inline uint32_t get_le32(const uint8_t* p) noexcept {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline uint64_t get_le64(const uint8_t* p) noexcept {
  return uint64_t(get_le32(p)) | (uint64_t(get_le32(p + 4)) << 32);
}

class GuestMemory {
 public:
  explicit GuestMemory(Memory* memory) noexcept
      : base_(memory ? memory->data() : nullptr), size_(memory ? memory->size() : 0) {}

  // True if [ptr, ptr+len) lies inside memory. Lengths are 64-bit so `count * size` never wraps.
  bool in_bounds(uint64_t ptr, uint64_t len) const noexcept { return ptr <= size_ && len <= size_ - ptr; }
  uint64_t size() const noexcept { return size_; }

  // Host pointer to a range already checked with in_bounds(); nullptr if it is not in bounds.
  uint8_t* span(uint64_t ptr, uint64_t len) const noexcept {
    return in_bounds(ptr, len) && base_ ? base_ + ptr : nullptr;
  }

  Errno write_bytes(uint32_t ptr, const void* data, std::size_t len) const noexcept {
    if (len == 0) return in_bounds(ptr, 0) ? kSuccess : kFault;  // `data` may be null then
    uint8_t* p = span(ptr, len);
    if (!p) return kFault;
    std::memcpy(p, data, len);
    return kSuccess;
  }
  Errno store_u8(uint32_t ptr, uint8_t v) const noexcept { return write_bytes(ptr, &v, 1); }
  Errno store_u32(uint32_t ptr, uint32_t v) const noexcept {
    uint8_t b[4];
    put_le32(b, v);
    return write_bytes(ptr, b, 4);
  }
  Errno store_u64(uint32_t ptr, uint64_t v) const noexcept {
    uint8_t b[8];
    put_le64(b, v);
    return write_bytes(ptr, b, 8);
  }
  Errno load_u32(uint32_t ptr, uint32_t* out) const noexcept {
    const uint8_t* p = span(ptr, 4);
    if (!p) return kFault;
    *out = get_le32(p);
    return kSuccess;
  }

 private:
  uint8_t* base_;
  uint64_t size_;
};

}  // namespace wasi
}  // namespace ember
