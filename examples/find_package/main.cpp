// Downstream check: compiles against the installed headers, links the installed library, and runs
// a module embedded as bytes (no wat2wasm needed here): (func (export "add") (param i32 i32)
// (result i32) local.get 0 local.get 1 i32.add).
#include <cstdint>
#include <cstdio>

#include "ember/ember.h"

namespace {

const uint8_t kAddModule[] = {
    0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,        // header
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,  // type 0: (i32 i32) -> i32
    0x03, 0x02, 0x01, 0x00,                                // function 0 has type 0
    0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00,     // export "add" = function 0
    0x0A, 0x09, 0x01, 0x07, 0x00,                          // code: one body, no locals
    0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B,                    // local.get 0, local.get 1, i32.add, end
};

int fail(const ember::Error& e) {
  char text[256];
  std::fprintf(stderr, "error: %s\n", ember::format_error(e, text, sizeof text));
  return 1;
}

}  // namespace

int main() {
  ember::Result<ember::Module> module = ember::Module::load(kAddModule, sizeof kAddModule);
  if (!module) return fail(module.error());
  ember::Store store;
  ember::Result<ember::Instance*> instance = store.instantiate(*module, nullptr, 0);
  if (!instance) return fail(instance.error());
  ember::Value args[] = {ember::Value::i32(2), ember::Value::i32(3)};
  ember::Value result;
  ember::Error e = store.call((*instance)->function("add"), args, 2, &result, 1);
  if (e) return fail(e);
  std::printf("ember %s: add(2, 3) = %d\n", ember::version(), result.as_i32());
  return result.as_i32() == 5 ? 0 : 1;
}
