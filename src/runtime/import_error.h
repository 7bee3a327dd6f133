// Ember: link errors name the import ("module.name") in their detail text.
#pragma once

#include "ember/error.h"
#include "module/module_data.h"

namespace ember::detail {

inline Error import_error(const char* message, const Import& imp) noexcept {
  Error e = Error::make(ErrorKind::Unlinkable, message);
  char buf[sizeof e.detail];
  std::size_t n = 0;
  auto put = [&](std::string_view s) {
    for (char c : s)
      if (n + 1 < sizeof buf) buf[n++] = c;
  };
  put(imp.module);
  put(".");
  put(imp.name);
  e.set_detail(buf, n);
  return e;
}

}  // namespace ember::detail
