// Unit tests of the host-side API as outside testers met it: an exit is not a trap, typed calls
// (Store::call<R>), bounds-checked memory views for (pointer, length) arguments, error texts that
// say which argument / which types / which limit, and every limit taken from Config.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"
#include "host_noexcept_binding.h"

#ifdef EMBER_TEST_HAVE_WASI
#include "ember/wasi.h"
#endif

using ember::BacktraceFrame;
using ember::Caller;
using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::Extern;
using ember::Function;
using ember::Instance;
using ember::Linker;
using ember::Memory;
using ember::MemoryView;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::TrapKind;
using ember::ValType;
using ember::Value;

namespace {

Result<Module> load_bytes(const std::vector<uint8_t>& bytes, const Config& config = Config{}) {
  return Module::load(bytes.data(), bytes.size(), config);
}

void put_section(std::vector<uint8_t>& out, uint8_t id, const std::vector<uint8_t>& body) {
  out.push_back(id);
  put_leb(out, uint32_t(body.size()));
  out.insert(out.end(), body.begin(), body.end());
}

// (global (export "g") i32 (i32.const 1) x depth, (i32.add) x depth-1): an extended-const
// initialiser that needs a stack of `depth` values and evaluates to `depth`. With `then_invalid`,
// a second global whose f32 type does not match its i32 initialiser follows.
std::vector<uint8_t> deep_global_module(uint32_t depth, bool then_invalid = false) {
  std::vector<uint8_t> globals;
  put_leb(globals, then_invalid ? 2 : 1);
  globals.push_back(0x7F);  // i32
  globals.push_back(0x00);  // immutable
  for (uint32_t i = 0; i < depth; ++i) {
    globals.push_back(0x41);  // i32.const 1
    globals.push_back(0x01);
  }
  for (uint32_t i = 1; i < depth; ++i) globals.push_back(0x6A);  // i32.add
  globals.push_back(0x0B);
  if (then_invalid) {
    globals.insert(globals.end(), {0x7D, 0x00, 0x41, 0x00, 0x0B});  // f32 = (i32.const 0)
  }
  std::vector<uint8_t> exports = {0x01, 0x01, 'g', 0x03, 0x00};
  std::vector<uint8_t> m = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  put_section(m, 6, globals);
  put_section(m, 7, exports);
  return m;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// 1. An exit is not a trap

TEST_CASE("hostapi: exit(0) from wasm is ErrorKind::Exit with code 0, not a trap", "[hostapi][exit]") {
  Module m = load_fixture("hostapi_exit");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "exit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Instance* inst = link(store, linker, m);
  Error e = call_error(store, inst, "exit_with", {Value::i32(0)}, 0);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.trap == TrapKind::None);
  CHECK(e.exit_code == 0);
  CHECK(std::string(e.message) == "program exited");
  CHECK(e.func_index == Error::kNoIndex);  // no location: nothing went wrong anywhere
  CHECK(describe(e) == "exit: program exited with code 0");
  CHECK(inst->global("after")->get().as_i32() == 0);
}

TEST_CASE("hostapi: an exit deep in wasm keeps its code and leaves no backtrace", "[hostapi][exit]") {
  Module m = load_fixture("hostapi_exit");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "exit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Instance* inst = link(store, linker, m);
  Error e = call_error(store, inst, "exit_deep", {Value::i32(5)}, 0);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.exit_code == 7);
  CHECK(describe(e) == "exit: program exited with code 7");
  BacktraceFrame frames[8];
  CHECK(store.backtrace(frames, 8) == 0);
}

TEST_CASE("hostapi: a trap after an exit is still a trap, an exit after a trap still an exit",
          "[hostapi][exit]") {
  Module m = load_fixture("hostapi_exit");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "exit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Instance* inst = link(store, linker, m);
  CHECK(call_error(store, inst, "exit_with", {Value::i32(3)}, 0).kind == ErrorKind::Exit);
  Error t = call_error(store, inst, "trap", {}, 0);
  CHECK(t.kind == ErrorKind::Trap);
  CHECK(t.trap == TrapKind::Unreachable);
  CHECK(t.exit_code == 0);
  Error e = call_error(store, inst, "exit_with", {Value::i32(4)}, 0);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.exit_code == 4);
}

TEST_CASE("hostapi: a raw callback returning caller.exit() is an Exit", "[hostapi][exit]") {
  Store store;
  ember::FuncTypeView type;  // () -> ()
  Function* f = store.create_host_function(
      type, [](Caller& c, void*, uint64_t*) { return c.exit(-2); }, nullptr);
  REQUIRE(f != nullptr);
  Error e = store.call(f, nullptr, 0, nullptr, 0);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.trap == TrapKind::None);
  CHECK(e.exit_code == -2);
}

TEST_CASE("hostapi: a start function that exits ends instantiation with Exit", "[hostapi][exit]") {
  Module m = load_fixture("hostapi_exit_start");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "exit", store.create_function([](Caller& c, int32_t code) { c.exit(code); })));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Exit);
  CHECK(r.error().exit_code == 0);
}

TEST_CASE("hostapi: error_kind_name and Error::make_exit", "[hostapi][exit]") {
  CHECK(std::string(ember::error_kind_name(ErrorKind::Exit)) == "exit");
  Error e = Error::make_exit(42);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.exit_code == 42);
  CHECK_FALSE(e.ok());
  CHECK(describe(e) == "exit: program exited with code 42");
}

#ifdef EMBER_TEST_HAVE_WASI
TEST_CASE("hostapi: WASI proc_exit(0) is an Exit with code 0", "[hostapi][exit][wasi]") {
  Module m = load_fixture("hostapi_wasi_exit");
  ember::WasiConfig cfg;
  cfg.stdin_handle = cfg.stdout_handle = cfg.stderr_handle = -1;
  Result<ember::WasiContext> ctx = ember::WasiContext::create(cfg);
  INFO(describe(ctx.error()));
  REQUIRE(ctx.ok());
  Store store;
  Linker linker;
  Error defined = ember::define_wasi(linker, store, ctx.value());
  INFO(describe(defined));
  REQUIRE(defined.ok());
  Instance* inst = link(store, linker, m);
  Error e = call_error(store, inst, "_start", {}, 0);
  CHECK(e.kind == ErrorKind::Exit);
  CHECK(e.trap == TrapKind::None);
  CHECK(e.exit_code == 0);
  CHECK(describe(e) == "exit: program exited with code 0");
  Error e3 = call_error(store, inst, "exit_with", {Value::i32(3)}, 0);
  CHECK(e3.kind == ErrorKind::Exit);
  CHECK(e3.exit_code == 3);
}
#endif

// ---------------------------------------------------------------------------------------------
// 3. Typed calls

TEST_CASE("hostapi: store.call<int64_t>(fn, int64_t, int64_t)", "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<int64_t> r = store.call<int64_t>(inst->function("add_i64"), int64_t(40), int64_t(2));
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  CHECK(*r == 42);
  Result<int64_t> big = store.call<int64_t>(inst->function("add_i64"), int64_t(1) << 40, int64_t(-1));
  REQUIRE(big.ok());
  CHECK(big.value() == (int64_t(1) << 40) - 1);
}

TEST_CASE("hostapi: typed calls of every scalar type", "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<int32_t> i32 = store.call<int32_t>(inst->function("add_i32"), int32_t(-5), int32_t(3));
  REQUIRE(i32.ok());
  CHECK(*i32 == -2);
  Result<uint32_t> u32 = store.call<uint32_t>(inst->function("add_i32"), uint32_t(0xFFFFFFFFu), uint32_t(2));
  REQUIRE(u32.ok());
  CHECK(*u32 == 1u);
  Result<uint32_t> m1 = store.call<uint32_t>(inst->function("minus_one"));
  REQUIRE(m1.ok());
  CHECK(*m1 == 0xFFFFFFFFu);
  Result<uint64_t> m64 = store.call<uint64_t>(inst->function("minus_one_64"));
  REQUIRE(m64.ok());
  CHECK(*m64 == ~uint64_t(0));
  Result<float> f = store.call<float>(inst->function("mul_f32"), 1.5f, 4.0f);
  REQUIRE(f.ok());
  CHECK(*f == 6.0f);
  Result<double> d = store.call<double>(inst->function("half_f64"), 5.0);
  REQUIRE(d.ok());
  CHECK(*d == 2.5);
  Result<double> mixed = store.call<double>(inst->function("mixed"), int32_t(1), int64_t(2), 0.5f, 0.25);
  REQUIRE(mixed.ok());
  CHECK(*mixed == 3.75);
}

TEST_CASE("hostapi: store.call<void> returns Result<void>", "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<void> r = store.call<void>(inst->function("bump"));
  CHECK(r.ok());
  CHECK(store.call<void>(inst->function("bump")).ok());
  CHECK(inst->global("count")->get().as_i32() == 2);
}

TEST_CASE("hostapi: a typed call with the wrong argument type names it and both signatures",
          "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  // 40 and 2 are ints: i32, but add_i64 takes i64s.
  Result<int64_t> r = store.call<int64_t>(inst->function("add_i64"), 40, 2);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::BadArgument);
  CHECK(std::string(r.error().message) == "typed call does not match the function's type");
  CHECK(std::string(r.error().detail) ==
        "argument 1 is i64, given i32: function (i64, i64) -> (i64), called as (i32, i32) -> (i64)");
  CHECK(inst->global("count")->get().as_i32() == 0);
}

TEST_CASE("hostapi: a typed call with the wrong argument count or result type is refused",
          "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<int64_t> few = store.call<int64_t>(inst->function("add_i64"), int64_t(1));
  REQUIRE_FALSE(few.ok());
  CHECK(few.error().kind == ErrorKind::BadArgument);
  CHECK(std::string(few.error().detail) ==
        "takes 2 argument(s), given 1: function (i64, i64) -> (i64), called as (i64) -> (i64)");

  Result<int32_t> wrong_result = store.call<int32_t>(inst->function("add_i64"), int64_t(1), int64_t(2));
  REQUIRE_FALSE(wrong_result.ok());
  CHECK(std::string(wrong_result.error().detail) ==
        "results differ: function (i64, i64) -> (i64), called as (i64, i64) -> (i32)");

  Result<void> dropped = store.call<void>(inst->function("add_i64"), int64_t(1), int64_t(2));
  REQUIRE_FALSE(dropped.ok());
  CHECK(dropped.error().kind == ErrorKind::BadArgument);

  Result<int32_t> from_void = store.call<int32_t>(inst->function("bump"));
  REQUIRE_FALSE(from_void.ok());
  CHECK(std::string(from_void.error().detail) == "results differ: function () -> (), called as () -> (i32)");

  // Two results cannot be asked for with one R.
  Result<int32_t> pair = store.call<int32_t>(inst->function("pair"));
  REQUIRE_FALSE(pair.ok());
  CHECK(std::string(pair.error().detail) ==
        "results differ: function () -> (i32, i32), called as () -> (i32)");
}

TEST_CASE("hostapi: a typed call of a null function says the export name may be wrong",
          "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<int64_t> r = store.call<int64_t>(inst->function("add_I64"), int64_t(1), int64_t(2));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::BadArgument);
  CHECK(std::string(r.error().message) == "function is null (was the export name right?)");
}

TEST_CASE("hostapi: a typed call returns the trap of the callee", "[hostapi][typed-call]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Result<int32_t> r = store.call<int32_t>(inst->function("div"), int32_t(1), int32_t(0));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Trap);
  CHECK(r.error().trap == TrapKind::IntegerDivideByZero);
  Result<int32_t> ok = store.call<int32_t>(inst->function("div"), int32_t(7), int32_t(2));
  REQUIRE(ok.ok());
  CHECK(*ok == 3);
}

TEST_CASE("hostapi: typed calls of host functions", "[hostapi][typed-call]") {
  Store store;
  Function* f = store.create_function([](uint64_t a, double b) { return double(a) * b; });
  REQUIRE(f != nullptr);
  Result<double> r = store.call<double>(f, uint64_t(3), 0.5);
  REQUIRE(r.ok());
  CHECK(*r == 1.5);
  Function* exits = store.create_function([](Caller& c) { c.exit(9); });
  Result<void> e = store.call<void>(exits);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().kind == ErrorKind::Exit);
  CHECK(e.error().exit_code == 9);
}

// ---------------------------------------------------------------------------------------------
// Bindings and typed calls in a translation unit without exceptions

TEST_CASE("hostapi: typed bindings and typed calls work from a -fno-exceptions translation unit",
          "[hostapi][noexcept]") {
  CHECK_FALSE(noexcept_tu::has_exceptions());
  Store store;
  Function* add = noexcept_tu::make_add(store);
  REQUIRE(add != nullptr);
  Error error;
  CHECK(noexcept_tu::typed_add(store, add, 2, 3, &error) == 5);
  CHECK(error.ok());
  Function* trapper = noexcept_tu::make_trapper(store);
  REQUIRE(trapper != nullptr);
  Result<int32_t> r = store.call<int32_t>(trapper, int32_t(1));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().trap == TrapKind::HostTrap);
  CHECK(std::string(r.error().message) == "host function trapped");
  CHECK(std::string(r.error().detail) == "no exceptions here");
}

// ---------------------------------------------------------------------------------------------
// 4. Memory views for (pointer, length)

TEST_CASE("hostapi: read_string gives a host function the guest's string", "[hostapi][memory]") {
  Module m = load_fixture("hostapi_memory");
  Store store;
  Linker linker;
  std::string seen;
  REQUIRE(linker.define("env", "log",
                        store.create_function([&seen](Caller& c, uint32_t ptr, uint32_t len) -> int32_t {
                          std::string_view text;
                          if (!c.memory()->read_string(ptr, len, &text)) {
                            c.trap("log: string outside guest memory");
                            return 0;
                          }
                          seen.assign(text.data(), text.size());
                          return int32_t(text.size());
                        })));
  Instance* inst = link(store, linker, m);
  CHECK(call_ok(store, inst, "log_hello", {}, 1)[0].as_i32() == 11);
  CHECK(seen == "hello, host");

  // The last byte of the memory is in bounds; one past it is not.
  CHECK(call_ok(store, inst, "log_at", {Value::i32(65535), Value::i32(1)}, 1)[0].as_i32() == 1);
  Error e = call_error(store, inst, "log_at", {Value::i32(65535), Value::i32(2)}, 1);
  CHECK(e.trap == TrapKind::HostTrap);
  CHECK(std::string(e.detail) == "log: string outside guest memory");
  // A huge length with a wrapping end is out of bounds, not a tiny in-bounds range.
  e = call_error(store, inst, "log_at", {Value::i32(16), Value::i32(-1)}, 1);
  CHECK(e.trap == TrapKind::HostTrap);
}

TEST_CASE("hostapi: Memory::view bounds, empty views and overflow", "[hostapi][memory]") {
  Store store;
  Memory* mem = store.create_memory(ember::MemoryType{ember::Limits{1, 1, true}});
  REQUIRE(mem != nullptr);
  const uint64_t size = mem->size();
  REQUIRE(size == Memory::kPageSize);

  MemoryView whole = mem->view(0, size);
  CHECK(whole.ok());
  CHECK(whole.data() == mem->data());
  CHECK(whole.size() == size);

  MemoryView end = mem->view(size, 0);  // empty, at the end: in bounds
  CHECK(end.ok());
  CHECK(end.empty());

  MemoryView past = mem->view(size, 1);
  CHECK_FALSE(past.ok());
  CHECK_FALSE(bool(past));
  CHECK(past.data() == nullptr);
  CHECK(past.size() == 0);

  CHECK_FALSE(mem->view(size + 1, 0).ok());
  CHECK_FALSE(mem->view(1, UINT64_MAX).ok());  // 1 + len wraps to 0
  CHECK_FALSE(mem->view(UINT64_MAX, 2).ok());  // offset + len wraps to 1
  CHECK_FALSE(mem->view(UINT64_MAX, UINT64_MAX).ok());
  CHECK_FALSE(mem->view(size - 1, UINT64_MAX - size + 2).ok());  // sum wraps to exactly 1

  std::string_view s = "x";
  CHECK_FALSE(mem->read_string(UINT64_MAX, 2, &s));
  CHECK(s.empty());
  CHECK(mem->read_string(size, 0, &s));
  CHECK(s.empty());
}

TEST_CASE("hostapi: a view writes into guest memory in place", "[hostapi][memory]") {
  Module m = load_fixture("hostapi_memory");
  Store store;
  Linker linker;
  REQUIRE(
      linker.define("env", "log", store.create_function([](Caller& c, uint32_t ptr, uint32_t len) -> int32_t {
        MemoryView buf = c.memory()->view(ptr, len);
        if (!buf) {
          c.trap("buffer outside guest memory");
          return 0;
        }
        for (uint64_t i = 0; i < buf.size(); ++i) buf.data()[i] = uint8_t('A' + i);
        return 0;
      })));
  Instance* inst = link(store, linker, m);
  REQUIRE(call_ok(store, inst, "log_at", {Value::i32(100), Value::i32(3)}, 1)[0].as_i32() == 0);
  CHECK(call_ok(store, inst, "load8", {Value::i32(100)}, 1)[0].as_i32() == 'A');
  CHECK(call_ok(store, inst, "load8", {Value::i32(102)}, 1)[0].as_i32() == 'C');
  std::string_view text;
  REQUIRE(inst->memory("memory")->read_string(100, 3, &text));
  CHECK(text == "ABC");
  CHECK(inst->memory("memory")->view(100, 3).str() == "ABC");
}

TEST_CASE("hostapi: a memory of zero pages has only the empty view at 0", "[hostapi][memory]") {
  Store store;
  Memory* mem = store.create_memory(ember::MemoryType{});
  REQUIRE(mem != nullptr);
  MemoryView v = mem->view(0, 0);
  CHECK(v.ok());
  CHECK(v.size() == 0);
  CHECK_FALSE(mem->view(0, 1).ok());
  CHECK_FALSE(mem->view(1, 0).ok());
}

// ---------------------------------------------------------------------------------------------
// 6. Errors that say enough

TEST_CASE("hostapi: Store::call names the mismatched argument and both types", "[hostapi][errors]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Value args[] = {Value::i64(1), Value::i32(2)};
  Value result;
  Error e = store.call(inst->function("add_i64"), args, 2, &result, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
  CHECK(std::string(e.message) == "argument type mismatch");
  CHECK(std::string(e.detail) == "args[1]: expected i64, given i32; function (i64, i64) -> (i64)");
  CHECK(describe(e) ==
        "bad argument: argument type mismatch (args[1]: expected i64, given i32; function (i64, i64) -> "
        "(i64))");
}

TEST_CASE("hostapi: Store::call says how many arguments and results it wanted", "[hostapi][errors]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Value args[] = {Value::i64(1), Value::i64(2), Value::i64(3)};
  Value result;
  Error e = store.call(inst->function("add_i64"), args, 3, &result, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
  CHECK(std::string(e.message) == "wrong number of arguments or results");
  CHECK(std::string(e.detail) == "function (i64, i64) -> (i64) takes 2 argument(s), given 3");
  e = store.call(inst->function("add_i64"), args, 2, nullptr, 0);
  CHECK(std::string(e.detail) == "function (i64, i64) -> (i64) returns 1 result(s), room given for 0");
}

TEST_CASE("hostapi: calling a null function suggests checking the export name", "[hostapi][errors]") {
  Module m = load_fixture("hostapi_typed_call");
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = store.call(inst->function("no_such_export"), nullptr, 0, nullptr, 0);
  CHECK(e.kind == ErrorKind::BadArgument);
  CHECK(std::string(e.message) == "function is null (was the export name right?)");
}

TEST_CASE("hostapi: an incompatible function import shows both signatures", "[hostapi][errors][link]") {
  Module m = load_fixture("hostapi_imports");
  Store store;
  Linker linker;
  REQUIRE(linker.define("env", "f", store.create_function([](int64_t) {})));
  REQUIRE(linker.define("env", "mem", store.create_memory(ember::MemoryType{ember::Limits{1, 2, true}})));
  REQUIRE(linker.define("env", "tab",
                        store.create_table(ember::TableType{ValType::FuncRef, ember::Limits{1, 10, true}})));
  REQUIRE(
      linker.define("env", "g", store.create_global(ember::GlobalType{ValType::I32, true}, Value::i32(0))));
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Unlinkable);
  CHECK(std::string(r.error().message) == "incompatible import type");  // the spec's words
  CHECK(std::string(r.error().detail) == "env.f: expected (i32, i32) -> (i32), got (i64) -> ()");
  CHECK(describe(r.error()) ==
        "unlinkable: incompatible import type (env.f: expected (i32, i32) -> (i32), got (i64) -> ())");
}

TEST_CASE("hostapi: incompatible memory, table and global imports show both types",
          "[hostapi][errors][link]") {
  Module m = load_fixture("hostapi_imports");
  Store store;
  Function* f = store.create_function([](int32_t a, int32_t b) { return a + b; });
  Memory* mem = store.create_memory(ember::MemoryType{ember::Limits{1, 2, true}});
  ember::Table* tab = store.create_table(ember::TableType{ValType::FuncRef, ember::Limits{1, 10, true}});
  ember::Global* g = store.create_global(ember::GlobalType{ValType::I32, true}, Value::i32(0));
  REQUIRE((f && mem && tab && g));

  // The detail of instantiating with these imports, or "ok".
  auto detail_of = [&](std::vector<Extern> imports) {
    Result<Instance*> r = store.instantiate(m, imports.data(), imports.size());
    if (r.ok()) return std::string("ok");
    CHECK(r.error().kind == ErrorKind::Unlinkable);
    CHECK(std::string(r.error().message) == "incompatible import type");
    return std::string(r.error().detail);
  };

  Memory* big = store.create_memory(ember::MemoryType{ember::Limits{1, 0, false}});
  ember::Table* externs =
      store.create_table(ember::TableType{ValType::ExternRef, ember::Limits{1, 10, true}});
  ember::Global* immutable = store.create_global(ember::GlobalType{ValType::I32, false}, Value::i32(0));
  REQUIRE((big && externs && immutable));
  CHECK(detail_of({f, big, tab, g}) == "env.mem: expected memory 1..2, got memory 1..");
  CHECK(detail_of({f, mem, externs, g}) ==
        "env.tab: expected table funcref 1..10, got table externref 1..10");
  CHECK(detail_of({f, mem, tab, immutable}) == "env.g: expected global (mut i32), got global i32");
  // The wrong kind: both sides say what they are.
  CHECK(detail_of({mem, mem, tab, g}) == "env.f: expected func (i32, i32) -> (i32), got memory 1..2");
  CHECK(detail_of({Extern(), mem, tab, g}) ==
        "env.f: expected func (i32, i32) -> (i32), got nothing (a null Extern)");
  // And the right ones link.
  CHECK(detail_of({f, mem, tab, g}) == "ok");
}

TEST_CASE("hostapi: a missing import is still an unknown import naming it", "[hostapi][errors][link]") {
  Module m = load_fixture("hostapi_imports");
  Store store;
  Linker linker;
  Result<Instance*> r = linker.instantiate(store, m);
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.error().message) == "unknown import");
  CHECK(std::string(r.error().detail) == "env.f");
}

TEST_CASE("hostapi: a memory over Config::max_memory_pages names the setting and both numbers",
          "[hostapi][errors][limits]") {
  Config config;
  config.max_memory_pages = 2;
  Module m = load_fixture("hostapi_limits", config);
  Store store(config);
  Result<Instance*> r = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);
  CHECK(std::string(r.error().detail) == "memory of 3 pages exceeds Config::max_memory_pages = 2");
  CHECK(describe(r.error()) ==
        "limit: memory exceeds the host's memory limit (memory of 3 pages exceeds Config::max_memory_pages = "
        "2)");
}

TEST_CASE("hostapi: a table over Config::max_table_elements names the setting and both numbers",
          "[hostapi][errors][limits]") {
  Config config;
  config.max_table_elements = 10;
  Module m = load_fixture("hostapi_limits", config);
  Store store(config);
  Result<Instance*> r = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);
  CHECK(std::string(r.error().detail) == "table of 20 elements exceeds Config::max_table_elements = 10");
}

TEST_CASE("hostapi: Error stays small", "[hostapi][errors]") {
  CHECK(sizeof(Error::detail) >= 160);
  CHECK(sizeof(Error) <= 200);
}

// ---------------------------------------------------------------------------------------------
// 7. Every limit in Config

TEST_CASE("hostapi: Config::max_locals: over it is a Limit at load, at it loads", "[hostapi][limits]") {
  std::vector<uint8_t> bytes = load_test_wasm("hostapi_locals");
  Config config;
  config.max_locals = 9;
  Result<Module> r = load_bytes(bytes, config);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);
  CHECK(std::string(r.error().message) == "too many locals");
  CHECK(r.error().func_index == 0);
  CHECK(std::string(r.error().detail) == "10 locals exceed Config::max_locals = 9");
  CHECK(
      describe(r.error()).rfind(
          "limit: too many locals (10 locals exceed Config::max_locals = 9) in function 0 at byte offset 0x",
          0) == 0);

  config.max_locals = 10;  // parameters do not count
  Result<Module> ok = load_bytes(bytes, config);
  INFO(describe(ok.error()));
  CHECK(ok.ok());
  // The default allows it.
  CHECK(load_bytes(bytes).ok());
}

TEST_CASE("hostapi: Config::max_functions: over it is a Limit at load, counting imports",
          "[hostapi][limits]") {
  std::vector<uint8_t> bytes = load_test_wasm("life_many_functions");  // 64 defined functions
  Config config;
  config.max_functions = 63;
  Result<Module> r = load_bytes(bytes, config);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);
  CHECK(std::string(r.error().message) == "too many functions");
  CHECK(std::string(r.error().detail) == "64 functions exceed Config::max_functions = 63");
  config.max_functions = 64;
  CHECK(load_bytes(bytes, config).ok());

  // An imported function counts too: the one import of hostapi_imports is over a cap of 0.
  Config none;
  none.max_functions = 0;
  Result<Module> imports = load_bytes(load_test_wasm("hostapi_imports"), none);
  REQUIRE_FALSE(imports.ok());
  CHECK(imports.error().kind == ErrorKind::Limit);
  CHECK(std::string(imports.error().detail) == "1 functions exceed Config::max_functions = 0");
}

TEST_CASE("hostapi: Config::max_compiled_bytes: eager over it fails the load, lazy the first call",
          "[hostapi][limits]") {
  std::vector<uint8_t> bytes = load_test_wasm("life_many_functions");
  // What the whole module compiles to, as the limit counts it: loads at exactly that.
  Config eager;
  eager.lazy_compile = false;
  eager.max_compiled_bytes = 0;
  Result<Module> full = load_bytes(bytes, eager);
  REQUIRE(full.ok());
  eager.max_compiled_bytes = 1;
  Result<Module> tiny = load_bytes(bytes, eager);
  REQUIRE_FALSE(tiny.ok());
  CHECK(tiny.error().kind == ErrorKind::Limit);
  CHECK(std::string(tiny.error().message) == "too much compiled code");
  CHECK(tiny.error().func_index == 0);
  CHECK(std::string(tiny.error().detail).find("bytes would exceed Config::max_compiled_bytes = 1") !=
        std::string::npos);

  // Lazily: loading compiles nothing; f63 calls down the whole chain, so it needs all 64
  // functions' code: with room for a few, the call fails with the limit, and f0 alone still runs.
  Config lazy;
  lazy.lazy_compile = true;
  lazy.max_compiled_bytes = 2048;
  Result<Module> m = load_bytes(bytes, lazy);
  REQUIRE(m.ok());
  Store store;
  Instance* inst = instantiate(store, m.value());
  Value arg = Value::i32(1), result;
  CHECK(store.call(inst->function("f0"), &arg, 1, &result, 1).ok());
  CHECK(result.as_i32() == 1 + 0x12345);
  Error e = store.call(inst->function("f63"), &arg, 1, &result, 1);
  CHECK(e.kind == ErrorKind::Limit);
  CHECK(std::string(e.message) == "too much compiled code");
  CHECK(std::string(e.detail).find("Config::max_compiled_bytes = 2048") != std::string::npos);
}

TEST_CASE("hostapi: Config::max_locals is read by Module::load only", "[hostapi][limits]") {
  Config strict;
  strict.max_locals = 1;
  Module m = load_fixture("hostapi_locals");  // loaded with the default
  Store store(strict);                        // a store ignores max_locals
  instantiate(store, m);
}

TEST_CASE("hostapi: Config::max_const_expr_depth: over it is a Limit at load", "[hostapi][limits]") {
  // Issue #10: a valid module whose constant expression stacks 65 values (wabt and V8 accept it)
  // loads and runs with the default config; the default, 1024, loads and runs too.
  for (uint32_t depth : {65u, 1024u}) {
    Result<Module> at = load_bytes(deep_global_module(depth));
    INFO(describe(at.error()));
    REQUIRE(at.ok());
    Store store;
    Instance* inst = instantiate(store, at.value());
    CHECK(inst->global("g")->get().as_i32() == int32_t(depth));
  }

  Result<Module> over = load_bytes(deep_global_module(1025));
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().kind == ErrorKind::Limit);
  CHECK(std::string(over.error().message) == "constant expression nests too deep");
  CHECK(std::string(over.error().detail) ==
        "needs a stack of 1025 values; Config::max_const_expr_depth = 1024");

  Config shallow;
  shallow.max_const_expr_depth = 3;
  Result<Module> r = load_bytes(deep_global_module(4), shallow);
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.error().detail) == "needs a stack of 4 values; Config::max_const_expr_depth = 3");
  CHECK(load_bytes(deep_global_module(3), shallow).ok());
}

TEST_CASE("hostapi: a raised max_const_expr_depth evaluates deeper expressions", "[hostapi][limits]") {
  Config deep;
  deep.max_const_expr_depth = 1000;
  Result<Module> m = load_bytes(deep_global_module(1000), deep);
  INFO(describe(m.error()));
  REQUIRE(m.ok());
  Store store;
  Instance* inst = instantiate(store, m.value());
  CHECK(inst->global("g")->get().as_i32() == 1000);
}

TEST_CASE("hostapi: an invalid module over a limit is reported invalid, not as the limit",
          "[hostapi][limits]") {
  Result<Module> r = load_bytes(deep_global_module(1025, /*then_invalid=*/true));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Invalid);
  CHECK(std::string(r.error().message) == "type mismatch");
}

TEST_CASE("hostapi: Config::max_instances: over it is a Limit at instantiate", "[hostapi][limits]") {
  Config config;
  config.max_instances = 3;
  Module m = load_fixture("hostapi_locals");
  Store store(config);
  for (int i = 0; i < 3; ++i) instantiate(store, m);
  Result<Instance*> r = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);
  CHECK(std::string(r.error().message) == "too many instances");
  CHECK(std::string(r.error().detail) == "instance 4 exceeds Config::max_instances = 3");
}

TEST_CASE("hostapi: Config::max_backtrace_frames caps Store::backtrace", "[hostapi][limits]") {
  Module m = load_fixture("hostapi_backtrace");
  BacktraceFrame frames[32];
  {
    Store store;  // default: 64, more than the 10 frames of down(9)
    Instance* inst = instantiate(store, m);
    REQUIRE(call_error(store, inst, "down", {Value::i32(9)}, 0).trap == TrapKind::Unreachable);
    CHECK(store.backtrace(frames, 32) == 10);
  }
  {
    Config config;
    config.max_backtrace_frames = 3;
    Store store(config);
    Instance* inst = instantiate(store, m);
    Error e = call_error(store, inst, "down", {Value::i32(9)}, 0);
    REQUIRE(e.trap == TrapKind::Unreachable);
    CHECK(e.func_index == 0);  // the trap's own location does not depend on the cap
    CHECK(store.backtrace(frames, 32) == 3);
  }
  {
    Config config;
    config.max_backtrace_frames = 0;
    Store store(config);
    Instance* inst = instantiate(store, m);
    REQUIRE(call_error(store, inst, "down", {Value::i32(9)}, 0).trap == TrapKind::Unreachable);
    CHECK(store.backtrace(frames, 32) == 0);
  }
}

TEST_CASE("hostapi: call stack exhausted names the Config limit that ran out", "[hostapi][limits]") {
  {
    Config config;
    config.max_call_depth = 50;
    config.stack_bytes = 16u << 20;  // only the frame count can run out
    Module m = load_fixture("trap_recursion", config);
    Store store(config);
    Instance* inst = instantiate(store, m);
    Error e = call_error(store, inst, "forever", {Value::i32(0)}, 1);
    CHECK(e.trap == TrapKind::CallStackExhausted);
    CHECK(std::string(e.message) == "call stack exhausted");  // the spec's words
    CHECK(std::string(e.detail) == "Config::max_call_depth = 50 reached");
  }
  {
    Config config;
    config.stack_bytes = 4096;
    config.max_call_depth = 1000000;  // only the value stack can run out
    Module m = load_fixture("trap_recursion", config);
    Store store(config);
    Instance* inst = instantiate(store, m);
    Error e = call_error(store, inst, "forever", {Value::i32(0)}, 1);
    CHECK(e.trap == TrapKind::CallStackExhausted);
    CHECK(std::string(e.detail) == "Config::stack_bytes = 4096 reached");
  }
}

TEST_CASE("hostapi: host re-entry past Config::max_host_nesting names it", "[hostapi][limits]") {
  Config config;
  config.max_host_nesting = 1;  // the host's own call is the only level allowed
  Store store(config);
  Error inner;
  Function* leaf = store.create_function([]() { return int32_t(1); });
  Function* outer = store.create_function([&](Caller& c) -> int32_t {
    Value res;
    inner = c.store().call(leaf, nullptr, 0, &res, 1);
    return inner.ok() ? res.as_i32() : -1;
  });
  Value out;
  Error e = store.call(outer, nullptr, 0, &out, 1);
  INFO(describe(e));
  REQUIRE(e.ok());
  CHECK(out.as_i32() == -1);
  CHECK(inner.trap == TrapKind::CallStackExhausted);
  CHECK(std::string(inner.detail) == "Config::max_host_nesting = 1 reached");
}
