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
class DetailText {
 public:
  // Only the terminator is set: filling the whole buffer would cost a copy of it per error.
  DetailText() noexcept { buf_[0] = 0; }
  DetailText& str(std::string_view s) noexcept {
    for (char c : s)
      if (n_ + 1 < sizeof buf_) buf_[n_++] = c;
    buf_[n_] = 0;
    return *this;
  }
  DetailText& num(uint64_t v) noexcept {
    char tmp[20];
    std::size_t len = 0;
    do {
      tmp[sizeof tmp - 1 - len++] = char('0' + v % 10);
      v /= 10;
    } while (v);
    return str(std::string_view(tmp + sizeof tmp - len, len));
  }
  DetailText& type(ValType t) noexcept { return str(to_string(t)); }
  // "(i32, i64) -> (f32)"
  DetailText& signature(FuncTypeView t) noexcept {
    list(t.params, t.param_count);
    str(" -> ");
    return list(t.results, t.result_count);
  }
  // "1..10" or "1.." (no maximum)
  DetailText& limits(uint64_t min, bool has_max, uint64_t max) noexcept {
    num(min).str("..");
    return has_max ? num(max) : *this;
  }

  const char* c_str() const noexcept { return buf_; }
  std::size_t size() const noexcept { return n_; }
  void into(Error& e) const noexcept { e.set_detail(buf_, n_); }

 private:
  DetailText& list(const ValType* types, uint32_t count) noexcept {
    str("(");
    for (uint32_t i = 0; i < count; ++i) {
      if (i) str(", ");
      type(types[i]);
    }
    return str(")");
  }

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
