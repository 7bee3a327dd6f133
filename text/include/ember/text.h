// Ember text format: WebAssembly text (WAT) to the binary format, for tools, tests and hosts that
// want to load `.wat` files. Not part of the core library: it allocates with the standard library
// and never goes into firmware builds. Its output goes through ember::Module::load like any other
// binary, so decoding and validation rules live in one place.
//
// Thread safety: every function here is re-entrant; nothing is shared between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ember::text {

// Why the text was rejected, and where.
struct TextError {
  // Static text; where the spec test suite checks a message, the suite's wording ("unexpected
  // token", "unknown operator", "constant out of range", "mismatching label", ...).
  const char* message = "";
  // The offending token or name, or other context; may be empty.
  char detail[128] = {0};
  uint32_t line = 0;       // 1-based line of the offending token
  uint32_t column = 0;     // 1-based column (in characters) of the offending token
  std::size_t offset = 0;  // byte offset of the offending token in the text

  // Sets the detail text (truncated to fit).
  void set_detail(std::string_view text) noexcept;
};

// Formats "LINE:COLUMN: MESSAGE[ DETAIL]" into buf (always NUL-terminated); returns buf.
const char* format_error(const TextError& error, char* buf, std::size_t size) noexcept;

// The message with its detail ("unknown operator i32.foo"): the text spec scripts compare against.
// Written into buf (always NUL-terminated); returns buf.
const char* error_text(const TextError& error, char* buf, std::size_t size) noexcept;

// A value or a TextError. Check ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T&& v) noexcept : ok_(true) { new (&storage_) T(std::move(v)); }
  Result(const TextError& e) noexcept : ok_(false), error_(e) {}
  Result(Result&& o) noexcept : ok_(o.ok_), error_(o.error_) {
    if (ok_) new (&storage_) T(std::move(*o.ptr()));
  }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() {
    if (ok_) ptr()->~T();
  }

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  T& value() noexcept { return *ptr(); }
  const T& value() const noexcept { return *ptr(); }
  const TextError& error() const noexcept { return error_; }

 private:
  T* ptr() noexcept { return reinterpret_cast<T*>(&storage_); }
  const T* ptr() const noexcept { return reinterpret_cast<const T*>(&storage_); }
  bool ok_;
  TextError error_;
  typename std::aligned_storage<sizeof(T), alignof(T)>::type storage_;
};

struct WatOptions {
  // Write a "name" custom section with the module's, functions' and locals' identifiers (only
  // when the text names anything).
  bool name_section = true;
};

// Converts one module in the text format to the binary format. The text is either a module
// `(module $id? field*)`, a bare sequence of module fields, `(module $id? binary "..."*)` (the
// strings' bytes, returned as they are) or `(module $id? quote "..."*)` (the strings' text, parsed
// as a module). The bytes are returned in a buffer the caller owns. The binary has been neither
// decoded nor validated: hand it to ember::Module::load for that. Errors are syntax errors in
// the text format (the spec's "malformed" for text), with the position of the offending token (in
// a quoted module: of the string holding it).
Result<std::vector<uint8_t>> wat_to_wasm(const char* text, std::size_t len, const WatOptions& options = {});

// --- numeric literals, shared with script readers ---

enum class LiteralStatus : uint8_t {
  Ok,
  Malformed,   // not a number token of that kind
  OutOfRange,  // a number, but it does not fit
};

// Parses an integer literal for a `bits`-wide constant (8, 16, 32 or 64): unsigned digits up to
// 2^bits - 1, or signed ones (with '+' or '-') from -2^(bits-1) to 2^(bits-1) - 1; decimal or
// 0x-hex, with '_' between digits. `out` receives the two's-complement bit pattern.
LiteralStatus parse_int_literal(std::string_view token, unsigned bits, uint64_t* out) noexcept;

// Parses an unsigned integer (no sign) that must fit in `bits` bits (32 or 64).
LiteralStatus parse_nat_literal(std::string_view token, unsigned bits, uint64_t* out) noexcept;

// Parses a float literal (decimal or hex, with exponent, `inf`, `nan`, `nan:0x...`, signs and
// underscores) for f32 (`is_f64` false) or f64, rounded to nearest-even. `out` receives the
// IEEE-754 bit pattern. A finite literal that rounds beyond the largest finite value is out of
// range, as is a NaN payload of zero or one wider than the mantissa.
LiteralStatus parse_float_literal(std::string_view token, bool is_f64, uint64_t* out) noexcept;

}  // namespace ember::text
