// Ember: DetailText's appending members (see detail_text.h).
#include "util/detail_text.h"

namespace ember::detail {

#if EMBER_ERROR_TEXT
DetailText& DetailText::str(std::string_view s) noexcept {
  for (char c : s)
    if (n_ + 1 < sizeof buf_) buf_[n_++] = c;
  buf_[n_] = 0;
  return *this;
}

DetailText& DetailText::num(uint64_t v) noexcept {
  char tmp[20];
  std::size_t len = 0;
  do {
    tmp[sizeof tmp - 1 - len++] = char('0' + v % 10);
    v /= 10;
  } while (v);
  return str(std::string_view(tmp + sizeof tmp - len, len));
}

DetailText& DetailText::signature(FuncTypeView t) noexcept {
  list(t.params, t.param_count);
  str(" -> ");
  return list(t.results, t.result_count);
}

DetailText& DetailText::limits(uint64_t min, bool has_max, uint64_t max) noexcept {
  num(min).str("..");
  return has_max ? num(max) : *this;
}

DetailText& DetailText::list(const ValType* types, uint32_t count) noexcept {
  str("(");
  for (uint32_t i = 0; i < count; ++i) {
    if (i) str(", ");
    type(types[i]);
  }
  return str(")");
}
#endif

}  // namespace ember::detail
