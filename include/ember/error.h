// Ember: errors and traps are values. No exceptions cross the API.
#pragma once

#include "ember/build_config.h"

#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace ember {

// Which phase rejected the input, or what stopped a call.
enum class ErrorKind : uint8_t {
  Ok = 0,
  Malformed,    // the binary does not decode (spec: assert_malformed)
  Invalid,      // decodes but fails validation (spec: assert_invalid)
  Unlinkable,   // an import is missing or has the wrong type (spec: assert_unlinkable)
  Trap,         // execution trapped (see TrapKind); also start-function / segment traps at instantiation
  Limit,        // a host-configured limit was hit while loading or instantiating
  OutOfMemory,  // the host allocator failed
  BadArgument,  // the host API was misused (wrong argument count or types, ...)
  Unsupported,  // valid wasm using a feature this build leaves out (SIMD: the v128 type or a 0xFD
                // instruction); Error::offset is the byte that uses it. Refused at load, never run.
                // Also a Config setting the build leaves out (Config::executor without EMBER_JOBS).
  Exit,         // the program ended itself (WASI proc_exit, Caller::exit); see Error::exit_code. Not a trap:
                // no trap kind, no location, no backtrace
};

// Why execution stopped abnormally. Each has the spec's message text (see trap_message).
enum class TrapKind : uint8_t {
  None = 0,
  Unreachable,
  IntegerDivideByZero,
  IntegerOverflow,
  InvalidConversionToInteger,
  OutOfBoundsMemoryAccess,
  OutOfBoundsTableAccess,
  UndefinedElement,
  UninitializedElement,
  IndirectCallTypeMismatch,
  CallStackExhausted,
  // 11 is left unused so the values stay those of the C API (no instruction this build runs traps
  // on a null reference).
  HostTrap = 12,  // a host function reported a failure
  Exit,           // status of a host callback that ended the program (Caller::exit); the Error the host
                  // sees has ErrorKind::Exit and trap None, never ErrorKind::Trap with this kind
  OutOfFuel,
  Interrupted,
};

// Spec text of a trap ("integer divide by zero", ...).
const char* trap_message(TrapKind kind) noexcept;

// Name of an error kind ("malformed", "invalid", ...).
const char* error_kind_name(ErrorKind kind) noexcept;

// An error with its spec message, where it happened, and optional detail text. Ignoring one is
// almost always a bug, hence [[nodiscard]]: every function returning an Error warns when its
// result is dropped.
struct [[nodiscard]] Error {
  static constexpr uint32_t kNoIndex = 0xFFFFFFFFu;
  static constexpr std::size_t kDetailSize = EMBER_ERROR_TEXT ? 160 : 1;

  ErrorKind kind = ErrorKind::Ok;
  TrapKind trap = TrapKind::None;
  const char* message = "";  // static text; for spec-checked errors, the spec's wording
  uint32_t offset = 0;  // byte offset in the module binary: of the bad byte, or of the trapping instruction
  uint32_t func_index = kNoIndex;  // function being validated or executing, if any
  int32_t exit_code = 0;           // for ErrorKind::Exit: the code the program exited with
  // Specifics (which argument, both signatures, the limit's name and value...); may be empty. Not
  // spec-checked, unlike `message`. Always empty in builds without error text (EMBER_ERROR_TEXT 0,
  // ember/build_config.h), where it shrinks to one byte and errors stay small on the stack.
  char detail[kDetailSize] = {0};

#if EMBER_SMALL_DEFAULTS
  // Out of line in firmware builds (src/api/error.cpp): clearing the 160-byte detail inline at every
  // `return Error{}` and Error::make cost about 30 bytes of flash each.
  Error() noexcept;
#else
  Error() noexcept = default;
#endif

  bool ok() const noexcept { return kind == ErrorKind::Ok; }
  explicit operator bool() const noexcept { return kind != ErrorKind::Ok; }

#if EMBER_SMALL_DEFAULTS
  // Out of line in firmware builds (src/api/error.cpp), like the constructor: inline, each of the
  // many error sites stores every field itself.
  static Error make(ErrorKind k, const char* msg, uint32_t off = 0) noexcept;
  static Error make_trap(TrapKind t) noexcept;
#else
  static Error make(ErrorKind k, const char* msg, uint32_t off = 0) noexcept {
    Error e;
    e.kind = k;
    e.message = msg;
    e.offset = off;
    return e;
  }
  static Error make_trap(TrapKind t) noexcept {
    Error e;
    e.kind = ErrorKind::Trap;
    e.trap = t;
    e.message = trap_message(t);
    return e;
  }
#endif
  // The program ended itself with `code` (kind Exit, message "program exited").
  static Error make_exit(int32_t code) noexcept {
    Error e;
    e.kind = ErrorKind::Exit;
    e.message = "program exited";
    e.exit_code = code;
    return e;
  }
  // Sets the detail text (truncated to fit).
  void set_detail(const char* text, std::size_t len) noexcept;
  void set_detail(const char* text) noexcept;
};

// Formats "kind: message (detail) in function F at byte offset 0xN" into buf (an exit: "exit: program
// exited with code N"); returns buf. The offset is shown for load errors and traps.
//   limit: memory exceeds the host's memory limit (memory of 300 pages exceeds Config::max_memory_pages =
//   256) unlinkable: incompatible import type (env.f: expected (i32, i32) -> (i32), got (i64) -> ())
const char* format_error(const Error& e, char* buf, std::size_t size) noexcept;

namespace detail {
struct ResultSlot;
}

// A value or an error. Check ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T&& v) noexcept : ok_(true) { new (&storage_) T(std::move(v)); }
  Result(const T& v) : ok_(true) { new (&storage_) T(v); }
  Result(const Error& e) noexcept : ok_(false), error_(e) {}
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
  T& operator*() noexcept { return *ptr(); }
  T* operator->() noexcept { return ptr(); }
  const Error& error() const noexcept { return error_; }

 private:
  friend struct detail::ResultSlot;
  struct Pending {};
  explicit Result(Pending) noexcept : ok_(false) {}
  T* ptr() noexcept { return reinterpret_cast<T*>(&storage_); }
  const T* ptr() const noexcept { return reinterpret_cast<const T*>(&storage_); }
  bool ok_;
  Error error_;
  typename std::aligned_storage<sizeof(T), alignof(T)>::type storage_;
};

// The outcome of an operation that yields no value (e.g. Store::call<void>): Ok, or an error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() noexcept = default;
  Result(const Error& e) noexcept : error_(e) {}

  bool ok() const noexcept { return error_.ok(); }
  explicit operator bool() const noexcept { return error_.ok(); }
  const Error& error() const noexcept { return error_; }

 private:
  friend struct detail::ResultSlot;
  Error error_;
};

namespace detail {
// For Ember's own functions that return a Result: the Error is built in place, in the Result the
// caller provided, instead of in a frame of their own and then copied (an Error with text is 180
// bytes on a Cortex-M3, and firmware stacks are a few KiB). Construct the error in place with
// `new (ResultSlot::error(r)) Error(f())` (guaranteed elision), then set the value if it is Ok.
struct ResultSlot {
  // A Result holding Ok as its error and no value: the caller fills in one or the other.
  template <class T>
  static Result<T> pending() noexcept {
    if constexpr (std::is_void<T>::value)
      return Result<void>();
    else
      return Result<T>(typename Result<T>::Pending{});
  }
  template <class T>
  static Error* error(Result<T>& r) noexcept {
    return &r.error_;
  }
  static Error* error(Result<void>& r) noexcept { return &r.error_; }
  template <class T>
  static void set_value(Result<T>& r, T&& v) noexcept {
    new (&r.storage_) T(std::move(v));
    r.ok_ = true;
  }
};
}  // namespace detail

}  // namespace ember
