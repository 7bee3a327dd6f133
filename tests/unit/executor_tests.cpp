// Config::executor: a large module's function bodies are validated as jobs on the host's executor,
// and the outcome is the one validation in order gives: the module loads, or it is refused with
// the error of its lowest-index invalid function, whatever order the jobs run in.
#include <catch2/catch.hpp>

#include <ember/ember.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "big_module.h"

namespace {

using ember_test::Bytes;

constexpr uint32_t kFuncs = 64;
constexpr uint32_t kBodyBytes = 64 * 1024;  // 4 MiB of code in all: several jobs of about 1 MiB

// kFuncs functions of type [] -> [], each about kBodyBytes of `i32.const 1; drop`; the functions
// in `invalid` end with an i32.add on an empty stack (a type mismatch).
Bytes big_module(const std::vector<uint32_t>& invalid) {
  ember_test::BigModuleShape shape;
  shape.funcs = kFuncs;
  shape.body_bytes = kBodyBytes;
  shape.locals = {0};                 // no locals
  shape.filler = {0x41, 0x01, 0x1A};  // i32.const 1; drop
  shape.invalid_tail = {0x6A};        // i32.add
  return ember_test::big_module(shape, invalid);
}

// An executor that runs the jobs last to first and records how many it was given.
struct Recorder {
  uint32_t batches = 0;
  uint32_t jobs = 0;
};

void run_reversed(void* context, uint32_t count, void (*job)(void*, uint32_t), void* job_context) {
  auto* r = static_cast<Recorder*>(context);
  r->batches++;
  r->jobs += count;
  for (uint32_t i = count; i > 0; --i) job(job_context, i - 1);
}

ember::Result<ember::Module> load(const Bytes& bytes, Recorder* recorder) {
  ember::Config config;
  config.lazy_compile = true;
  if (recorder) {
    config.executor.run = run_reversed;
    config.executor.context = recorder;
  }
  return ember::Module::load(bytes.data(), bytes.size(), config);
}

}  // namespace

#if EMBER_JOBS
TEST_CASE("executor: a large valid module is validated in several jobs and loads") {
  Bytes bytes = big_module({});
  Recorder rec;
  auto m = load(bytes, &rec);
  REQUIRE(m.ok());
  CHECK(rec.batches == 1);
  CHECK(rec.jobs >= 4);
  CHECK(m.value().function_count() == kFuncs);
}

TEST_CASE("executor: the lowest-index invalid function's error wins, as in order") {
  for (const std::vector<uint32_t>& invalid :
       {std::vector<uint32_t>{50}, std::vector<uint32_t>{10, 40}, std::vector<uint32_t>{63, 0, 31}}) {
    Bytes bytes = big_module(invalid);
    const uint32_t lowest = *std::min_element(invalid.begin(), invalid.end());
    auto inline_result = load(bytes, nullptr);
    Recorder rec;
    auto jobs_result = load(bytes, &rec);
    INFO("lowest invalid function " << lowest);
    REQUIRE(!inline_result.ok());
    REQUIRE(!jobs_result.ok());
    CHECK(rec.jobs >= 4);
    const ember::Error& a = inline_result.error();
    const ember::Error& b = jobs_result.error();
    CHECK(a.kind == ember::ErrorKind::Invalid);
    CHECK(a.func_index == lowest);
    CHECK(b.kind == a.kind);
    CHECK(b.func_index == a.func_index);
    CHECK(b.offset == a.offset);
    CHECK(std::string(b.message) == a.message);
  }
}

TEST_CASE("executor: a small module is validated inline, without the executor") {
  Bytes bytes{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  Recorder rec;
  auto m = load(bytes, &rec);
  REQUIRE(m.ok());
  CHECK(rec.batches == 0);
}
#else
// A build without jobs leaves the executor out: a Config that sets one is refused, never run
// another way behind the host's back.
TEST_CASE("executor: refused by a build without jobs") {
  Bytes bytes{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  Recorder rec;
  auto m = load(bytes, &rec);
  REQUIRE(!m.ok());
  CHECK(m.error().kind == ember::ErrorKind::Unsupported);
  CHECK(rec.batches == 0);
  CHECK(load(bytes, nullptr).ok());
}
#endif
