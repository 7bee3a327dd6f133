// Ember: little-endian loads and stores of linear memory, correct on big-endian hosts too.
#pragma once

#include <cstdint>
#include <cstring>

namespace ember::detail {

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
constexpr bool kBigEndianHost = true;
#else
constexpr bool kBigEndianHost = false;
#endif

inline uint16_t load_le16(const uint8_t* p) noexcept {
  uint16_t v;
  std::memcpy(&v, p, 2);
  if constexpr (kBigEndianHost) v = __builtin_bswap16(v);
  return v;
}
inline uint32_t load_le32(const uint8_t* p) noexcept {
  uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (kBigEndianHost) v = __builtin_bswap32(v);
  return v;
}
inline uint64_t load_le64(const uint8_t* p) noexcept {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (kBigEndianHost) v = __builtin_bswap64(v);
  return v;
}
inline void store_le16(uint8_t* p, uint16_t v) noexcept {
  if constexpr (kBigEndianHost) v = __builtin_bswap16(v);
  std::memcpy(p, &v, 2);
}
inline void store_le32(uint8_t* p, uint32_t v) noexcept {
  if constexpr (kBigEndianHost) v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
}
inline void store_le64(uint8_t* p, uint64_t v) noexcept {
  if constexpr (kBigEndianHost) v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
}

// Slot values of each load opcode (i32 results zero-extended into the 64-bit slot).
inline uint64_t ld_I32Load(const uint8_t* p) noexcept { return load_le32(p); }
inline uint64_t ld_I64Load(const uint8_t* p) noexcept { return load_le64(p); }
inline uint64_t ld_F32Load(const uint8_t* p) noexcept { return load_le32(p); }
inline uint64_t ld_F64Load(const uint8_t* p) noexcept { return load_le64(p); }
inline uint64_t ld_I32Load8S(const uint8_t* p) noexcept { return uint32_t(int32_t(int8_t(*p))); }
inline uint64_t ld_I32Load8U(const uint8_t* p) noexcept { return *p; }
inline uint64_t ld_I32Load16S(const uint8_t* p) noexcept { return uint32_t(int32_t(int16_t(load_le16(p)))); }
inline uint64_t ld_I32Load16U(const uint8_t* p) noexcept { return load_le16(p); }
inline uint64_t ld_I64Load8S(const uint8_t* p) noexcept { return uint64_t(int64_t(int8_t(*p))); }
inline uint64_t ld_I64Load8U(const uint8_t* p) noexcept { return *p; }
inline uint64_t ld_I64Load16S(const uint8_t* p) noexcept { return uint64_t(int64_t(int16_t(load_le16(p)))); }
inline uint64_t ld_I64Load16U(const uint8_t* p) noexcept { return load_le16(p); }
inline uint64_t ld_I64Load32S(const uint8_t* p) noexcept { return uint64_t(int64_t(int32_t(load_le32(p)))); }
inline uint64_t ld_I64Load32U(const uint8_t* p) noexcept { return load_le32(p); }

inline void st_I32Store(uint8_t* p, uint64_t v) noexcept { store_le32(p, uint32_t(v)); }
inline void st_I64Store(uint8_t* p, uint64_t v) noexcept { store_le64(p, v); }
inline void st_F32Store(uint8_t* p, uint64_t v) noexcept { store_le32(p, uint32_t(v)); }
inline void st_F64Store(uint8_t* p, uint64_t v) noexcept { store_le64(p, v); }
inline void st_I32Store8(uint8_t* p, uint64_t v) noexcept { *p = uint8_t(v); }
inline void st_I32Store16(uint8_t* p, uint64_t v) noexcept { store_le16(p, uint16_t(v)); }
inline void st_I64Store8(uint8_t* p, uint64_t v) noexcept { *p = uint8_t(v); }
inline void st_I64Store16(uint8_t* p, uint64_t v) noexcept { store_le16(p, uint16_t(v)); }
inline void st_I64Store32(uint8_t* p, uint64_t v) noexcept { store_le32(p, uint32_t(v)); }

}  // namespace ember::detail
