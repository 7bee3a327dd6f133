// Regression tests for the compiler's fused instructions (tests/wat/fusion_regressions.wat): each
// compares the engine's result with the value computed here in C++.
#include <catch2/catch.hpp>

#include <ember/ember.h>

#include "test_util.h"

using namespace ember;

namespace {

struct Fixture {
  std::vector<uint8_t> bytes = load_test_wasm("fusion_regressions");
  Result<Module> module = Module::load(bytes.data(), bytes.size());
  Store store;
  Instance* instance = nullptr;
  Fixture() {
    REQUIRE(module.ok());
    auto inst = store.instantiate(*module, nullptr, 0);
    REQUIRE(inst.ok());
    instance = *inst;
  }
  Value call(const char* name, std::vector<Value> args) {
    Value result;
    Error e = store.call(instance->function(name), args.data(), args.size(), &result, 1);
    REQUIRE(e.ok());
    return result;
  }
};

}  // namespace

TEST_CASE("fusion: multiply-subtract with a constant operand", "[fusion]") {
  Fixture f;
  CHECK(f.call("mul_sub_const", {Value::f64v(1.5), Value::f64v(3.0)}).as_f64() == 1.5 * (3.0 + 3.0) - 4.0);
  CHECK(f.call("const_sub_mul", {Value::f64v(1.5), Value::f64v(3.0)}).as_f64() == 4.0 - (1.5 + 1.5) * 3.0);
  CHECK(f.call("const_add_mul", {Value::f32v(0.5f), Value::f32v(3.0f)}).as_f32() ==
        4.0f + (0.5f + 0.5f) * 3.0f);
}

TEST_CASE("fusion: loop tail increment folded into the compare-and-branch", "[fusion]") {
  Fixture f;
  for (int n : {0, 1, 3, 4, 10, 100}) {
    int i = 0, k = 0;
    do {
      ++k;
      i += 3;
    } while (i < n);
    CHECK(f.call("count_by_3", {Value::i32(n)}).as_i32() == k);
  }
}

TEST_CASE("fusion: and-with-zero branch conditions", "[fusion]") {
  Fixture f;
  for (int x : {0, 4, 5, 7, 8}) {
    for (int y : {0, 1, 2}) {
      int expected = (x & 4) ? (((x & y) == 0) ? 1 : 2) : 3;
      CHECK(f.call("bit_tests", {Value::i32(x), Value::i32(y)}).as_i32() == expected);
    }
  }
}

TEST_CASE("fusion: loads with an added address", "[fusion]") {
  Fixture f;
  CHECK(f.call("load_add", {Value::i32(16), Value::i32(0)}).as_i64() == 42);
  CHECK(f.call("load_add", {Value::i32(8), Value::i32(2)}).as_i64() == 7);
  CHECK(f.call("load_add_imm_wraps", {Value::i32(0)}).as_i32() == 0x2a);
  CHECK(f.call("load_add_imm_wraps", {Value::i32(-16)}).as_i32() == 0);  // wraps to address 0
}

TEST_CASE("fusion: consecutive copies keep their order", "[fusion]") {
  Fixture f;
  CHECK(f.call("rotate3", {Value::i32(1), Value::i32(2), Value::i32(3)}).as_i32() == 231);
}
