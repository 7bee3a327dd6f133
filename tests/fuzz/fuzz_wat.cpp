// libFuzzer target: the text-format parser (ember_text). Any text ends in a binary or a clean
// error; a binary it produces must then load or fail cleanly too.
#include <ember/ember.h>
#include <ember/text.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto wasm = ember::text::wat_to_wasm(reinterpret_cast<const char*>(data), size);
  if (wasm.ok()) {
    ember::Config config;
    config.max_heap_bytes = 64u << 20;
    (void)ember::Module::load(wasm.value().data(), wasm.value().size(), config);
  }
  return 0;
}
