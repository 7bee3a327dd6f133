// Thread test: a large module's function bodies validated on four threads through
// Config::executor. A valid module loads; an invalid one is refused with the error of its
// lowest-index invalid function, the same error as validation in order, on every attempt.
// Built with -fsanitize=thread (.ci/run) this also reports any data race between the jobs.
//
// Prints "N passed, M failed" and exits non-zero if anything failed.
#include <ember/ember.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "big_module.h"
#include "tally.h"

namespace {

ember_test::Tally tally;

void check(bool ok, const char* what) { tally.check(ok, what); }

using ember_test::Bytes;

// 96 functions [] -> [] of about 64 KiB of `local.get 0; i64.const 1; i64.add; local.set 0` each
// (6 MiB of code); those in `invalid` end with a type mismatch (i32.eqz of an i64).
Bytes big_module(const std::vector<uint32_t>& invalid) {
  ember_test::BigModuleShape shape;
  shape.funcs = 96;
  shape.body_bytes = 64 * 1024;
  shape.locals = {1, 1, 0x7E};  // one i64 local
  shape.filler = {0x20, 0x00, 0x42, 0x01,
                  0x7C, 0x21, 0x00};              // local.get 0; i64.const 1; i64.add; local.set 0
  shape.invalid_tail = {0x20, 0x00, 0x45, 0x1A};  // local.get 0; i32.eqz; drop
  return ember_test::big_module(shape, invalid);
}

// Four threads, each taking the next job until none is left.
void run_on_threads(void*, uint32_t count, void (*job)(void*, uint32_t), void* job_context) {
  std::atomic<uint32_t> next{0};
  auto work = [&] {
    for (uint32_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) job(job_context, i);
  };
  std::thread a(work), b(work), c(work);
  work();
  a.join();
  b.join();
  c.join();
}

ember::Result<ember::Module> load(const Bytes& bytes, bool threads) {
  ember::Config config;
  config.lazy_compile = true;
  if (threads) config.executor.run = run_on_threads;
  return ember::Module::load(bytes.data(), bytes.size(), config);
}

}  // namespace

int main() {
  Bytes valid = big_module({});
  check(load(valid, true).ok(), "a valid module loads with its bodies validated on threads");

  for (const std::vector<uint32_t>& invalid :
       {std::vector<uint32_t>{70}, std::vector<uint32_t>{12, 60}, std::vector<uint32_t>{95, 1, 48}}) {
    Bytes bytes = big_module(invalid);
    const uint32_t lowest = *std::min_element(invalid.begin(), invalid.end());
    auto in_order = load(bytes, false);
    check(!in_order.ok() && in_order.error().func_index == lowest, "in order: the lowest invalid function");
    for (int attempt = 0; attempt < 5; ++attempt) {
      auto on_threads = load(bytes, true);
      check(!on_threads.ok(), "refused on threads");
      if (on_threads.ok() || in_order.ok()) continue;
      const ember::Error& a = in_order.error();
      const ember::Error& b = on_threads.error();
      check(b.func_index == a.func_index && b.offset == a.offset && b.kind == a.kind &&
                std::strcmp(b.message, a.message) == 0,
            "on threads: the same error as in order");
    }
  }
  return tally.finish();
}
