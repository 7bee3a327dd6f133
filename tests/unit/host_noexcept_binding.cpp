// Compiled with -fno-exceptions -fno-rtti: the binding and typed-call headers must build without
// exceptions (no try/catch, nothing from <exception> needed) and work the same.
#include "host_noexcept_binding.h"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "host_noexcept_binding.cpp must be compiled with -fno-exceptions (tests/CMakeLists.txt)"
#endif

static_assert(!ember::detail::kHostExceptions, "no exceptions here, so bindings do not catch");

namespace noexcept_tu {

bool has_exceptions() { return ember::detail::kHostExceptions; }

ember::Function* make_add(ember::Store& store) {
  return store.create_function([](int32_t a, int32_t b) { return a + b; });
}

ember::Function* make_trapper(ember::Store& store) {
  return store.create_function([](ember::Caller& caller, int32_t) -> int32_t {
    caller.trap("no exceptions here");
    return 0;
  });
}

int32_t typed_add(ember::Store& store, ember::Function* add, int32_t a, int32_t b, ember::Error* error) {
  ember::Result<int32_t> r = store.call<int32_t>(add, a, b);
  if (!r) {
    *error = r.error();
    return -1;
  }
  return *r;
}

}  // namespace noexcept_tu
