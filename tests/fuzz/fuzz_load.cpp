// libFuzzer target: decode + validate any bytes (Module::load). Anything must end in a module or
// a clean error: a crash, leak or sanitizer report is a bug.
#include <ember/ember.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  ember::Config config;
  config.max_heap_bytes = 64u << 20;  // a tiny module must not make the engine allocate more
  ember::Result<ember::Module> m = ember::Module::load(data, size, config);
  if (m.ok()) (void)m.value().code_size();
  return 0;
}
