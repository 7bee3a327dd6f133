// Thread test: a store's running call interrupted from another thread.
//
// The main thread runs hostile.wat's endless `spin` (metered, no fuel budget) and a long unmetered
// `fill`; a second thread interrupts each through the store's InterruptHandle, the one object of a
// store that may be used concurrently with it. Each call must stop with TrapKind::Interrupted,
// resume when asked, and the store must stay usable. Built with -fsanitize=thread (.ci/run) this
// also reports any data race on the interrupt flag.
//
// Prints "N passed, M failed" and exits non-zero if anything failed.
#include <ember/ember.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "read_file.h"
#include "tally.h"

namespace {

ember_test::Tally tally;

void check(bool ok, const char* what) { tally.check(ok, what); }

std::vector<uint8_t> read_fixture(const char* name) {
  return ember_test::read_file(std::string(EMBER_TEST_WASM_DIR) + "/" + name + ".wasm");
}

// Runs `name` while another thread interrupts the store after `delay`.
ember::Error call_interrupted(ember::Store& store, ember::Function* f, std::vector<ember::Value> args,
                              std::chrono::milliseconds delay) {
  ember::InterruptHandle* handle = store.interrupt_handle();
  std::thread interrupter([handle, delay] {
    std::this_thread::sleep_for(delay);
    handle->interrupt();
  });
  ember::Error e = store.call(f, args.data(), args.size(), nullptr, 0);
  interrupter.join();
  return e;
}

}  // namespace

int main() {
  std::vector<uint8_t> bytes = read_fixture("hostile");
  if (bytes.empty()) {
    std::fprintf(stderr, "cannot read hostile.wasm from %s\n", EMBER_TEST_WASM_DIR);
    std::printf("0 passed, 1 failed\n");
    return 1;
  }
  ember::Config config;
  config.metered = true;
  ember::Result<ember::Module> loaded = ember::Module::load(bytes.data(), bytes.size(), config);
  check(loaded.ok(), "load hostile.wasm metered");
  if (!loaded.ok()) return 1;
  ember::Store store;
  ember::Function* tick = store.create_function([](int32_t x) { return x; });
  ember::Extern imports[] = {tick};
  ember::Result<ember::Instance*> inst = store.instantiate(loaded.value(), imports, 1);
  check(inst.ok(), "instantiate");
  if (!inst.ok()) return 1;

  for (int round = 0; round < 20; ++round) {
    ember::Error e =
        call_interrupted(store, inst.value()->function("spin"), {}, std::chrono::milliseconds(2));
    check(e.trap == ember::TrapKind::Interrupted, "spin stops with interrupted");
    check(store.suspended(), "the interrupted spin is suspended");
    store.abandon();
  }

  // 256 MiB of memory, then fills of all of it, interrupted part-way (or, on a slow machine, right
  // at the start) and resumed to the end.
  ember::Value grown;
  check(store.call(inst.value()->function("grow_all"), nullptr, 0, &grown, 1).ok() && grown.as_i32() == 4096,
        "grow to 4096 pages");
  ember::Memory* mem = inst.value()->memory("memory");
  for (int round = 0; round < 5; ++round) {
    uint8_t byte = uint8_t(round + 1);
    ember::Error e = call_interrupted(store, inst.value()->function("fill"),
                                      {ember::Value::i32(256 << 20), ember::Value::i32(byte)},
                                      std::chrono::milliseconds(1));
    if (e.ok()) {
      tally.check(true, "fill");  // the fill beat the interrupt: the request then waits for the next call
      store.abandon();
      e = store.call(inst.value()->function("spin"), nullptr, 0, nullptr, 0);
      check(e.trap == ember::TrapKind::Interrupted, "a pending interrupt stops the next call");
      store.abandon();
      continue;
    }
    check(e.trap == ember::TrapKind::Interrupted, "fill stops with interrupted");
    check(store.suspended(), "the interrupted fill is suspended");
    check(store.resume(nullptr, 0).ok(), "the fill resumes to its end");
    check(mem->data()[0] == byte && mem->data()[(256u << 20) - 1] == byte, "all of memory filled");
  }
  return tally.finish();
}
