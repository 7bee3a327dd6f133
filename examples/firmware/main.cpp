// Firmware example: Ember on a bare-metal Cortex-M board (QEMU mps2-an385 and friends).
//
// It runs wasm modules straight from flash (the bytes are const arrays, borrowed, never copied),
// with every byte Ember allocates counted by the host's own allocator, and prints one line per
// figure so the test (and CI) can read them:
//   fib(24) = 46368                 the result
//   guest_instructions_fib24 = N    guest instructions of the call (SysTick under -icount shift=0)
//   ram_peak_bytes = N              peak of Ember's heap during load, instantiate and the call
//   stack_peak_bytes = N            peak stack use over the same span
// then the host-import demo (an "LED" toggled through an import, its state printed through another).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "ember/board.h"
#include "ember/ember.h"

extern "C" {
extern const unsigned char fib_wasm[];
extern const unsigned int fib_wasm_size;
extern const unsigned char blink_wasm[];
extern const unsigned int blink_wasm_size;
}

namespace {

// The host's allocator: plain malloc, with Ember's live bytes and their peak counted.
struct HeapMeter {
  std::size_t live = 0;
  std::size_t peak = 0;
};
HeapMeter g_heap;

void* meter_alloc(void* user, std::size_t size) noexcept {
  void* p = std::malloc(size);
  if (p) {
    auto* meter = static_cast<HeapMeter*>(user);
    meter->live += size;
    if (meter->live > meter->peak) meter->peak = meter->live;
  }
  return p;
}

void meter_free(void* user, void* p, std::size_t size) noexcept {
  if (!p) return;
  static_cast<HeapMeter*>(user)->live -= size;
  std::free(p);
}

ember::Config firmware_config() {
  ember::Config config;
  config.allocator.alloc = meter_alloc;
  config.allocator.free = meter_free;
  config.allocator.user = &g_heap;
  // The host sizes the stacks to its workload: fib(24) nests 25 calls, and the compiled fib keeps
  // about one 8-byte slot per call on the value stack (measured: it runs in 224 bytes, traps in
  // 208), so 256 bytes and 26 frames hold it with a little room; anything deeper traps with "call
  // stack exhausted", it never overruns.
  // Compiling at load keeps the compiler off the call's native stack.
  config.stack_bytes = 256;
  config.max_call_depth = 26;
  config.lazy_compile = false;
  return config;
}

int fail(const char* what, const ember::Error& error) {
  char text[160];
  std::printf("error: %s: %s\n", what, ember::format_error(error, text, sizeof text));
  return 1;
}

int run_fib() {
  ember_board_stack_repaint();
  const std::size_t stack_before = ember_board_stack_high_water_bytes();
  const ember::Config config = firmware_config();
  int32_t result = 0;
  uint32_t ticks = 0;
  {
    ember::Result<ember::Module> module =
        ember::Module::load(fib_wasm, fib_wasm_size, config, ember::BytesOwnership::Borrow);
    if (!module) return fail("load fib", module.error());
    ember::Store store(config);
    ember::Result<ember::Instance*> instance = store.instantiate(*module, nullptr, 0);
    if (!instance) return fail("instantiate fib", instance.error());
    ember::Function* fib = (*instance)->function("fib");
    if (!fib) {
      std::printf("error: fib.wasm has no fib export\n");
      return 1;
    }
    ember_board_clock_start();
    ember::Result<int32_t> r = store.call<int32_t>(fib, int32_t(24));
    ticks = ember_board_clock_ticks();
    if (!r) return fail("fib(24)", r.error());
    result = *r;
  }
  const std::size_t stack_peak = ember_board_stack_high_water_bytes();
  std::printf("fib(24) = %ld\n", long(result));
  std::printf("guest_instructions_fib24 = %lu\n",
              static_cast<unsigned long>(ticks) * ember_board_instructions_per_tick());
  std::printf("ram_peak_bytes = %u\n", unsigned(g_heap.peak));
  // What main's caller and this frame held before the run is not the run's.
  std::printf("stack_peak_bytes = %u\n", unsigned(stack_peak - stack_before));
  std::printf("heap_live_after_bytes = %u\n", unsigned(g_heap.live));
  return result == 46368 && g_heap.live == 0 ? 0 : 1;
}

// The "LED": a bit in RAM a real board would map to a GPIO register.
int32_t g_led = 0;

int run_blink() {
  const ember::Config config = firmware_config();
  ember::Result<ember::Module> module =
      ember::Module::load(blink_wasm, blink_wasm_size, config, ember::BytesOwnership::Borrow);
  if (!module) return fail("load blink", module.error());
  ember::Store store(config);
  ember::Function* toggle = store.create_function([]() -> int32_t {
    g_led ^= 1;
    return g_led;
  });
  ember::Function* print =
      store.create_function([](int32_t value) { std::printf("led = %ld\n", long(value)); });
  ember::Linker linker;
  if (!toggle || !print || !linker.define("board", "led_toggle", toggle) ||
      !linker.define("board", "print_i32", print)) {
    std::printf("error: out of memory defining the host functions\n");
    return 1;
  }
  ember::Result<ember::Instance*> instance = linker.instantiate(store, *module);
  if (!instance) return fail("instantiate blink", instance.error());
  ember::Result<int32_t> on = store.call<int32_t>((*instance)->function("blink"), int32_t(5));
  if (!on) return fail("blink", on.error());
  std::printf("blink(5): led on %ld times, led now %ld\n", long(*on), long(g_led));
  return *on == 3 && g_led == 1 ? 0 : 1;
}

#if !EMBER_JOBS
// This build leaves parallel validation out: a Config asking for it must be refused at load, not
// silently served in order.
int check_executor_refused() {
  ember::Config config = firmware_config();
  config.executor.run = [](void*, uint32_t, void (*)(void*, uint32_t), void*) {};
  ember::Result<ember::Module> module =
      ember::Module::load(fib_wasm, fib_wasm_size, config, ember::BytesOwnership::Borrow);
  const bool refused = !module && module.error().kind == ember::ErrorKind::Unsupported;
  std::printf("executor refused: %s\n", refused ? "yes" : "NO");
  return refused ? 0 : 1;
}
#endif

}  // namespace

int main() {
  int status = run_fib();
  if (status == 0) status = run_blink();
#if !EMBER_JOBS
  if (status == 0) status = check_executor_refused();
#endif
  std::printf(status == 0 ? "firmware: ok\n" : "firmware: FAILED\n");
  return status;
}
