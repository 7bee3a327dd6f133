// Ember: error and trap texts.
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "ember/error.h"
#include "ember/types.h"

namespace ember {

#if EMBER_SMALL_DEFAULTS
Error::Error() noexcept = default;

Error Error::make(ErrorKind k, const char* msg, uint32_t off) noexcept {
  Error e;
  e.kind = k;
  e.message = msg;
  e.offset = off;
  return e;
}

Error Error::make_trap(TrapKind t) noexcept {
  Error e;
  e.kind = ErrorKind::Trap;
  e.trap = t;
  e.message = trap_message(t);
  return e;
}
#endif

const char* trap_message(TrapKind kind) noexcept {
  switch (kind) {
    case TrapKind::None: return "";
    case TrapKind::Unreachable: return "unreachable";
    case TrapKind::IntegerDivideByZero: return "integer divide by zero";
    case TrapKind::IntegerOverflow: return "integer overflow";
    case TrapKind::InvalidConversionToInteger: return "invalid conversion to integer";
    case TrapKind::OutOfBoundsMemoryAccess: return "out of bounds memory access";
    case TrapKind::OutOfBoundsTableAccess: return "out of bounds table access";
    case TrapKind::UndefinedElement: return "undefined element";
    case TrapKind::UninitializedElement: return "uninitialized element";
    case TrapKind::IndirectCallTypeMismatch: return "indirect call type mismatch";
    case TrapKind::CallStackExhausted: return "call stack exhausted";
    case TrapKind::HostTrap: return "host function trapped";
    case TrapKind::Exit: return "exit";
    case TrapKind::OutOfFuel: return "out of fuel";
    case TrapKind::Interrupted: return "interrupted";
  }
  return "unknown trap";
}

const char* error_kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::Ok: return "ok";
    case ErrorKind::Malformed: return "malformed";
    case ErrorKind::Invalid: return "invalid";
    case ErrorKind::Unlinkable: return "unlinkable";
    case ErrorKind::Trap: return "trap";
    case ErrorKind::Limit: return "limit";
    case ErrorKind::OutOfMemory: return "out of memory";
    case ErrorKind::BadArgument: return "bad argument";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Exit: return "exit";
  }
  return "error";
}

void Error::set_detail(const char* text, std::size_t len) noexcept {
  if (!EMBER_ERROR_TEXT) return;
  if (len >= sizeof detail) len = sizeof detail - 1;
  std::memcpy(detail, text, len);
  detail[len] = 0;
}

void Error::set_detail(const char* text) noexcept { set_detail(text, std::strlen(text)); }

const char* format_error(const Error& e, char* buf, std::size_t size) noexcept {
  if (size == 0) return buf;
  if (e.kind == ErrorKind::Exit) {
    std::snprintf(buf, size, "exit: %s with code %d", e.message ? e.message : "", int(e.exit_code));
    return buf;
  }
  int n = std::snprintf(buf, size, "%s: %s", error_kind_name(e.kind), e.message ? e.message : "");
  auto append = [&](const char* fmt, auto... args) {
    if (n >= 0 && std::size_t(n) < size) n += std::snprintf(buf + n, size - std::size_t(n), fmt, args...);
  };
  if (e.detail[0]) append(" (%s)", e.detail);
  if (e.func_index != Error::kNoIndex) append(" in function %" PRIu32, e.func_index);
  if (e.kind == ErrorKind::Malformed || e.kind == ErrorKind::Invalid || e.kind == ErrorKind::Unsupported ||
      (e.kind == ErrorKind::Limit && e.offset))
    append(" at byte offset 0x%" PRIx32, e.offset);
  else if (e.kind == ErrorKind::Trap && e.func_index != Error::kNoIndex)
    append(" at byte offset 0x%" PRIx32, e.offset);
  return buf;
}

}  // namespace ember
