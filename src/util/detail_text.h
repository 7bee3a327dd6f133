// Ember: building an Error's detail text ("args[1]: expected i64, given i32", both signatures of an
// incompatible import, a limit's name and value). No allocation; text past the buffer is dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "ember/error.h"
#include "ember/types.h"

namespace ember::detail {

class DetailText {
 public:
  DetailText& str(std::string_view s) noexcept {
    for (char c : s)
      if (n_ + 1 < sizeof buf_) buf_[n_++] = c;
    buf_[n_] = 0;
    return *this;
  }
  DetailText& num(uint64_t v) noexcept {
    char tmp[24];
    int len = std::snprintf(tmp, sizeof tmp, "%llu", static_cast<unsigned long long>(v));
    return str(std::string_view(tmp, len > 0 ? std::size_t(len) : 0));
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

  char buf_[sizeof(Error::detail)] = {0};
  std::size_t n_ = 0;
};

}  // namespace ember::detail
