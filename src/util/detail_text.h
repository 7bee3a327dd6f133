// Ember: building an Error's detail text ("args[1]: expected i64, given i32", both signatures of an
// incompatible import, a limit's name and value). No allocation; text past the buffer is dropped.
// Builds without error text (EMBER_ERROR_TEXT 0) get an empty DetailText whose calls compile to
// nothing, so neither the formatting code nor its strings reach the binary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ember/error.h"
#include "ember/types.h"

namespace ember::detail {

#if EMBER_ERROR_TEXT
// The appending members are out of line (detail_text.cpp): every error path formats its detail,
// and one shared copy of each is much smaller than one inlined at each of them.
class DetailText {
 public:
  // Only the terminator is set: filling the whole buffer would cost a copy of it per error.
  DetailText() noexcept { buf_[0] = 0; }
  DetailText& str(std::string_view s) noexcept;
  DetailText& num(uint64_t v) noexcept;
  DetailText& type(ValType t) noexcept { return str(to_string(t)); }
  // "(i32, i64) -> (f32)"
  DetailText& signature(FuncTypeView t) noexcept;
  // "1..10" or "1.." (no maximum)
  DetailText& limits(uint64_t min, bool has_max, uint64_t max) noexcept;

  const char* c_str() const noexcept { return buf_; }
  std::size_t size() const noexcept { return n_; }
  void into(Error& e) const noexcept { e.set_detail(buf_, n_); }

 private:
  DetailText& list(const ValType* types, uint32_t count) noexcept;

  char buf_[sizeof(Error::detail)];
  std::size_t n_ = 0;
};
#else
class DetailText {
 public:
  DetailText& str(std::string_view) noexcept { return *this; }
  DetailText& num(uint64_t) noexcept { return *this; }
  DetailText& type(ValType) noexcept { return *this; }
  DetailText& signature(FuncTypeView) noexcept { return *this; }
  DetailText& limits(uint64_t, bool, uint64_t) noexcept { return *this; }
  const char* c_str() const noexcept { return ""; }
  std::size_t size() const noexcept { return 0; }
  void into(Error&) const noexcept {}
};
#endif

}  // namespace ember::detail
