// Ember: the Reader's error bookkeeping, out of line in firmware builds (see util/reader.h).
#include "util/reader.h"

#if EMBER_SMALL_DEFAULTS
namespace ember::detail {

void Reader::fail_as(ErrorKind kind, const char* message, uint32_t offset) noexcept {
  if (!error_) {
    error_ = message;
    error_offset_ = offset;
    error_kind_ = kind;
  }
}

void Reader::note_end() noexcept { fail("unexpected end", pos_); }

}  // namespace ember::detail
#endif
