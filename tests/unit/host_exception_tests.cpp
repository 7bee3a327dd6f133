// Unit tests of C++ exceptions thrown by typed host bindings. This file is compiled with
// exceptions (the unit-test executable's default, checked below): a binding must catch what its
// callable throws, since unwinding into the engine (built with -fno-exceptions) would end the
// process, and report it as a HostTrap.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "api_test_util.h"
#include "ember/ember.h"

#if !defined(__cpp_exceptions)
#error "host_exception_tests.cpp must be compiled with exceptions"
#endif
static_assert(ember::detail::kHostExceptions, "a translation unit with exceptions gets catching bindings");

using ember::Caller;
using ember::Error;
using ember::ErrorKind;
using ember::Function;
using ember::Instance;
using ember::Linker;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::TrapKind;
using ember::Value;

namespace {

// Throws std::runtime_error for 1, an int for 2, and returns the argument otherwise.
int32_t maybe_throw(int32_t what) {
  if (what == 1) throw std::runtime_error("disk on fire");
  if (what == 2) throw 42;
  return what;
}

Instance* link_throwing(Store& store, Linker& linker, const Module& m) {
  REQUIRE(linker.define("env", "throws", store.create_function([](int32_t v) { return maybe_throw(v); })));
  Result<Instance*> r = linker.instantiate(store, m);
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("exceptions: a std::exception from a binding called by wasm is a HostTrap with what()",
          "[host][exceptions]") {
  Module m = load_fixture("hostapi_throw");
  Store store;
  Linker linker;
  Instance* inst = link_throwing(store, linker, m);
  Error e = call_error(store, inst, "call_throws", {Value::i32(1)}, 1);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.message) == "host function threw an exception");
  CHECK(std::string(e.detail) == "disk on fire");
  CHECK(e.func_index == 1);  // located in the wasm caller
  CHECK(inst->global("after")->get().as_i32() == 0);
  CHECK(describe(e).rfind("trap: host function threw an exception (disk on fire) in function 1", 0) == 0);
}

TEST_CASE("exceptions: a thrown int is a HostTrap without what()", "[host][exceptions]") {
  Module m = load_fixture("hostapi_throw");
  Store store;
  Linker linker;
  Instance* inst = link_throwing(store, linker, m);
  Error e = call_error(store, inst, "call_throws", {Value::i32(2)}, 1);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.message) == "host function threw an exception");
  CHECK(std::string(e.detail) == "not a std::exception");
}

TEST_CASE("exceptions: the store works after a binding threw", "[host][exceptions]") {
  Module m = load_fixture("hostapi_throw");
  Store store;
  Linker linker;
  Instance* inst = link_throwing(store, linker, m);
  REQUIRE(call_error(store, inst, "call_throws", {Value::i32(1)}, 1).trap == TrapKind::HostTrap);
  CHECK(call_ok(store, inst, "call_throws", {Value::i32(7)}, 1)[0].as_i32() == 7);
  CHECK(inst->global("after")->get().as_i32() == 1);
  CHECK(call_ok(store, inst, "ok", {}, 1)[0].as_i32() == 5);
  // A later ordinary trap keeps the ordinary message: nothing of the exception sticks.
  Function* traps = store.create_function([](Caller& c) { c.trap("plain"); });
  Error e = store.call(traps, nullptr, 0, nullptr, 0);
  CHECK(std::string(e.message) == "host function trapped");
  CHECK(std::string(e.detail) == "plain");
}

TEST_CASE("exceptions: a Caller-taking binding called directly by the host", "[host][exceptions]") {
  Store store;
  Function* f = store.create_function([](Caller&, int32_t v) -> int32_t {
    if (v) throw std::logic_error("bad state");
    return 1;
  });
  REQUIRE(f != nullptr);
  Value arg = Value::i32(1), res;
  Error e = store.call(f, &arg, 1, &res, 1);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.message) == "host function threw an exception");
  CHECK(std::string(e.detail) == "bad state");
  Result<int32_t> ok = store.call<int32_t>(f, int32_t(0));
  REQUIRE(ok.ok());
  CHECK(*ok == 1);
}

TEST_CASE("exceptions: a long what() is truncated to the detail buffer", "[host][exceptions]") {
  Store store;
  Function* f = store.create_function([]() { throw std::runtime_error(std::string(500, 'x')); });
  Error e = store.call(f, nullptr, 0, nullptr, 0);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.detail) == std::string(sizeof(e.detail) - 1, 'x'));
}

TEST_CASE("exceptions: an exception in a nested host call stays inside that call", "[host][exceptions]") {
  // The outer binding calls wasm, which calls the throwing binding: the inner call fails with the
  // exception's trap, and the outer binding decides what to do with it (here: report the detail).
  Module m = load_fixture("hostapi_throw");
  Store store;
  Linker linker;
  Instance* inst = link_throwing(store, linker, m);
  std::string inner;
  Function* outer = store.create_function([&](Caller& c) -> int32_t {
    Result<int32_t> r = c.store().call<int32_t>(inst->function("call_throws"), int32_t(1));
    if (!r) inner = r.error().detail;
    return r.ok() ? 1 : 0;
  });
  Result<int32_t> r = store.call<int32_t>(outer);
  REQUIRE(r.ok());
  CHECK(*r == 0);
  CHECK(inner == "disk on fire");
}
