// Lifetimes: instances keep their module alive, so a Module may be destroyed before the Store
// that instantiated it, including after a failed instantiation whose functions were already
// stored in an imported table. Run under AddressSanitizer these catch any use of freed module
// data (with lazy compilation the first call of a function reads the module's bytes).
#include <cstdlib>
#include <optional>

#include "api_test_util.h"

using namespace ember;

namespace {

Config lazy_config() {
  Config c;
  c.lazy_compile = true;
  return c;
}

// Calls every export of life_calls and checks the results.
void check_life_calls(Store& store, const Instance* inst) {
  CHECK(call_ok(store, inst, "sum_of_squares", {Value::i32(3), Value::i32(4)}, 1)[0].as_i32() == 25);
  CHECK(call_ok(store, inst, "fib", {Value::i32(15)}, 1)[0].as_i32() == 610);
  CHECK(call_ok(store, inst, "byte_at", {Value::i32(16)}, 1)[0].as_i32() == 'e');
  CHECK(call_ok(store, inst, "bump", {}, 1)[0].as_i32() == 1);
  CHECK(call_ok(store, inst, "call_if", {Value::i32(5)}, 1)[0].as_i32() == 25);
}

// Instantiates life_table_owner, whose table the life_partial_* / life_start_trap modules import.
Instance* make_table_owner(Store& store, const Module& owner) { return instantiate(store, owner); }

// Instantiates `module` (which imports owner.tab) and expects the failure `trap`.
void expect_failed_instantiate(Store& store, const Module& module, Instance* owner, TrapKind trap) {
  Extern tab = owner->find_export("tab");
  REQUIRE(tab.kind == ExternKind::Table);
  Result<Instance*> r = store.instantiate(module, &tab, 1);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::Trap);
  CHECK(r.error().trap == trap);
}

}  // namespace

TEST_CASE("lifetime: a module destroyed before its store leaves its instance callable", "[lifetime]") {
  for (bool lazy : {false, true}) {
    INFO("lazy_compile " << lazy);
    Config config = lazy ? lazy_config() : Config{};
    Store store(config);
    std::optional<Module> m;
    m.emplace(load_fixture("life_calls", config));
    Instance* inst = instantiate(store, *m);
    m.reset();
    check_life_calls(store, inst);
    // Exports are still found by name (the names live in the module's bytes).
    CHECK(inst->memory("mem") != nullptr);
    CHECK(inst->function("missing") == nullptr);
  }
}

TEST_CASE("lifetime: instances in two stores outlive their module and each other", "[lifetime]") {
  Config config = lazy_config();
  std::optional<Module> m;
  m.emplace(load_fixture("life_calls", config));
  std::optional<Store> s1;
  s1.emplace(config);
  Store s2(config);
  Instance* a = instantiate(*s1, *m);
  Instance* b = instantiate(s2, *m);
  m.reset();
  check_life_calls(*s1, a);
  s1.reset();
  check_life_calls(s2, b);
}

TEST_CASE("lifetime: the store may also be destroyed before the module", "[lifetime]") {
  Config config = lazy_config();
  Module m = load_fixture("life_calls", config);
  {
    Store store(config);
    check_life_calls(store, instantiate(store, m));
  }
  Store again(config);
  check_life_calls(again, instantiate(again, m));
}

// Modules whose instantiation fails after an element segment stored $answer (returns 42) in
// `slot` of the imported table.
struct FailedInstantiation {
  const char* fixture;
  TrapKind trap;
  uint32_t slot;
};
const FailedInstantiation kFailures[] = {
    {"life_partial_elem", TrapKind::OutOfBoundsTableAccess, 0},   // second element segment
    {"life_partial_data", TrapKind::OutOfBoundsMemoryAccess, 1},  // data segment
    {"life_start_trap", TrapKind::Unreachable, 2},                // start function
};

TEST_CASE("lifetime: a failed instantiation's functions left in a table outlive their module", "[lifetime]") {
  for (const FailedInstantiation& c : kFailures) {
    for (bool lazy : {false, true}) {
      INFO(c.fixture << " lazy_compile " << lazy);
      Config config = lazy ? lazy_config() : Config{};
      Store store(config);
      Module owner = load_fixture("life_table_owner", config);
      Instance* table_owner = make_table_owner(store, owner);
      std::optional<Module> m;
      m.emplace(load_fixture(c.fixture, config));
      expect_failed_instantiate(store, *m, table_owner, c.trap);
      m.reset();
      // The segment written before the failure stays (spec), and its function still runs.
      CHECK(call_ok(store, table_owner, "call_slot", {Value::i32(int32_t(c.slot))}, 1)[0].as_i32() == 42);
      Value v;
      REQUIRE(table_owner->table("tab")->get(c.slot, &v));
      Value result;
      REQUIRE(store.call(static_cast<Function*>(v.ref), nullptr, 0, &result, 1).ok());
      CHECK(result.as_i32() == 42);
    }
  }
}

TEST_CASE("lifetime: after a failed instantiation the module and store die in either order", "[lifetime]") {
  for (bool module_first : {false, true}) {
    for (const FailedInstantiation& c : kFailures) {
      INFO(c.fixture << (module_first ? " module first" : " store first"));
      Config config = lazy_config();
      std::optional<Store> store;
      store.emplace(config);
      std::optional<Module> owner, m;
      owner.emplace(load_fixture("life_table_owner", config));
      m.emplace(load_fixture(c.fixture, config));
      expect_failed_instantiate(*store, *m, make_table_owner(*store, *owner), c.trap);
      if (module_first) {
        m.reset();
        owner.reset();
        store.reset();
      } else {
        store.reset();
        m.reset();
        owner.reset();
      }
    }
  }
}

TEST_CASE("lifetime: an instantiation refused before any object was made holds no reference", "[lifetime]") {
  Config config = lazy_config();
  Store store(config);
  std::optional<Module> m;
  m.emplace(load_fixture("life_partial_elem", config));
  // Wrong number of imports: refused before an instance exists.
  Result<Instance*> r = store.instantiate(*m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::BadArgument);
  m.reset();
}

TEST_CASE("lifetime: a moved-from module is empty, destructible, assignable and refused by instantiate",
          "[lifetime]") {
  Config config = lazy_config();
  Module a = load_fixture("life_calls", config);
  Module b = std::move(a);
  CHECK(a.empty());
  CHECK_FALSE(b.empty());
  Store store(config);
  Result<Instance*> r = store.instantiate(a, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::BadArgument);
  Linker linker;
  Result<Instance*> lr = linker.instantiate(store, a);
  REQUIRE_FALSE(lr.ok());
  CHECK(lr.error().kind == ErrorKind::BadArgument);
  // Move-assigning into a live handle drops its old module (it is still referenced by `inst`).
  Instance* inst = instantiate(store, b);
  Module c = load_fixture("life_table_owner", config);
  b = std::move(c);
  CHECK(c.empty());
  check_life_calls(store, inst);
  a = std::move(b);  // into an empty handle
  CHECK(b.empty());
  CHECK(a.export_count() == 2);
}

TEST_CASE("lifetime: copies of a module share one loaded module", "[lifetime]") {
  Config config = lazy_config();
  std::optional<Module> original;
  original.emplace(load_fixture("life_calls", config));
  Module copy = *original;
  CHECK(ember::detail::module_data(copy) == ember::detail::module_data(*original));
  Module assigned = load_fixture("life_table_owner", config);
  assigned = copy;
  CHECK(ember::detail::module_data(assigned) == ember::detail::module_data(copy));
  assigned = assigned;  // self-assignment keeps the reference
  original.reset();
  Store store(config);
  Instance* inst = instantiate(store, assigned);
  copy = Module(std::move(assigned));
  check_life_calls(store, inst);
  CHECK(copy.function_count() == 6);
}

// ---------------------------------------------------------------------------------------------
// A lazy compile that fails at call time (allocation failure) is an OutOfMemory error of the
// call, naming the function, and the store stays usable.

namespace {

// Fails every allocation while `failing` is set; otherwise malloc / free, so blocks allocated
// before it was installed may be freed through it.
struct FailingAllocator {
  static inline bool failing = false;
  static void* alloc(void*, std::size_t size) { return failing ? nullptr : std::malloc(size); }
  static void free(void*, void* p, std::size_t) { std::free(p); }
};

// Installs FailingAllocator for one test case and restores the default allocator after it.
struct FailingAllocatorScope {
  FailingAllocatorScope() {
    Allocator a;
    a.alloc = &FailingAllocator::alloc;
    a.free = &FailingAllocator::free;
    set_allocator(a);
  }
  ~FailingAllocatorScope() {
    FailingAllocator::failing = false;
    set_allocator(Allocator{});
  }
};

// (module
//   (func (export "tail") (param i32) (result i32)
//     local.get 0  i32.eqz  if  i32.const 7  return  end
//     local.get 0  return_call 1)
//   (func (param i32) (result i32) local.get 0 i32.const 1 i32.add))
// Hand-assembled: the wat2wasm the tests use does not enable tail calls.
const uint8_t kTailCallModule[] = {
    0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,                    // header
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,                    // type: (i32) -> i32
    0x03, 0x03, 0x02, 0x00, 0x00,                                      // func: two of type 0
    0x07, 0x08, 0x01, 0x04, 't',  'a',  'i',  'l',  0x00, 0x00,        // export "tail" = func 0
    0x0A, 0x19, 0x02,                                                  // code: two bodies
    0x0F, 0x00, 0x20, 0x00, 0x45, 0x04, 0x40, 0x41, 0x07, 0x0F, 0x0B,  //   body 0
    0x20, 0x00, 0x12, 0x01, 0x0B,                                      //
    0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6A, 0x0B,                    //   body 1
};

uint32_t backtrace_size(const Store& store) {
  BacktraceFrame frames[8];
  return store.backtrace(frames, 8);
}

void check_compile_oom(const Error& e, uint32_t func_index) {
  INFO(describe(e));
  CHECK(e.kind == ErrorKind::OutOfMemory);
  CHECK(e.trap == TrapKind::None);
  CHECK(std::string(e.message) == "out of memory");
  CHECK(e.func_index == func_index);
  CHECK(std::string(e.detail).find("compiling on first call") != std::string::npos);
  CHECK(std::string(e.detail).find("allocating") == 0);
}

}  // namespace

TEST_CASE("lifetime: a lazy compile failing at the entry of a call is OutOfMemory", "[lifetime][oom]") {
  FailingAllocatorScope scope;
  Config config = lazy_config();
  Module m = load_fixture("life_calls", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  FailingAllocator::failing = true;
  check_compile_oom(call_error(store, inst, "fib", {Value::i32(5)}, 1), 2);
  CHECK(backtrace_size(store) == 0);
  FailingAllocator::failing = false;
  CHECK(call_ok(store, inst, "fib", {Value::i32(10)}, 1)[0].as_i32() == 55);
}

TEST_CASE("lifetime: a lazy compile failing at a wasm call inside a call is OutOfMemory", "[lifetime][oom]") {
  FailingAllocatorScope scope;
  Config config = lazy_config();
  Module m = load_fixture("life_calls", config);
  Store store(config);
  Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "call_if", {Value::i32(0)}, 1)[0].as_i32() == -1);  // not $square yet
  FailingAllocator::failing = true;
  check_compile_oom(call_error(store, inst, "call_if", {Value::i32(3)}, 1), 0);
  CHECK(backtrace_size(store) == 0);
  FailingAllocator::failing = false;
  CHECK(call_ok(store, inst, "call_if", {Value::i32(3)}, 1)[0].as_i32() == 9);
}

TEST_CASE("lifetime: a lazy compile failing at a tail call is OutOfMemory", "[lifetime][oom]") {
  FailingAllocatorScope scope;
  Config config = lazy_config();
  Result<Module> m = Module::load(kTailCallModule, sizeof kTailCallModule, config);
  INFO(describe(m.error()));
  REQUIRE(m.ok());
  Store store(config);
  Instance* inst = instantiate(store, *m);
  CHECK(call_ok(store, inst, "tail", {Value::i32(0)}, 1)[0].as_i32() == 7);  // compiles func 0 only
  FailingAllocator::failing = true;
  check_compile_oom(call_error(store, inst, "tail", {Value::i32(4)}, 1), 1);
  CHECK(backtrace_size(store) == 0);
  FailingAllocator::failing = false;
  CHECK(call_ok(store, inst, "tail", {Value::i32(4)}, 1)[0].as_i32() == 5);
}
