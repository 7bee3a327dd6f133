// Ember: UTF-8 validation for names (imports, exports, custom section ids, the name section).
#pragma once

#include <cstdint>

namespace ember::detail {

// True if bytes[0, size) is well-formed UTF-8 as the binary format requires for names: no overlong
// forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
bool is_valid_utf8(const uint8_t* bytes, uint32_t size) noexcept;

}  // namespace ember::detail
