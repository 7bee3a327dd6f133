#include "decode/utf8.h"

namespace ember::detail {

bool is_valid_utf8(const uint8_t* bytes, uint32_t size) noexcept {
  uint32_t i = 0;
  while (i < size) {
    uint8_t b = bytes[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    // The lead byte fixes the sequence length and the allowed range of the second byte; narrowing
    // that range is what rejects overlong forms (E0, F0), surrogates (ED) and > U+10FFFF (F4).
    uint32_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      // Stray continuation byte, overlong two-byte lead (C0, C1) or a lead beyond U+10FFFF (F5..FF).
      return false;
    }
    if (len > size - i) return false;
    uint8_t second = bytes[i + 1];
    if (second < lo || second > hi) return false;
    for (uint32_t k = 2; k < len; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace ember::detail
