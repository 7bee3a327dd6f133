// Embedding example: a C++ host that runs greet.wasm with Ember.
//
//   ember-example [path/to/greet.wasm]
//
// It shows the usual steps of an embedding: read the binary, Module::load, register host
// functions on a Linker, instantiate, look up exports, call them through Store::call, and turn
// any error into text with ember::format_error.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ember/ember.h"

#ifndef GREET_WASM_PATH
#define GREET_WASM_PATH "greet.wasm"
#endif

namespace {

// Prints an error with the engine's formatting and returns the process exit status.
int fail(const char* what, const ember::Error& error) {
  char text[256];
  std::fprintf(stderr, "error: %s: %s\n", what, ember::format_error(error, text, sizeof text));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : GREET_WASM_PATH;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "error: cannot open %s\n", path);
    return 1;
  }
  std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};

  // Decode and validate. The module copies the bytes, so `bytes` could be freed now.
  ember::Result<ember::Module> module = ember::Module::load(bytes.data(), bytes.size());
  if (!module) return fail("load", module.error());

  // The store owns everything created below and frees it when it goes out of scope.
  ember::Store store;

  // Host functions. The wasm signature comes from the C++ one, and the linker checks it against
  // each import: (i32) -> () for log_i32, (i32, i32) -> () for print.
  int logged = 0;
  ember::Function* log_i32 = store.create_function([&logged](int32_t value) {
    ++logged;
    std::printf("  [host] log_i32(%d)\n", value);
  });
  // Taking `Caller&` first gives access to the calling instance's memory. Guest pointers are
  // untrusted, so the read is bounds-checked; a bad one traps the guest instead of the host.
  ember::Function* print =
      store.create_function([](ember::Caller& caller, uint32_t address, uint32_t length) {
        ember::Memory* memory = caller.memory();
        std::string_view text;
        if (!memory || !memory->read_string(address, length, &text)) {
          caller.trap("print: string outside guest memory");
          return;
        }
        std::printf("  [host] print: %.*s\n", int(text.size()), text.data());
      });

  // A binding that could not be created is null; the linker would then report an unknown import.
  ember::Linker linker;
  if (!log_i32 || !print || !linker.define("env", "log_i32", log_i32) ||
      !linker.define("env", "print", print)) {
    std::fprintf(stderr, "error: out of memory defining the host functions\n");
    return 1;
  }
  ember::Result<ember::Instance*> instance = linker.instantiate(store, *module);
  if (!instance) return fail("instantiate", instance.error());

  ember::Function* greet = (*instance)->function("greet");
  ember::Function* factorial = (*instance)->function("factorial");
  if (!greet || !factorial) {
    std::fprintf(stderr, "error: greet.wasm lacks the greet/factorial exports\n");
    return 1;
  }

  std::printf("calling greet()\n");
  ember::Error error = store.call(greet, nullptr, 0, nullptr, 0);
  if (error) return fail("greet", error);

  const int32_t n = 5;
  std::printf("calling factorial(%d)\n", n);
  ember::Value argument = ember::Value::i32(n);
  ember::Value result;
  error = store.call(factorial, &argument, 1, &result, 1);
  if (error) return fail("factorial", error);

  std::printf("factorial(%d) = %d (the host was called %d times)\n", n, result.as_i32(), logged);
  std::printf("done\n");
  return 0;
}
