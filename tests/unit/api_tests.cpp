// Unit tests of the public embedding API: loading, instantiating, typed calls, export lookup,
// module introspection, per-instance state, argument checking, load errors, Config limits and fuel.
// Everything here goes through include/ember/*.h only, as a host application would.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"

using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::ExternKind;
using ember::FuncTypeView;
using ember::Instance;
using ember::Module;
using ember::Result;
using ember::Store;
using ember::TrapKind;
using ember::ValType;
using ember::Value;

namespace {

bool same_types(FuncTypeView t, std::vector<ValType> params, std::vector<ValType> results) {
  if (t.param_count != params.size() || t.result_count != results.size()) return false;
  for (std::size_t i = 0; i < params.size(); ++i)
    if (t.params[i] != params[i]) return false;
  for (std::size_t i = 0; i < results.size(); ++i)
    if (t.results[i] != results[i]) return false;
  return true;
}

// --- hand-built name sections -------------------------------------------------------------
// The fixtures are compiled without --debug-names, so the name-section test adds its own
// section to a fixture's bytes. Any name section already present is dropped first, so the test
// does not depend on how the fixtures were compiled.

uint32_t get_leb(const std::vector<uint8_t>& in, std::size_t& pos) {
  uint32_t v = 0;
  for (unsigned shift = 0;; shift += 7) {
    uint8_t b = in.at(pos++);
    v |= uint32_t(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}

void put_name(std::vector<uint8_t>& out, const std::string& s) {
  put_leb(out, uint32_t(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

std::vector<uint8_t> with_function_names(const std::vector<uint8_t>& module,
                                         const std::vector<std::pair<uint32_t, std::string>>& names) {
  std::vector<uint8_t> out(module.begin(), module.begin() + 8);
  std::size_t pos = 8;
  while (pos < module.size()) {
    std::size_t start = pos;
    uint8_t id = module.at(pos++);
    uint32_t size = get_leb(module, pos);
    std::size_t end = pos + size;
    bool is_name_section = false;
    if (id == 0) {
      std::size_t p = pos;
      uint32_t len = get_leb(module, p);
      is_name_section = std::string(module.begin() + long(p), module.begin() + long(p + len)) == "name";
    }
    if (!is_name_section) out.insert(out.end(), module.begin() + long(start), module.begin() + long(end));
    pos = end;
  }
  std::vector<uint8_t> map;  // subsection 1: function names, by increasing index
  put_leb(map, uint32_t(names.size()));
  for (const auto& n : names) {
    put_leb(map, n.first);
    put_name(map, n.second);
  }
  std::vector<uint8_t> content;
  put_name(content, "name");
  content.push_back(1);
  put_leb(content, uint32_t(map.size()));
  content.insert(content.end(), map.begin(), map.end());
  out.push_back(0);
  put_leb(out, uint32_t(content.size()));
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Typed calls

TEST_CASE("api: i32 arguments and result", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "add_i32", {Value::i32(40), Value::i32(2)}, 1);
  CHECK(r[0].type == ValType::I32);
  CHECK(r[0].as_i32() == 42);
  // Wrap-around keeps all 32 bits and nothing above them.
  r = call_ok(store, inst, "add_i32", {Value::i32(INT32_MAX), Value::i32(1)}, 1);
  CHECK(r[0].as_i32() == INT32_MIN);
}

TEST_CASE("api: i64 arguments and result keep all 64 bits", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "add_i64", {Value::i64(0x100000000LL), Value::i64(-3)}, 1);
  CHECK(r[0].type == ValType::I64);
  CHECK(r[0].as_i64() == 0xFFFFFFFDLL);
}

TEST_CASE("api: f32 arguments and result", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "mul_f32", {Value::f32v(1.5f), Value::f32v(-4.0f)}, 1);
  CHECK(r[0].type == ValType::F32);
  CHECK(r[0].as_f32() == -6.0f);
}

TEST_CASE("api: f64 arguments and result", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "div_f64", {Value::f64v(1.0), Value::f64v(8.0)}, 1);
  CHECK(r[0].type == ValType::F64);
  CHECK(r[0].as_f64() == 0.125);
  r = call_ok(store, inst, "div_f64", {Value::f64v(1.0), Value::f64v(0.0)}, 1);
  CHECK(std::isinf(r[0].as_f64()));
}

TEST_CASE("api: multi-value results come back in declaration order with their types", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "swap", {Value::i32(-7), Value::i64(INT64_C(1) << 40)}, 2);
  CHECK(r[0].type == ValType::I64);
  CHECK(r[0].as_i64() == (INT64_C(1) << 40));
  CHECK(r[1].type == ValType::I32);
  CHECK(r[1].as_i32() == -7);
  r = call_ok(store, inst, "divmod_u", {Value::i32(47), Value::i32(5)}, 2);
  CHECK(r[0].as_i32() == 9);
  CHECK(r[1].as_i32() == 2);
}

TEST_CASE("api: a call with one parameter of every number type", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  auto r = call_ok(store, inst, "mixed",
                   {Value::i32(-1), Value::i64(INT64_C(1) << 33), Value::f32v(0.5f), Value::f64v(0.25)}, 1);
  CHECK(r[0].as_f64() == -1.0 + 8589934592.0 + 0.5 + 0.25);
}

TEST_CASE("api: a function without parameters or results", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = store.call(inst->function("nothing"), nullptr, 0, nullptr, 0);
  CHECK(e.ok());
}

TEST_CASE("api: extra result slots are allowed and the needed ones are filled", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  Value args[] = {Value::i32(1), Value::i32(2)};
  Value results[3];
  REQUIRE(store.call(inst->function("add_i32"), args, 2, results, 3).ok());
  CHECK(results[0].as_i32() == 3);
}

// ---------------------------------------------------------------------------------------------
// Exports

TEST_CASE("api: exports are found by name and kind", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  ember::Extern f = inst->find_export("add_i32");
  REQUIRE(f);
  CHECK(f.kind == ExternKind::Func);
  CHECK(f.func == inst->function("add_i32"));
  CHECK(same_types(f.func->type(), {ValType::I32, ValType::I32}, {ValType::I32}));

  ember::Memory* mem = inst->memory("memory");
  REQUIRE(mem != nullptr);
  CHECK(mem->pages() == 1);
  CHECK(mem == inst->default_memory());

  ember::Global* g = inst->global("answer");
  REQUIRE(g != nullptr);
  CHECK(g->get().as_i32() == 42);
  CHECK_FALSE(g->type().is_mutable);
  // An immutable global refuses writes from the host.
  CHECK_FALSE(g->set(Value::i32(1)));
  CHECK(g->get().as_i32() == 42);
}

TEST_CASE("api: absent export names and wrong-kind lookups give null", "[api]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  CHECK_FALSE(inst->find_export("no_such_export"));
  CHECK_FALSE(inst->find_export(""));
  CHECK_FALSE(inst->find_export("add_i3"));    // prefix of a real name
  CHECK_FALSE(inst->find_export("add_i32 "));  // real name plus a suffix
  CHECK(inst->function("no_such_export") == nullptr);
  // Names exist but with another kind.
  CHECK(inst->function("memory") == nullptr);
  CHECK(inst->memory("add_i32") == nullptr);
  CHECK(inst->global("memory") == nullptr);
  CHECK(inst->table("answer") == nullptr);
}

// ---------------------------------------------------------------------------------------------
// Module introspection

TEST_CASE("api: imports are listed with their module, name, kind and type", "[api][introspection]") {
  Module m = load_fixture("api_imports");
  REQUIRE(m.import_count() == 5);

  ember::ImportInfo log = m.import(0);
  CHECK(log.module == "env");
  CHECK(log.name == "log");
  CHECK(log.kind == ExternKind::Func);
  CHECK(same_types(log.func, {ValType::I32}, {}));

  ember::ImportInfo mem = m.import(1);
  CHECK(mem.name == "memory");
  CHECK(mem.kind == ExternKind::Memory);
  CHECK(mem.memory.limits.min == 1);
  CHECK(mem.memory.limits.has_max);
  CHECK(mem.memory.limits.max == 4);

  ember::ImportInfo table = m.import(2);
  CHECK(table.name == "table");
  CHECK(table.kind == ExternKind::Table);
  CHECK(table.table.elem == ValType::FuncRef);
  CHECK(table.table.limits.min == 2);
  CHECK(table.table.limits.has_max);
  CHECK(table.table.limits.max == 10);

  ember::ImportInfo scale = m.import(3);
  CHECK(scale.name == "scale");
  CHECK(scale.kind == ExternKind::Global);
  CHECK(scale.global.type == ValType::F64);
  CHECK_FALSE(scale.global.is_mutable);

  ember::ImportInfo ticks = m.import(4);
  CHECK(ticks.name == "ticks");
  CHECK(ticks.kind == ExternKind::Global);
  CHECK(ticks.global.type == ValType::I64);
  CHECK(ticks.global.is_mutable);
}

TEST_CASE("api: exports are listed with kind and index in the module's index spaces",
          "[api][introspection]") {
  Module m = load_fixture("api_imports");
  REQUIRE(m.export_count() == 5);
  struct Expected {
    const char* name;
    ExternKind kind;
    uint32_t index;
  };
  // Indices count imports first: $helper is function 1 after the imported $log, $ticks global 1.
  const Expected expected[] = {{"run", ExternKind::Func, 2},
                               {"memory", ExternKind::Memory, 0},
                               {"table", ExternKind::Table, 0},
                               {"ticks", ExternKind::Global, 1},
                               {"helper_alias", ExternKind::Func, 1}};
  for (const Expected& want : expected) {
    INFO("export " << want.name);
    bool found = false;
    for (uint32_t i = 0; i < m.export_count(); ++i) {
      ember::ExportInfo x = m.export_at(i);
      if (x.name != want.name) continue;
      CHECK_FALSE(found);  // each name once
      found = true;
      CHECK(x.kind == want.kind);
      CHECK(x.index == want.index);
    }
    CHECK(found);
  }
}

TEST_CASE("api: function_type covers imported and defined functions", "[api][introspection]") {
  Module m = load_fixture("api_imports");
  REQUIRE(m.function_count() == 3);
  CHECK(same_types(m.function_type(0), {ValType::I32}, {}));
  CHECK(same_types(m.function_type(1), {ValType::I64, ValType::F32}, {ValType::F64, ValType::I32}));
  CHECK(same_types(m.function_type(2), {}, {ValType::I32}));
}

TEST_CASE("api: function_name reads the name section, empty when a function has no name",
          "[api][introspection]") {
  std::vector<uint8_t> bytes =
      with_function_names(load_test_wasm("api_imports"), {{0, "host_log"}, {2, "run_main"}});
  Result<Module> r = Module::load(bytes.data(), bytes.size());
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  Module& m = r.value();
  CHECK(m.function_name(0) == "host_log");  // imported functions can be named too
  CHECK(m.function_name(1).empty());        // no entry for function 1
  CHECK(m.function_name(2) == "run_main");
  CHECK(m.function_name(99).empty());  // out of range
}

TEST_CASE("api: a module with every import kind links through the Linker", "[api][introspection]") {
  Module m = load_fixture("api_imports");
  Store store;
  std::vector<int32_t> logged;
  ember::Function* log = store.create_function([&logged](int32_t v) { logged.push_back(v); });
  ember::Memory* mem = store.create_memory(ember::MemoryType{{1, 4, true}});
  ember::Table* table = store.create_table(ember::TableType{ValType::FuncRef, {2, 10, true}});
  ember::Global* scale = store.create_global({ValType::F64, false}, Value::f64v(1.5));
  ember::Global* ticks = store.create_global({ValType::I64, true}, Value::i64(100));
  REQUIRE((log && mem && table && scale && ticks));
  int32_t seed = 77;
  REQUIRE(mem->write(0, &seed, 4));

  ember::Linker linker;
  REQUIRE(linker.define("env", "log", log));
  REQUIRE(linker.define("env", "memory", mem));
  REQUIRE(linker.define("env", "table", table));
  REQUIRE(linker.define("env", "scale", scale));
  REQUIRE(linker.define("env", "ticks", ticks));
  Result<Instance*> r = linker.instantiate(store, m);
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  Instance* inst = r.value();

  // Re-exported imports are the host's own objects, not copies.
  CHECK(inst->memory("memory") == mem);
  CHECK(inst->table("table") == table);
  CHECK(inst->global("ticks") == ticks);

  auto res = call_ok(store, inst, "run", {}, 1);
  CHECK(res[0].as_i32() == 77);              // read through the imported memory
  CHECK(logged == std::vector<int32_t>{5});  // called the imported function
  CHECK(ticks->get().as_i64() == 101);       // wrote the imported global
  auto helper = call_ok(store, inst, "helper_alias", {Value::i64(0), Value::f32v(0)}, 2);
  CHECK(helper[0].as_f64() == 1.5);  // read the imported immutable global
  CHECK(helper[1].as_i32() == 7);
}

// ---------------------------------------------------------------------------------------------
// Instances

TEST_CASE("api: instances of one module have separate memories and globals", "[api][instances]") {
  Module m = load_fixture("api_state");
  Store store;
  Instance* a = instantiate(store, m);
  Instance* b = instantiate(store, m);
  Instance* c = instantiate(store, m);
  CHECK(a->memory("memory") != b->memory("memory"));
  CHECK(a->global("counter") != b->global("counter"));

  for (int i = 0; i < 3; ++i) call_ok(store, a, "bump", {}, 1);
  call_ok(store, b, "bump", {}, 1);

  CHECK(a->global("counter")->get().as_i32() == 3);
  CHECK(b->global("counter")->get().as_i32() == 1);
  CHECK(c->global("counter")->get().as_i32() == 0);
  CHECK(call_ok(store, a, "load0", {}, 1)[0].as_i32() == 3);
  CHECK(call_ok(store, b, "load0", {}, 1)[0].as_i32() == 1);
  CHECK(call_ok(store, c, "load0", {}, 1)[0].as_i32() == 0);
}

TEST_CASE("api: one module instantiated in two stores keeps the stores apart", "[api][instances]") {
  Module m = load_fixture("api_state");
  Store s1, s2;
  Instance* a = instantiate(s1, m);
  Instance* b = instantiate(s2, m);
  call_ok(s1, a, "bump", {}, 1);
  call_ok(s1, a, "bump", {}, 1);
  CHECK(call_ok(s2, b, "bump", {}, 1)[0].as_i32() == 1);
  CHECK(call_ok(s1, a, "load0", {}, 1)[0].as_i32() == 2);
}

TEST_CASE("api: host writes to one instance's global are not seen by another", "[api][instances]") {
  Module m = load_fixture("api_state");
  Store store;
  Instance* a = instantiate(store, m);
  Instance* b = instantiate(store, m);
  REQUIRE(a->global("counter")->set(Value::i32(41)));
  CHECK(call_ok(store, a, "bump", {}, 1)[0].as_i32() == 42);
  CHECK(call_ok(store, b, "bump", {}, 1)[0].as_i32() == 1);
}

// ---------------------------------------------------------------------------------------------
// Store::call argument checking

TEST_CASE("api: Store::call rejects a wrong argument count", "[api][call]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "add_i32", {Value::i32(1)}, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
  e = call_error(store, inst, "add_i32", {Value::i32(1), Value::i32(2), Value::i32(3)}, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
}

TEST_CASE("api: Store::call rejects an argument of the wrong type", "[api][call]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  // Same width, different type: i64 vs f64, i32 vs f32.
  Error e = call_error(store, inst, "add_i64", {Value::i64(1), Value::f64v(2)}, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
  e = call_error(store, inst, "add_i32", {Value::f32v(1), Value::i32(2)}, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
}

TEST_CASE("api: Store::call rejects too few result slots and a null function", "[api][call]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "swap", {Value::i32(1), Value::i64(2)}, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
  Value args[] = {Value::i32(1)};
  Value res[1];
  e = store.call(nullptr, args, 1, res, 1);
  CHECK(e.kind == ErrorKind::BadArgument);
}

TEST_CASE("api: a rejected call leaves the store usable", "[api][call]") {
  Module m = load_fixture("api_arith");
  Store store;
  Instance* inst = instantiate(store, m);
  REQUIRE(call_error(store, inst, "add_i32", {Value::i64(1), Value::i32(2)}, 1).kind ==
          ErrorKind::BadArgument);
  CHECK(call_ok(store, inst, "add_i32", {Value::i32(1), Value::i32(2)}, 1)[0].as_i32() == 3);
}

// ---------------------------------------------------------------------------------------------
// Load errors

#define HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

TEST_CASE("api: a malformed module is ErrorKind::Malformed with the byte offset", "[api][load]") {
  // Section id 14 does not exist; it sits right after the 8-byte header.
  const uint8_t bad_section[] = {HEADER, 0x0E, 0x01, 0x00};
  Result<Module> r = Module::load(bad_section, sizeof bad_section);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Malformed);
  CHECK(std::string(r.error().message) == "malformed section id");
  CHECK(r.error().offset == 8);

  // Type section (id at 8, size at 9, count at 10) whose first type has form 0x61, not 0x60.
  const uint8_t bad_form[] = {HEADER, 0x01, 0x04, 0x01, 0x61, 0x00, 0x00};
  Result<Module> r2 = Module::load(bad_form, sizeof bad_form);
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().kind == ErrorKind::Malformed);
  CHECK(std::string(r2.error().message) == "malformed function type");
  CHECK(r2.error().offset == 11);
}

TEST_CASE("api: a truncated module is malformed at an offset inside the input", "[api][load]") {
  std::vector<uint8_t> bytes = load_test_wasm("api_arith");
  REQUIRE(bytes.size() > 40);
  bytes.resize(bytes.size() - 5);  // cut into the last section
  Result<Module> r = Module::load(bytes.data(), bytes.size());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Malformed);
  CHECK(r.error().offset > 8);
  CHECK(r.error().offset <= bytes.size());
}

TEST_CASE("api: a module that decodes but fails validation is ErrorKind::Invalid", "[api][load]") {
  // One function of type () -> i32 whose body is `i64.const 0`: a type mismatch.
  const uint8_t bytes[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,  // type section: [] -> [i32]
                           0x03,   0x02, 0x01, 0x00,                          // function section: type 0
                           0x0A,   0x06, 0x01, 0x04,                          // code section, one 4-byte body
                           0x00,                                              // offset 23: no locals
                           0x42,   0x00,                                      // offset 24: i64.const 0
                           0x0B};                                             // offset 26: end
  Result<Module> r = Module::load(bytes, sizeof bytes);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Invalid);
  CHECK(std::string(r.error().message) == "type mismatch");
  CHECK(r.error().func_index == 0);
  // The error points into the function's body.
  CHECK(r.error().offset >= 23);
  CHECK(r.error().offset <= 26);
}

TEST_CASE("api: format_error names the kind, message and offset", "[api][load]") {
  const uint8_t bad_section[] = {HEADER, 0x0E, 0x01, 0x00};
  Result<Module> r = Module::load(bad_section, sizeof bad_section);
  REQUIRE_FALSE(r.ok());
  std::string text = describe(r.error());
  CHECK(text.find("malformed") != std::string::npos);
  CHECK(text.find("malformed section id") != std::string::npos);
  CHECK(text.find("0x8") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Config limits

TEST_CASE("api: max_memory_pages caps memory.grow", "[api][config]") {
  Config config;
  config.max_memory_pages = 3;
  Module m = load_fixture("api_grow", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "grow", {Value::i32(2)}, 1)[0].as_i32() == 1);   // 1 -> 3 pages
  CHECK(call_ok(store, inst, "grow", {Value::i32(1)}, 1)[0].as_i32() == -1);  // 4 > cap
  CHECK(call_ok(store, inst, "size", {}, 1)[0].as_i32() == 3);
  // The cap also holds for the host's Memory::grow.
  CHECK(inst->memory("memory")->grow(1) == -1);
  CHECK(inst->memory("memory")->grow(0) == 3);
}

TEST_CASE("api: without a cap the same module grows past that size", "[api][config]") {
  // Control for the test above: the failure there comes from the cap, not from the module.
  Module m = load_fixture("api_grow");
  Store store;
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "grow", {Value::i32(3)}, 1)[0].as_i32() == 1);
  CHECK(call_ok(store, inst, "size", {}, 1)[0].as_i32() == 4);
}

TEST_CASE("api: a memory minimum above max_memory_pages fails instantiation with Limit", "[api][config]") {
  Config config;
  config.max_memory_pages = 2;
  Module m = load_fixture("api_big_memory", config);
  Store store(config);
  Result<Instance*> r = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Limit);

  // Exactly at the cap is fine.
  Config at_cap;
  at_cap.max_memory_pages = 3;
  Store store2(at_cap);
  Result<Instance*> ok = store2.instantiate(m, nullptr, 0);
  INFO(describe(ok.error()));
  CHECK(ok.ok());
}

TEST_CASE("api: lazy_compile runs the same code with the same results", "[api][config]") {
  Config lazy;
  lazy.lazy_compile = true;
  Module m = load_fixture("api_arith", lazy);
  Store store(lazy);
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "fib", {Value::i32(20)}, 1)[0].as_i64() == 6765);
  // $square is only reachable through a wasm call.
  CHECK(call_ok(store, inst, "sum_of_squares", {Value::i32(3), Value::i32(4)}, 1)[0].as_i32() == 25);
  auto r = call_ok(store, inst, "swap", {Value::i32(1), Value::i64(2)}, 2);
  CHECK(r[0].as_i64() == 2);
  CHECK(r[1].as_i32() == 1);
  // Second calls reuse what the first compiled.
  CHECK(call_ok(store, inst, "fib", {Value::i32(10)}, 1)[0].as_i64() == 55);
}

TEST_CASE("api: a lazily compiled module serves a second instance in another store", "[api][config]") {
  Config lazy;
  lazy.lazy_compile = true;
  Module m = load_fixture("api_arith", lazy);
  Store s1(lazy), s2(lazy);
  Instance* a = instantiate(s1, m);
  CHECK(call_ok(s1, a, "sum_of_squares", {Value::i32(1), Value::i32(2)}, 1)[0].as_i32() == 5);
  Instance* b = instantiate(s2, m);
  CHECK(call_ok(s2, b, "sum_of_squares", {Value::i32(2), Value::i32(3)}, 1)[0].as_i32() == 13);
}

// ---------------------------------------------------------------------------------------------
// Fuel. The same Config goes to Module::load (which emits the metering code) and to the Store
// (which holds the fuel counter).

TEST_CASE("api: fuel stops an infinite loop with OutOfFuel", "[api][fuel]") {
  Config config;
  config.fuel = 10000;
  Module m = load_fixture("api_fuel", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "spin", {}, 0);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::OutOfFuel);
  CHECK(std::string(e.message) == "out of fuel");
  CHECK(store.fuel() == 0);
}

TEST_CASE("api: the store is usable after running out of fuel once refuelled", "[api][fuel]") {
  Config config;
  config.fuel = 1000;
  Module m = load_fixture("api_fuel", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  REQUIRE(call_error(store, inst, "spin", {}, 0).trap == TrapKind::OutOfFuel);
  store.set_fuel(1000);
  CHECK(store.fuel() == 1000);
  CHECK(call_ok(store, inst, "sum_to", {Value::i32(10)}, 1)[0].as_i32() == 55);
  // The loop consumed some fuel, but not all of it.
  CHECK(store.fuel() < 1000);
  CHECK(store.fuel() > 0);
}

TEST_CASE("api: fuel also bounds a finite loop that needs more than is left", "[api][fuel]") {
  Config config;
  config.fuel = 1000000;
  Module m = load_fixture("api_fuel", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  REQUIRE(call_ok(store, inst, "sum_to", {Value::i32(100)}, 1)[0].as_i32() == 5050);
  store.set_fuel(5);  // fewer than the 101 loop iterations below
  CHECK(call_error(store, inst, "sum_to", {Value::i32(100)}, 1).trap == TrapKind::OutOfFuel);
}

TEST_CASE("api: a fuel-metered module runs unmetered in a store without fuel", "[api][fuel]") {
  // Config::fuel == 0 means unlimited, so a store created without fuel must run any module, even
  // one loaded with metering enabled.
  Config metered;
  metered.fuel = 1000;
  Module m = load_fixture("api_fuel", metered);
  Store store;  // fuel 0: unlimited
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "sum_to", {Value::i32(10)}, 1);
  INFO(describe(e));
  CHECK(e.ok());
}

TEST_CASE("api: a fuel-limited store refuses a module loaded without metering", "[api][fuel]") {
  // Metering code is emitted at load time. A store that must bound every call cannot run a module
  // loaded without it, so instantiation says so instead of running it unbounded.
  Module m = load_fixture("api_fuel");
  Config limited;
  limited.fuel = 5;
  Store store(limited);
  auto inst = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(inst.ok());
  CHECK(inst.error().kind == ErrorKind::BadArgument);
  CHECK(std::string(inst.error().message).find("fuel") != std::string::npos);
}
