// Ember: a bounds-checked reader over module bytes with the binary format's strict LEB128 rules.
// Every read reports failure instead of reading past the end; the first error sticks.
#pragma once

#include <cstdint>
#include <cstring>

#include "ember/build_config.h"
#include "ember/error.h"

// Firmware builds (EMBER_SMALL_DEFAULTS) keep one copy of the u32 read and of the LEB decoders
// behind it, out of line and never cloned: they are read at many places, and a copy inlined (or
// specialised) at each costs more flash than the call. (s32 measured smaller inline.)
#if EMBER_SMALL_DEFAULTS && defined(__GNUC__) && !defined(__clang__)
#define EMBER_READER_OUT_OF_LINE [[gnu::noinline, gnu::noclone]]
#elif EMBER_SMALL_DEFAULTS
#define EMBER_READER_OUT_OF_LINE [[gnu::noinline]]
#else
#define EMBER_READER_OUT_OF_LINE
#endif

namespace ember::detail {

class Reader {
 public:
  Reader(const uint8_t* data, uint32_t begin, uint32_t end) noexcept : data_(data), pos_(begin), end_(end) {}

  uint32_t pos() const noexcept { return pos_; }
  uint32_t end() const noexcept { return end_; }
  bool at_end() const noexcept { return pos_ >= end_; }
  uint32_t remaining() const noexcept { return end_ - pos_; }
  const uint8_t* data() const noexcept { return data_; }
  void seek(uint32_t pos) noexcept { pos_ = pos; }

  // The first error seen ("unexpected end", "integer too large", "integer representation too long")
  // and where; nullptr if none.
  const char* error() const noexcept { return error_; }
  uint32_t error_offset() const noexcept { return error_offset_; }
  // What the first error makes of the input: Malformed, or Unsupported (see fail_unsupported).
  ErrorKind error_kind() const noexcept { return error_kind_; }
  void fail(const char* message, uint32_t offset) noexcept { fail_as(ErrorKind::Malformed, message, offset); }
  void fail(const char* message) noexcept { fail(message, pos_); }
  // The input is well-formed, but uses something this build does not implement (SIMD).
  void fail_unsupported(const char* message, uint32_t offset) noexcept {
    fail_as(ErrorKind::Unsupported, message, offset);
  }

  bool u8(uint8_t* out) noexcept {
    if (pos_ >= end_) return fail_end();
    *out = data_[pos_++];
    return true;
  }
  bool bytes(uint32_t n, const uint8_t** out) noexcept {
    if (n > end_ - pos_) return fail_end();
    *out = data_ + pos_;
    pos_ += n;
    return true;
  }
  bool skip(uint32_t n) noexcept {
    if (n > end_ - pos_) return fail_end();
    pos_ += n;
    return true;
  }
  bool fixed32(uint32_t* out) noexcept {
    if (4 > end_ - pos_) return fail_end();
    const uint8_t* p = data_ + pos_;
    *out = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    pos_ += 4;
    return true;
  }
  bool fixed64(uint64_t* out) noexcept {
    uint32_t lo, hi;
    if (!fixed32(&lo) || !fixed32(&hi)) return false;
    *out = uint64_t(lo) | uint64_t(hi) << 32;
    return true;
  }

  EMBER_READER_OUT_OF_LINE bool u32(uint32_t* out) noexcept {
    // Most LEBs in real modules are one byte: skip the general loop for them.
    if (pos_ < end_ && !(data_[pos_] & 0x80)) {
      *out = data_[pos_++];
      return true;
    }
    uint64_t v = 0;
    if (!leb_unsigned(32, &v)) return false;
    *out = uint32_t(v);
    return true;
  }
  bool u64(uint64_t* out) noexcept { return leb_unsigned(64, out); }
  bool s32(int32_t* out) noexcept {
    if (pos_ < end_ && !(data_[pos_] & 0x80)) {
      uint8_t b = data_[pos_++];
      *out = int32_t(uint32_t(b) << 25) >> 25;  // sign-extend the 7-bit payload
      return true;
    }
    int64_t v;
    if (!leb_signed(32, &v)) return false;
    *out = int32_t(v);
    return true;
  }
  bool s33(int64_t* out) noexcept { return leb_signed(33, out); }
  bool s64(int64_t* out) noexcept { return leb_signed(64, out); }

 private:
#if EMBER_SMALL_DEFAULTS
  // Out of line in firmware builds (src/util/reader.cpp): the reads are inlined in many places, and
  // each would carry its own copy of the first-error bookkeeping.
  void fail_as(ErrorKind kind, const char* message, uint32_t offset) noexcept;
  void note_end() noexcept;
#else
  void fail_as(ErrorKind kind, const char* message, uint32_t offset) noexcept {
    if (!error_) {
      error_ = message;
      error_offset_ = offset;
      error_kind_ = kind;
    }
  }
  void note_end() noexcept { fail("unexpected end", pos_); }
#endif
  // Inline in every build, so the compiler sees each failed read return false (and leave its
  // output unwritten); only the bookkeeping behind it goes out of line in firmware builds.
  bool fail_end() noexcept {
    note_end();
    return false;
  }

  EMBER_READER_OUT_OF_LINE bool leb_unsigned(unsigned bits, uint64_t* out) noexcept {
    uint64_t result = 0;
    unsigned shift = 0;
    const unsigned max_bytes = (bits + 6) / 7;
    for (unsigned i = 0;; ++i) {
      if (pos_ >= end_) return fail_end();
      uint8_t b = data_[pos_++];
      if (i == max_bytes - 1) {
        // Last permitted byte: no continuation, and unused high bits must be zero.
        if (b & 0x80) {
          fail("integer representation too long", pos_ - 1);
          return false;
        }
        unsigned used = bits - shift;
        if (used < 7 && (b >> used) != 0) {
          fail("integer too large", pos_ - 1);
          return false;
        }
      }
      result |= uint64_t(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    *out = result;
    return true;
  }

  EMBER_READER_OUT_OF_LINE bool leb_signed(unsigned bits, int64_t* out) noexcept {
    uint64_t result = 0;
    unsigned shift = 0;
    const unsigned max_bytes = (bits + 6) / 7;
    uint8_t b = 0;
    for (unsigned i = 0;; ++i) {
      if (pos_ >= end_) return fail_end();
      b = data_[pos_++];
      if (i == max_bytes - 1) {
        if (b & 0x80) {
          fail("integer representation too long", pos_ - 1);
          return false;
        }
        // The unused high bits must all equal the sign bit of the value.
        unsigned used = bits - shift;  // value bits in this byte (1..7)
        if (used < 7) {
          int8_t sb = int8_t(b << 1) >> 1;  // sign-extend the 7 payload bits
          int8_t top = int8_t(sb >> (used - 1));
          if (top != 0 && top != -1) {
            fail("integer too large", pos_ - 1);
            return false;
          }
        }
      }
      result |= uint64_t(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (shift < 64 && (b & 0x40)) result |= ~uint64_t(0) << shift;
    *out = int64_t(result);
    return true;
  }

  const uint8_t* data_;
  uint32_t pos_;
  uint32_t end_;
  const char* error_ = nullptr;
  uint32_t error_offset_ = 0;
  ErrorKind error_kind_ = ErrorKind::Malformed;
};

}  // namespace ember::detail
