// Thread test: one lazily compiled Module shared by stores on several threads.
//
// Each round loads tests/wat/life_many_functions.wat with Config::lazy_compile, then 4 threads each
// take a copy of the Module handle, create their own Store, instantiate, and call every export
// many times, starting at different functions so that their first calls compile overlapping chains
// of bodies at the same moment. The main thread drops its handle while the threads run, so the last
// Store or handle to go (on some worker thread) frees the module. Built with -fsanitize=thread
// (.ci/run) this reports any data race in lazy compilation or in the module's reference count;
// without it, it still checks every result.
//
// Prints "N passed, M failed" and exits non-zero if anything failed.
#include <ember/ember.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "read_file.h"

namespace {

constexpr uint32_t kFunctions = 64;
constexpr int kThreads = 4;
constexpr int kRounds = 8;  // fresh module each round, so compiles race again
constexpr int kCallsPerExport = 6;

uint32_t rotl(uint32_t v, uint32_t n) { return (v << n) | (v >> (32 - n)); }

// The formulas of life_many_functions.wat.
uint32_t expected(uint32_t i, uint32_t x) {
  if (i == 0) return x + 0x12345u;
  switch (i % 4) {
    case 0: return expected(i - 1, x * 3 + i) ^ (i * 0x9E37u);
    case 1: return expected(i - 1, x ^ i) + i;
    case 2: return rotl(expected(i - 1, x), i % 31 + 1);
    default: {
      uint32_t t = x;
      for (uint32_t k = 0; k < i % 5 + 1; ++k) t = (t * 0x01000193u) ^ i;
      return expected(i - 1, t);
    }
  }
}

std::vector<uint8_t> read_fixture(const char* name) {
  return ember_test::read_file(std::string(EMBER_TEST_WASM_DIR) + "/" + name + ".wasm");
}

struct Counts {
  std::atomic<uint64_t> passed{0};
  std::atomic<uint64_t> failed{0};
};

void fail(Counts& counts, int thread, const char* what, const ember::Error& e) {
  char buf[256];
  std::fprintf(stderr, "thread %d: %s: %s\n", thread, what, ember::format_error(e, buf, sizeof buf));
  counts.failed.fetch_add(1);
}

// One worker: its own store and instance of the shared module.
void run_worker(ember::Module module, int thread, std::atomic<int>* ready, Counts* counts) {
  ember::Config config;
  config.lazy_compile = true;
  ember::Store store(config);
  ember::Result<ember::Instance*> inst = store.instantiate(module, nullptr, 0);
  ember::Function* funcs[kFunctions] = {};
  bool ok = inst.ok();
  if (!ok) fail(*counts, thread, "instantiate", inst.error());
  for (uint32_t i = 0; ok && i < kFunctions; ++i) {
    std::string name = "f" + std::to_string(i);
    funcs[i] = (*inst)->function(name);
    if (!funcs[i]) {
      fail(*counts, thread, ("missing export " + name).c_str(), ember::Error{});
      ok = false;
    }
  }
  // Start together, so the first (compiling) calls overlap.
  ready->fetch_add(1);
  while (ready->load() < kThreads) std::this_thread::yield();
  if (!ok) return;

  uint64_t passed = 0;
  for (int call = 0; call < kCallsPerExport; ++call) {
    for (uint32_t k = 0; k < kFunctions; ++k) {
      // Thread t starts at function 16t + 15 and walks up, so the chains it compiles first overlap
      // with the other threads' (each call compiles every body below it that is not yet compiled).
      uint32_t i = (k + uint32_t(thread) * (kFunctions / kThreads) + kFunctions / kThreads - 1) % kFunctions;
      uint32_t x = uint32_t(call) * 7919u + uint32_t(thread) * 104729u + i;
      ember::Value arg = ember::Value::i32(int32_t(x)), result;
      ember::Error e = store.call(funcs[i], &arg, 1, &result, 1);
      if (e) {
        fail(*counts, thread, "call", e);
        continue;
      }
      if (uint32_t(result.as_i32()) != expected(i, x)) {
        std::fprintf(stderr, "thread %d: f%u(%u) = %u, expected %u\n", thread, i, x,
                     uint32_t(result.as_i32()), expected(i, x));
        counts->failed.fetch_add(1);
        continue;
      }
      ++passed;
    }
  }
  counts->passed.fetch_add(passed);
}

}  // namespace

int main() {
  std::vector<uint8_t> bytes = read_fixture("life_many_functions");
  if (bytes.empty()) {
    std::fprintf(stderr, "cannot read life_many_functions.wasm from %s\n", EMBER_TEST_WASM_DIR);
    std::printf("0 passed, 1 failed\n");
    return 1;
  }
  Counts counts;
  for (int round = 0; round < kRounds; ++round) {
    ember::Config config;
    config.lazy_compile = true;
    ember::Result<ember::Module> loaded = ember::Module::load(bytes.data(), bytes.size(), config);
    if (!loaded.ok()) {
      fail(counts, -1, "load", loaded.error());
      break;
    }
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back(run_worker, loaded.value(), t, &ready, &counts);
    // Drop the main thread's handle while the workers run: the workers' copies and instances keep
    // the module alive, and whichever of them goes last frees it.
    { ember::Module drop = std::move(loaded.value()); }
    for (std::thread& t : threads) t.join();
  }
  std::printf("%llu passed, %llu failed\n", (unsigned long long)counts.passed.load(),
              (unsigned long long)counts.failed.load());
  return counts.failed.load() == 0 && counts.passed.load() > 0 ? 0 : 1;
}
