// Unit tests of host functions: typed bindings from C++ lambdas (with and without Caller&), raw
// callbacks, link-time type checking, host traps and exits, re-entrant host->wasm calls and memory
// growth across the host boundary.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"

using ember::Caller;
using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::Function;
using ember::Instance;
using ember::Linker;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::TrapKind;
using ember::ValType;
using ember::Value;

namespace {

// Defines the three imports of host_typed.wat with well-typed no-op bindings.
void define_typed_defaults(Store& store, Linker& linker) {
  REQUIRE(linker.define("env", "add3",
                        store.create_function([](int32_t a, int32_t b, int32_t c) { return a + b + c; })));
  REQUIRE(linker.define("env", "mix",
                        store.create_function([](int64_t, float, double, int32_t) { return 0.0; })));
  REQUIRE(linker.define("env", "note", store.create_function([](int32_t) {})));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Typed bindings

TEST_CASE("host: a typed lambda gets its signature from its C++ parameter types", "[host]") {
  Store store;
  Function* f = store.create_function([](int64_t, float, double, uint32_t) -> double { return 0; });
  REQUIRE(f != nullptr);
  CHECK(f->is_host());
  ember::FuncTypeView t = f->type();
  REQUIRE(t.param_count == 4);
  CHECK(t.params[0] == ValType::I64);
  CHECK(t.params[1] == ValType::F32);
  CHECK(t.params[2] == ValType::F64);
  CHECK(t.params[3] == ValType::I32);
  REQUIRE(t.result_count == 1);
  CHECK(t.results[0] == ValType::F64);

  // A leading Caller& is not a wasm parameter; void means no result.
  Function* g = store.create_function([](Caller&, uint64_t) {});
  REQUIRE(g != nullptr);
  CHECK(g->type().param_count == 1);
  CHECK(g->type().params[0] == ValType::I64);
  CHECK(g->type().result_count == 0);
}

TEST_CASE("host: a capturing lambda is called from wasm with the wasm arguments", "[host]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  int32_t bias = 1000;
  int calls = 0;
  // Captures by value and by reference: both must survive until the call.
  REQUIRE(linker.define("env", "add3", store.create_function([bias, &calls](int32_t a, int32_t b, int32_t c) {
    ++calls;
    return a * 100 + b * 10 + c + bias;
  })));
  Instance* inst = link(store, linker, m);
  auto r = call_ok(store, inst, "call_add3", {Value::i32(1), Value::i32(2), Value::i32(3)}, 1);
  CHECK(r[0].as_i32() == 1123);
  CHECK(calls == 1);
}

TEST_CASE("host: i64, f32, f64 and i32 arguments reach the lambda intact", "[host]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  int64_t seen_i64 = 0;
  float seen_f32 = 0;
  double seen_f64 = 0;
  uint32_t seen_u32 = 0;
  REQUIRE(linker.define("env", "mix", store.create_function([&](int64_t a, float b, double c, uint32_t d) {
    seen_i64 = a;
    seen_f32 = b;
    seen_f64 = c;
    seen_u32 = d;
    return double(a) + double(b) + c + double(d);
  })));
  Instance* inst = link(store, linker, m);
  auto r =
      call_ok(store, inst, "call_mix",
              {Value::i64(-(INT64_C(1) << 40)), Value::f32v(0.5f), Value::f64v(-2.25), Value::i32(-1)}, 1);
  CHECK(seen_i64 == -(INT64_C(1) << 40));
  CHECK(seen_f32 == 0.5f);
  CHECK(seen_f64 == -2.25);
  CHECK(seen_u32 == 0xFFFFFFFFu);  // i32 -1 read as uint32_t
  CHECK(r[0].as_f64() == -1099511627776.0 + 0.5 - 2.25 + 4294967295.0);
}

TEST_CASE("host: a void lambda is called once per wasm call, in order", "[host]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  std::vector<int32_t> notes;
  REQUIRE(linker.define("env", "note", store.create_function([&notes](int32_t v) { notes.push_back(v); })));
  Instance* inst = link(store, linker, m);
  call_ok(store, inst, "note_twice", {Value::i32(7)}, 0);
  call_ok(store, inst, "note_twice", {Value::i32(-1)}, 0);
  CHECK(notes == std::vector<int32_t>{7, 8, -1, 0});
}

TEST_CASE("host: a lambda taking Caller& sees the calling instance and its memory", "[host]") {
  Module m = load_fixture("host_caller");
  Store store;
  Linker linker;
  Instance* seen_instance = nullptr;
  Store* seen_store = nullptr;
  REQUIRE(linker.define("env", "peek", store.create_function([&](Caller& caller, int32_t addr) -> int32_t {
    seen_instance = caller.instance();
    seen_store = &caller.store();
    ember::Memory* mem = caller.memory();
    if (!mem) return -1;
    uint8_t byte = 0;
    if (!mem->read(uint32_t(addr), &byte, 1)) return -2;
    return byte;
  })));
  Instance* inst = link(store, linker, m);
  // The data segment put "ember" at 16.
  CHECK(call_ok(store, inst, "peek_via_host", {Value::i32(16)}, 1)[0].as_i32() == 'e');
  CHECK(call_ok(store, inst, "peek_via_host", {Value::i32(18)}, 1)[0].as_i32() == 'b');
  CHECK(seen_instance == inst);
  CHECK(seen_store == &store);
  CHECK(call_ok(store, inst, "peek_via_host", {Value::i32(70000)}, 1)[0].as_i32() == -2);
}

TEST_CASE("host: a host function called directly by the host has no caller instance", "[host]") {
  Store store;
  bool called = false;
  bool had_instance = true;
  Function* f = store.create_function([&](Caller& caller, int32_t x) -> int32_t {
    called = true;
    had_instance = caller.instance() != nullptr || caller.memory() != nullptr;
    return x * 3;
  });
  Value arg = Value::i32(14), res;
  Error e = store.call(f, &arg, 1, &res, 1);
  REQUIRE(e.ok());
  CHECK(called);
  CHECK_FALSE(had_instance);
  CHECK(res.as_i32() == 42);
}

TEST_CASE("host: a raw callback reads and writes slots", "[host]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  static const ValType params[] = {ValType::I32, ValType::I32, ValType::I32};
  static const ValType results[] = {ValType::I32};
  ember::FuncTypeView type{params, 3, results, 1};
  int user_data = 5;
  // Slots hold i32 in the low 32 bits; the result replaces slot 0.
  auto callback = [](Caller&, void* user, uint64_t* slots) -> TrapKind {
    int32_t a = int32_t(uint32_t(slots[0])), b = int32_t(uint32_t(slots[1])), c = int32_t(uint32_t(slots[2]));
    slots[0] = uint32_t((a - b - c) * *static_cast<int*>(user));
    return TrapKind::None;
  };
  Function* raw = store.create_host_function(type, callback, &user_data);
  REQUIRE(raw != nullptr);
  REQUIRE(linker.define("env", "add3", raw));
  Instance* inst = link(store, linker, m);
  CHECK(call_ok(store, inst, "call_add3", {Value::i32(1), Value::i32(2), Value::i32(3)}, 1)[0].as_i32() ==
        -20);
}

// ---------------------------------------------------------------------------------------------
// Link-time checks

TEST_CASE("host: a binding whose type differs from the import is incompatible", "[host][link]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  // add3 is (i32 i32 i32) -> i32; this one takes i64s.
  REQUIRE(linker.define("env", "add3", store.create_function([](int64_t a, int64_t b, int64_t c) {
    return int32_t(a + b + c);
  })));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Unlinkable);
  CHECK(std::string(r.error().message) == "incompatible import type");
  CHECK(std::string(r.error().detail) ==
        "env.add3: expected (i32, i32, i32) -> (i32), got (i64, i64, i64) -> (i32)");
}

TEST_CASE("host: a binding with a different result type is incompatible", "[host][link]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  // note is (i32) -> (); returning a value changes the type.
  REQUIRE(linker.define("env", "note", store.create_function([](int32_t v) { return v; })));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Unlinkable);
  CHECK(std::string(r.error().message) == "incompatible import type");
  CHECK(std::string(r.error().detail) == "env.note: expected (i32) -> (), got (i32) -> (i32)");
}

TEST_CASE("host: a non-function extern for a function import is incompatible", "[host][link]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  REQUIRE(linker.define("env", "mix", store.create_global({ValType::F64, false}, Value::f64v(1))));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Unlinkable);
  CHECK(std::string(r.error().message) == "incompatible import type");
}

TEST_CASE("host: a missing import is an unknown import naming it", "[host][link]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "add3",
                        store.create_function([](int32_t a, int32_t b, int32_t c) { return a + b + c; })));
  REQUIRE(linker.define("env", "note", store.create_function([](int32_t) {})));
  // "mix" is defined under another module name only.
  REQUIRE(linker.define("other", "mix",
                        store.create_function([](int64_t, float, double, int32_t) { return 0.0; })));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Unlinkable);
  CHECK(std::string(r.error().message) == "unknown import");
  CHECK(std::string(r.error().detail) == "env.mix");
}

TEST_CASE("host: a later Linker definition replaces an earlier one", "[host][link]") {
  Module m = load_fixture("host_typed");
  Store store;
  Linker linker;
  define_typed_defaults(store, linker);
  REQUIRE(linker.define("env", "add3", store.create_function([](int32_t, int32_t, int32_t) { return -1; })));
  REQUIRE(linker.define("env", "add3", store.create_function([](int32_t a, int32_t, int32_t) { return a; })));
  Instance* inst = link(store, linker, m);
  CHECK(call_ok(store, inst, "call_add3", {Value::i32(9), Value::i32(2), Value::i32(3)}, 1)[0].as_i32() == 9);
}

// ---------------------------------------------------------------------------------------------
// Host traps and exits

TEST_CASE("host: caller.trap stops the call with HostTrap and the message as detail", "[host][trap]") {
  Module m = load_fixture("host_trap");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "fail", store.create_function([](Caller& c) { c.trap("disk on fire"); })));
  REQUIRE(linker.define("env", "quit", store.create_function([](Caller&, int32_t) {})));
  Instance* inst = link(store, linker, m);
  Error e = call_error(store, inst, "fail", {}, 1);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.detail) == "disk on fire");
  // The wasm code after the host call did not run.
  CHECK(inst->global("after")->get().as_i32() == 0);
  // The trap is located in the wasm caller (function 2).
  CHECK(e.func_index == 2);
}

TEST_CASE("host: caller.exit stops the call with Exit and the exit code", "[host][trap]") {
  Module m = load_fixture("host_trap");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "fail", store.create_function([](Caller&) {})));
  REQUIRE(linker.define("env", "quit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Instance* inst = link(store, linker, m);
  Error e = call_error(store, inst, "quit", {Value::i32(3)}, 0);
  // An exit is not a trap.
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.trap == TrapKind::None);
  CHECK(e.exit_code == 3);
  CHECK(inst->global("after")->get().as_i32() == 0);
}

TEST_CASE("host: a host trap does not stick to the next call of the same binding", "[host][trap]") {
  // The same Caller-taking binding first traps, then succeeds: the status must not stick.
  Module m = load_fixture("host_trap");
  Store store;
  Linker linker;
  bool should_fail = true;
  REQUIRE(linker.define("env", "fail", store.create_function([&should_fail](Caller& c) {
    if (should_fail) c.trap("first call fails");
  })));
  REQUIRE(linker.define("env", "quit", store.create_function([](Caller&, int32_t) {})));
  Instance* inst = link(store, linker, m);
  REQUIRE(call_error(store, inst, "fail", {}, 1).trap == TrapKind::HostTrap);
  should_fail = false;
  CHECK(call_ok(store, inst, "fail", {}, 1)[0].as_i32() == 1);
  CHECK(inst->global("after")->get().as_i32() == 1);
}

TEST_CASE("host: a trapping host function called directly reports HostTrap", "[host][trap]") {
  Store store;
  Function* f = store.create_function([](Caller& c, int32_t) -> int32_t {
    c.trap("direct");
    return 0;
  });
  Value arg = Value::i32(1), res;
  Error e = store.call(f, &arg, 1, &res, 1);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.detail) == "direct");
}

TEST_CASE("host: the store is usable after a host trap and a host exit", "[host][trap]") {
  Module m = load_fixture("host_trap");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "fail", store.create_function([](Caller& c) { c.trap("x"); })));
  REQUIRE(linker.define("env", "quit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Instance* inst = link(store, linker, m);
  REQUIRE(call_error(store, inst, "fail", {}, 1).trap == TrapKind::HostTrap);
  REQUIRE(call_error(store, inst, "quit", {Value::i32(0)}, 0).kind == ErrorKind::Exit);
  CHECK(call_ok(store, inst, "ok", {}, 1)[0].as_i32() == 11);
}

// ---------------------------------------------------------------------------------------------
// Re-entrant calls

namespace {

// The host half of host_reenter.wat: descend(n) calls the wasm export `target`(n - 1).
struct Reentry {
  Function* target = nullptr;
  int depth = 0;
  int max_depth = 0;
  Error inner_error;
};

Instance* link_reenter(Store& store, const Module& m, Reentry& state) {
  Linker linker;
  REQUIRE(
      linker.define("env", "descend", store.create_function([&state](Caller& caller, int32_t n) -> int32_t {
        ++state.depth;
        if (state.depth > state.max_depth) state.max_depth = state.depth;
        Value arg = Value::i32(n - 1), result;
        Error e = caller.store().call(state.target, &arg, 1, &result, 1);
        --state.depth;
        if (e) {
          if (!state.inner_error) state.inner_error = e;  // keep the innermost
          caller.trap("inner call trapped");
          return 0;
        }
        return result.as_i32();
      })));
  return link(store, linker, m);
}

}  // namespace

TEST_CASE("host: a host function calls back into wasm of the same store, nested", "[host][reentry]") {
  Module m = load_fixture("host_reenter");
  Store store;
  Reentry state;
  Instance* inst = link_reenter(store, m, state);
  state.target = inst->function("tri");
  // tri(6) = 6 + 5 + ... + 1 through six host->wasm levels.
  CHECK(call_ok(store, inst, "tri", {Value::i32(6)}, 1)[0].as_i32() == 21);
  CHECK(state.max_depth == 6);
  CHECK(state.depth == 0);
  // Still balanced: a second, deeper run gives the right answer.
  CHECK(call_ok(store, inst, "tri", {Value::i32(50)}, 1)[0].as_i32() == 1275);
}

TEST_CASE("host: a trap in a nested wasm call reaches the host, which can fail the outer call",
          "[host][reentry]") {
  Module m = load_fixture("host_reenter");
  Store store;
  Reentry state;
  Instance* inst = link_reenter(store, m, state);
  state.target = inst->function("tri_trap");
  Error e = call_error(store, inst, "tri_trap", {Value::i32(4)}, 1);
  CHECK(state.inner_error.trap == TrapKind::Unreachable);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.detail) == "inner call trapped");
  // Every level unwound; the store runs normal nested calls again.
  CHECK(state.depth == 0);
  state.target = inst->function("tri");
  CHECK(call_ok(store, inst, "tri", {Value::i32(4)}, 1)[0].as_i32() == 10);
}

TEST_CASE("host: unbounded host->wasm re-entry stops at Config::max_host_nesting", "[host][reentry]") {
  // tri(1000000) would nest a million host->wasm levels, each on the native stack; the store's
  // nesting limit turns that into a clean trap instead of a native stack overflow.
  Module m = load_fixture("host_reenter");
  Config config;
  config.max_host_nesting = 50;
  Store store(config);
  Reentry state;
  Instance* inst = link_reenter(store, m, state);
  state.target = inst->function("tri");
  Error e = call_error(store, inst, "tri", {Value::i32(1000000)}, 1);
  CHECK(state.inner_error.trap == TrapKind::CallStackExhausted);
  // The outer call is nesting level 1; host level k runs inside level k, so host level 50 is
  // entered and its call back into wasm (which would be level 51) is the one refused.
  CHECK(state.max_depth == 50);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(state.depth == 0);
  // Within the limit, nesting still works.
  CHECK(call_ok(store, inst, "tri", {Value::i32(40)}, 1)[0].as_i32() == 820);
}

// ---------------------------------------------------------------------------------------------
// Memory growth across the host boundary

TEST_CASE("host: the host sees memory that wasm grew before calling it", "[host][memory]") {
  Module m = load_fixture("host_memory");
  Store store;
  Linker linker;
  uint64_t pages_seen = 0;
  uint32_t marker_seen = 0;
  REQUIRE(linker.define("env", "observe", store.create_function([&](Caller& caller) -> int32_t {
    ember::Memory* mem = caller.memory();
    if (!mem) return -1;
    pages_seen = mem->pages();
    if (!mem->read(65536, &marker_seen, 4)) return -2;
    return 1;
  })));
  REQUIRE(linker.define("env", "host_grow", store.create_function([](int32_t) { return 0; })));
  Instance* inst = link(store, linker, m);
  CHECK(call_ok(store, inst, "grow_then_observe", {}, 1)[0].as_i32() == 1);
  CHECK(pages_seen == 2);
  CHECK(marker_seen == 0x12345678u);
}

TEST_CASE("host: wasm sees the size and data of memory the host grew during the call", "[host][memory]") {
  Module m = load_fixture("host_memory");
  Store store;
  Linker linker;
  int64_t old_pages = -2;
  REQUIRE(linker.define("env", "observe", store.create_function([]() { return 0; })));
  REQUIRE(
      linker.define("env", "host_grow", store.create_function([&](Caller& caller, int32_t delta) -> int32_t {
        ember::Memory* mem = caller.memory();
        old_pages = mem->grow(uint32_t(delta));
        if (old_pages < 0) return -1;
        const uint32_t marker = 0x0BADCAFE;
        if (!mem->write(131072, &marker, 4)) return -2;
        return int32_t(old_pages);
      })));
  Instance* inst = link(store, linker, m);
  CHECK(call_ok(store, inst, "host_grows", {}, 1)[0].as_i32() == 0x0BADCAFE);
  CHECK(old_pages == 1);
  CHECK(call_ok(store, inst, "size", {}, 1)[0].as_i32() == 3);
  CHECK(inst->memory("memory")->pages() == 3);
}
