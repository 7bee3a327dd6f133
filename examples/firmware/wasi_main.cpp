// Firmware WASI example: a preview1 command from flash, its stdout on the board console. It shows
// that the WASI layer links and runs on the board, and its link map gives the size report's
// "with WASI" figures.
#include <cstdio>

#include "ember/ember.h"
#include "ember/wasi.h"

extern "C" {
extern const unsigned char wasi_hello_wasm[];
extern const unsigned int wasi_hello_wasm_size;
}

namespace {
int fail(const char* what, const ember::Error& error) {
  char text[160];
  std::printf("error: %s: %s\n", what, ember::format_error(error, text, sizeof text));
  return 1;
}
}  // namespace

int main() {
  ember::Result<ember::Module> module = ember::Module::load(wasi_hello_wasm, wasi_hello_wasm_size,
                                                            ember::Config{}, ember::BytesOwnership::Borrow);
  if (!module) return fail("load", module.error());
  const char* const args[] = {"wasi_hello"};
  ember::WasiConfig wasi_config;
  wasi_config.args = args;
  wasi_config.arg_count = 1;
  ember::Result<ember::WasiContext> wasi = ember::WasiContext::create(wasi_config);
  if (!wasi) return fail("wasi", wasi.error());
  ember::Store store;
  ember::Linker linker;
  // Only the WASI functions the module imports: two host functions instead of all of them.
  if (ember::Error e = ember::define_wasi(linker, store, *wasi, *module)) return fail("define_wasi", e);
  ember::Result<ember::Instance*> instance = linker.instantiate(store, *module);
  if (!instance) return fail("instantiate", instance.error());
  ember::Result<void> run = store.call<void>((*instance)->function("_start"));
  if (!run) return fail("_start", run.error());
  std::printf("wasi firmware: ok\n");
  return 0;
}
