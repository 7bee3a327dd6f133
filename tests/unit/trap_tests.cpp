// Unit tests of traps as the host sees them: the kind and spec message of each trap, where a trap
// happened (function index, byte offset, backtrace), recovery after a trap, and the call-depth
// limits (Config::stack_bytes, Config::max_call_depth) including deep recursion that must not use
// the native stack.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#endif

#include "api_test_util.h"
#include "ember/ember.h"

using ember::BacktraceFrame;
using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::Function;
using ember::Instance;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::TrapKind;
using ember::Value;

namespace {

// Instantiates a fixture without imports and checks that calling `name` traps with `kind`, whose
// message must be the spec text `message`.
void require_trap(const char* fixture, const char* name, std::vector<Value> args, std::size_t result_count,
                  TrapKind kind, const char* message) {
  Module m = load_fixture(fixture);
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, name, std::move(args), result_count);
  INFO(describe(e));
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == kind);
  CHECK(std::string(e.message) == message);
  CHECK(std::string(ember::trap_message(kind)) == message);
}

// --- locating instructions in a fixture's binary -------------------------------------------
// Expected trap offsets are derived from the bytes wat2wasm produced rather than hard-coded.

uint32_t read_leb(const std::vector<uint8_t>& b, std::size_t& pos) {
  uint32_t v = 0;
  for (unsigned shift = 0;; shift += 7) {
    uint8_t byte = b.at(pos++);
    v |= uint32_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
}

// Byte range [begin, end) of the instructions (after the local declarations) of a defined function.
std::pair<std::size_t, std::size_t> instruction_range(const std::vector<uint8_t>& b, uint32_t defined_index) {
  std::size_t pos = 8;
  while (pos < b.size()) {
    uint8_t id = b.at(pos++);
    uint32_t size = read_leb(b, pos);
    std::size_t section_end = pos + size;
    if (id == 10) {  // code section
      uint32_t count = read_leb(b, pos);
      REQUIRE(defined_index < count);
      for (uint32_t i = 0;; ++i) {
        uint32_t body_size = read_leb(b, pos);
        std::size_t body_end = pos + body_size;
        if (i == defined_index) {
          uint32_t groups = read_leb(b, pos);
          for (uint32_t g = 0; g < groups; ++g) {
            read_leb(b, pos);  // count
            ++pos;             // value type
          }
          return {pos, body_end};
        }
        pos = body_end;
      }
    }
    pos = section_end;
  }
  FAIL("no code section");
  return {0, 0};
}

// Module offset of the only occurrence of `pattern` among a function's instructions. Fixtures are
// written so that the pattern cannot also appear inside an immediate; uniqueness is checked.
uint32_t offset_of(const std::vector<uint8_t>& b, uint32_t defined_index, std::vector<uint8_t> pattern) {
  auto range = instruction_range(b, defined_index);
  std::vector<std::size_t> hits;
  for (std::size_t p = range.first; p + pattern.size() <= range.second; ++p) {
    bool match = true;
    for (std::size_t k = 0; k < pattern.size(); ++k) match = match && b[p + k] == pattern[k];
    if (match) hits.push_back(p);
  }
  INFO("function " << defined_index);
  REQUIRE(hits.size() == 1);
  return uint32_t(hits[0]);
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

// ---------------------------------------------------------------------------------------------
// Each trap kind with its spec message

TEST_CASE("trap: integer divide by zero", "[trap]") {
  require_trap("trap_numeric", "div_s", {Value::i32(1), Value::i32(0)}, 1, TrapKind::IntegerDivideByZero,
               "integer divide by zero");
  require_trap("trap_numeric", "rem_u64", {Value::i64(1), Value::i64(0)}, 1, TrapKind::IntegerDivideByZero,
               "integer divide by zero");
}

TEST_CASE("trap: integer overflow from signed division", "[trap]") {
  require_trap("trap_numeric", "div_s", {Value::i32(INT32_MIN), Value::i32(-1)}, 1, TrapKind::IntegerOverflow,
               "integer overflow");
}

TEST_CASE("trap: integer overflow from a float-to-int conversion out of range", "[trap]") {
  require_trap("trap_numeric", "trunc_f32_s", {Value::f32v(3e9f)}, 1, TrapKind::IntegerOverflow,
               "integer overflow");
  require_trap("trap_numeric", "trunc_f64_u64", {Value::f64v(-1.0)}, 1, TrapKind::IntegerOverflow,
               "integer overflow");
}

TEST_CASE("trap: invalid conversion to integer from NaN", "[trap]") {
  require_trap("trap_numeric", "trunc_f32_s", {Value::f32v(kNaN)}, 1, TrapKind::InvalidConversionToInteger,
               "invalid conversion to integer");
}

TEST_CASE("trap: the numeric exports do not trap on ordinary inputs", "[trap]") {
  // Control for the tests above: the traps come from the operands, not from the functions.
  Module m = load_fixture("trap_numeric");
  Store store;
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "div_s", {Value::i32(-7), Value::i32(2)}, 1)[0].as_i32() == -3);
  CHECK(call_ok(store, inst, "rem_u64", {Value::i64(10), Value::i64(4)}, 1)[0].as_i64() == 2);
  CHECK(call_ok(store, inst, "trunc_f32_s", {Value::f32v(-2.9f)}, 1)[0].as_i32() == -2);
  CHECK(call_ok(store, inst, "trunc_f64_u64", {Value::f64v(-0.5)}, 1)[0].as_i64() == 0);
}

TEST_CASE("trap: out of bounds memory access on load and store", "[trap]") {
  require_trap("trap_memory", "load", {Value::i32(65536)}, 1, TrapKind::OutOfBoundsMemoryAccess,
               "out of bounds memory access");
  // Starts inside the memory but its last byte is past the end.
  require_trap("trap_memory", "load", {Value::i32(65533)}, 1, TrapKind::OutOfBoundsMemoryAccess,
               "out of bounds memory access");
  // Addresses are unsigned: -1 is 4 GiB - 1, not a negative offset.
  require_trap("trap_memory", "store", {Value::i32(-1), Value::i32(0)}, 0, TrapKind::OutOfBoundsMemoryAccess,
               "out of bounds memory access");
}

TEST_CASE("trap: the last in-bounds word of memory is accessible", "[trap]") {
  Module m = load_fixture("trap_memory");
  Store store;
  Instance* inst = instantiate(store, m);
  call_ok(store, inst, "store", {Value::i32(65532), Value::i32(-5)}, 0);
  CHECK(call_ok(store, inst, "load", {Value::i32(65532)}, 1)[0].as_i32() == -5);
}

TEST_CASE("trap: out of bounds table access from table.get", "[trap]") {
  require_trap("trap_table", "slot_is_null", {Value::i32(4)}, 1, TrapKind::OutOfBoundsTableAccess,
               "out of bounds table access");
}

TEST_CASE("trap: undefined element from call_indirect past the table end", "[trap]") {
  require_trap("trap_table", "call_slot", {Value::i32(4)}, 1, TrapKind::UndefinedElement,
               "undefined element");
  require_trap("trap_table", "call_slot", {Value::i32(-1)}, 1, TrapKind::UndefinedElement,
               "undefined element");
}

TEST_CASE("trap: uninitialized element from call_indirect on a null slot", "[trap]") {
  require_trap("trap_table", "call_slot", {Value::i32(2)}, 1, TrapKind::UninitializedElement,
               "uninitialized element");
}

TEST_CASE("trap: indirect call type mismatch", "[trap]") {
  require_trap("trap_table", "call_slot", {Value::i32(1)}, 1, TrapKind::IndirectCallTypeMismatch,
               "indirect call type mismatch");
}

TEST_CASE("trap: the table fixture's well-typed slot is callable", "[trap]") {
  Module m = load_fixture("trap_table");
  Store store;
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "call_slot", {Value::i32(0)}, 1)[0].as_i32() == 42);
  CHECK(call_ok(store, inst, "slot_is_null", {Value::i32(2)}, 1)[0].as_i32() == 1);
  CHECK(call_ok(store, inst, "slot_is_null", {Value::i32(0)}, 1)[0].as_i32() == 0);
}

TEST_CASE("trap: unreachable", "[trap]") {
  Module m = load_fixture("trap_backtrace");
  Store store;
  Instance* inst = instantiate(store, m, {store.create_function([] {})});
  Error e = call_error(store, inst, "inner", {}, 0);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::Unreachable);
  CHECK(std::string(e.message) == "unreachable");
}

// ---------------------------------------------------------------------------------------------
// Where a trap happened

TEST_CASE("trap: reports the function index and module offset of the trapping instruction",
          "[trap][location]") {
  std::vector<uint8_t> bytes = load_test_wasm("trap_numeric");
  Module m = load_fixture("trap_numeric");
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "div_s", {Value::i32(1), Value::i32(0)}, 1);
  REQUIRE(e.trap == TrapKind::IntegerDivideByZero);
  CHECK(e.func_index == 0);
  CHECK(e.offset == offset_of(bytes, 0, {0x6D}));  // i32.div_s

  e = call_error(store, inst, "trunc_f32_s", {Value::f32v(kNaN)}, 1);
  REQUIRE(e.trap == TrapKind::InvalidConversionToInteger);
  CHECK(e.func_index == 2);
  CHECK(e.offset == offset_of(bytes, 2, {0xA8}));  // i32.trunc_f32_s
}

TEST_CASE("trap: function indices count imported functions", "[trap][location]") {
  std::vector<uint8_t> bytes = load_test_wasm("trap_backtrace");
  Module m = load_fixture("trap_backtrace");
  Store store;
  Instance* inst = instantiate(store, m, {store.create_function([] {})});
  Error e = call_error(store, inst, "inner", {}, 0);
  REQUIRE(e.trap == TrapKind::Unreachable);
  CHECK(e.func_index == 1);                        // defined function 0, after one import
  CHECK(e.offset == offset_of(bytes, 0, {0x00}));  // unreachable, after two nops
}

TEST_CASE("trap: Store::backtrace lists the call chain innermost first", "[trap][location]") {
  std::vector<uint8_t> bytes = load_test_wasm("trap_backtrace");
  Module m = load_fixture("trap_backtrace");
  Store store;
  Instance* inst = instantiate(store, m, {store.create_function([] {})});
  Error e = call_error(store, inst, "outer", {}, 0);
  REQUIRE(e.trap == TrapKind::Unreachable);

  BacktraceFrame frames[8];
  uint32_t n = store.backtrace(frames, 8);
  REQUIRE(n == 3);
  // inner (function 1) at its `unreachable`
  CHECK(frames[0].instance == inst);
  CHECK(frames[0].func_index == 1);
  CHECK(frames[0].offset == offset_of(bytes, 0, {0x00}));
  // middle (function 2) at `call $inner`
  CHECK(frames[1].instance == inst);
  CHECK(frames[1].func_index == 2);
  CHECK(frames[1].offset == offset_of(bytes, 1, {0x10, 0x01}));
  // outer (function 3) at `call $middle`, not at the earlier `call $nop`
  CHECK(frames[2].instance == inst);
  CHECK(frames[2].func_index == 3);
  CHECK(frames[2].offset == offset_of(bytes, 2, {0x10, 0x02}));
  // The error itself describes the innermost frame.
  CHECK(e.func_index == frames[0].func_index);
  CHECK(e.offset == frames[0].offset);
}

TEST_CASE("trap: Store::backtrace writes at most the requested number of frames", "[trap][location]") {
  Module m = load_fixture("trap_backtrace");
  Store store;
  Instance* inst = instantiate(store, m, {store.create_function([] {})});
  REQUIRE(call_error(store, inst, "outer", {}, 0).trap == TrapKind::Unreachable);
  BacktraceFrame frames[3] = {};
  frames[1].func_index = 999;
  CHECK(store.backtrace(frames, 1) == 1);
  CHECK(frames[0].func_index == 1);    // the innermost frame comes first
  CHECK(frames[1].func_index == 999);  // untouched
}

TEST_CASE("trap: a later trap replaces the previous backtrace", "[trap][location]") {
  Module m = load_fixture("trap_backtrace");
  Store store;
  Instance* inst = instantiate(store, m, {store.create_function([] {})});
  REQUIRE(call_error(store, inst, "outer", {}, 0).trap == TrapKind::Unreachable);
  REQUIRE(call_error(store, inst, "inner", {}, 0).trap == TrapKind::Unreachable);
  BacktraceFrame frames[8];
  REQUIRE(store.backtrace(frames, 8) == 1);
  CHECK(frames[0].func_index == 1);
}

// ---------------------------------------------------------------------------------------------
// Recovery

TEST_CASE("trap: the instance is usable after a trap and keeps its state", "[trap][recovery]") {
  Module m = load_fixture("trap_memory");
  Store store;
  Instance* inst = instantiate(store, m);
  call_ok(store, inst, "store", {Value::i32(8), Value::i32(1234)}, 0);
  REQUIRE(call_error(store, inst, "load", {Value::i32(70000)}, 1).trap == TrapKind::OutOfBoundsMemoryAccess);
  // The trap did not undo earlier writes, and calls work again.
  CHECK(call_ok(store, inst, "load", {Value::i32(8)}, 1)[0].as_i32() == 1234);
  call_ok(store, inst, "store", {Value::i32(8), Value::i32(99)}, 0);
  CHECK(call_ok(store, inst, "load", {Value::i32(8)}, 1)[0].as_i32() == 99);
}

TEST_CASE("trap: a trap deep in a call chain leaves the store's stacks balanced", "[trap][recovery]") {
  // After many traps from inside recursion, a call needing most of the stack still fits.
  Config config;
  config.max_call_depth = 1000;
  Module m = load_fixture("trap_recursion", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  for (int i = 0; i < 5; ++i)
    REQUIRE(call_error(store, inst, "forever", {Value::i32(0)}, 1).trap == TrapKind::CallStackExhausted);
  CHECK(call_ok(store, inst, "depth", {Value::i32(990)}, 1)[0].as_i32() == 990);
}

// ---------------------------------------------------------------------------------------------
// Call depth

TEST_CASE("trap: infinite recursion is call stack exhausted with the default config", "[trap][stack]") {
  require_trap("trap_recursion", "forever", {Value::i32(0)}, 1, TrapKind::CallStackExhausted,
               "call stack exhausted");
}

TEST_CASE("trap: a small stack_bytes exhausts the call stack", "[trap][stack]") {
  Config config;
  config.stack_bytes = 4096;        // 512 slots
  config.max_call_depth = 1000000;  // so only the value stack can run out
  Module m = load_fixture("trap_recursion", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "forever", {Value::i32(0)}, 1);
  CHECK(e.trap == TrapKind::CallStackExhausted);
  CHECK(std::string(e.message) == "call stack exhausted");
  // Every frame takes at least one slot, so 512 levels cannot fit; a few levels do.
  CHECK(call_error(store, inst, "depth", {Value::i32(512)}, 1).trap == TrapKind::CallStackExhausted);
  CHECK(call_ok(store, inst, "depth", {Value::i32(10)}, 1)[0].as_i32() == 10);
}

TEST_CASE("trap: a small max_call_depth exhausts the call stack at that depth", "[trap][stack]") {
  Config config;
  config.max_call_depth = 50;
  config.stack_bytes = 16u << 20;  // so only the frame count can run out
  Module m = load_fixture("trap_recursion", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "forever", {Value::i32(0)}, 1);
  CHECK(e.trap == TrapKind::CallStackExhausted);
  CHECK(std::string(e.message) == "call stack exhausted");
  CHECK(call_ok(store, inst, "depth", {Value::i32(40)}, 1)[0].as_i32() == 40);
  CHECK(call_error(store, inst, "depth", {Value::i32(60)}, 1).trap == TrapKind::CallStackExhausted);
}

namespace {

struct DeepRun {
  Store* store = nullptr;
  Function* depth = nullptr;
  Error error;
  int32_t result = -1;
};

void run_deep(DeepRun& run) {
  Value arg = Value::i32(100000), res;
  run.error = run.store->call(run.depth, &arg, 1, &res, 1);
  if (run.error.ok()) run.result = res.as_i32();
}

}  // namespace

TEST_CASE("trap: 100000-level wasm recursion runs on the store's stack, not the native one",
          "[trap][stack]") {
  Config config;
  config.max_call_depth = 200000;
  config.stack_bytes = 64u << 20;
  Module m = load_fixture("trap_recursion", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  DeepRun run;
  run.store = &store;
  run.depth = inst->function("depth");
  REQUIRE(run.depth != nullptr);
#if defined(__linux__)
  // Run on a thread with a 256 KiB native stack: one native frame per wasm level would need far
  // more than that for 100000 levels and crash here.
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
  pthread_t thread;
  auto entry = [](void* p) -> void* {
    run_deep(*static_cast<DeepRun*>(p));
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attr, entry, &run) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attr);
#else
  run_deep(run);
#endif
  INFO(describe(run.error));
  CHECK(run.error.ok());
  CHECK(run.result == 100000);
}
