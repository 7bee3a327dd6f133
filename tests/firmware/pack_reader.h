// Firmware spec runner: bounds-checked reading of a spec pack (format: spec_pack.py). A truncated
// or corrupt pack sets `bad` and yields zeros and empty views; it never reads past the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ember_fwspec {

struct Bytes {
  const uint8_t* data = nullptr;
  std::size_t size = 0;
};

class PackReader {
 public:
  PackReader(const uint8_t* begin, const uint8_t* end) noexcept : at_(begin), end_(end) {}

  bool bad() const noexcept { return bad_; }
  void corrupt() noexcept { bad_ = true; }
  bool at_end() const noexcept { return at_ == end_; }
  std::size_t offset_from(const uint8_t* begin) const noexcept { return std::size_t(at_ - begin); }

  uint8_t u8() noexcept { return uint8_t(little_endian(1)); }
  uint16_t u16() noexcept { return uint16_t(little_endian(2)); }
  uint32_t u32() noexcept { return uint32_t(little_endian(4)); }
  uint64_t u64() noexcept { return little_endian(8); }

  std::string_view str() noexcept {
    Bytes b = take(u16());
    return std::string_view(reinterpret_cast<const char*>(b.data), b.size);
  }
  Bytes blob() noexcept { return take(u32()); }

 private:
  // The pack is little-endian whatever the target is: assemble it byte by byte.
  uint64_t little_endian(std::size_t n) noexcept {
    Bytes b = take(n);
    uint64_t v = 0;
    for (std::size_t i = b.size; i > 0; --i) v = (v << 8) | b.data[i - 1];
    return v;
  }

  Bytes take(std::size_t n) noexcept {
    if (bad_ || std::size_t(end_ - at_) < n) {
      bad_ = true;
      return Bytes{};
    }
    Bytes b{at_, n};
    at_ += n;
    return b;
  }

  const uint8_t* at_;
  const uint8_t* end_;
  bool bad_ = false;
};

}  // namespace ember_fwspec
