// Where memory comes from: per-Module and per-Store allocators, byte limits, memory_used(), and
// linear-memory growth through the allocator's realloc hook.
#include <cstdlib>
#include <cstring>

#include "api_test_util.h"

namespace {

struct Counts {
  long allocs = 0, reallocs = 0, frees = 0;
  std::size_t live = 0;
};

void* count_alloc(void* user, std::size_t size) {
  auto* c = static_cast<Counts*>(user);
  ++c->allocs;
  c->live += size;
  return std::malloc(size);
}
void* count_realloc(void* user, void* p, std::size_t old_size, std::size_t new_size) {
  auto* c = static_cast<Counts*>(user);
  ++c->reallocs;
  c->live = c->live - old_size + new_size;
  return std::realloc(p, new_size);
}
void count_free(void* user, void* p, std::size_t size) {
  auto* c = static_cast<Counts*>(user);
  ++c->frees;
  c->live -= size;
  std::free(p);
}

ember::Allocator counting(Counts* c, bool with_realloc = true) {
  ember::Allocator a;
  a.alloc = count_alloc;
  a.realloc = with_realloc ? count_realloc : nullptr;
  a.free = count_free;
  a.user = c;
  return a;
}

}  // namespace

TEST_CASE("a module and a store allocate only through their own allocators", "[allocator]") {
  Counts mine;
  ember::Config config;
  config.allocator = counting(&mine);
  {
    ember::Module m = load_fixture("api_grow", config);
    CHECK(mine.allocs > 0);
    CHECK(m.memory_used() == mine.live);
    ember::Store store(config);
    std::size_t after_module = mine.live;
    ember::Instance* inst = instantiate(store, m);
    CHECK(store.memory_used() == mine.live - m.memory_used());
    CHECK(mine.live > after_module);
    call_ok(store, inst, "grow", {ember::Value::i32(3)}, 1);
    CHECK(store.memory_used() >= 4 * ember::Memory::kPageSize);
  }
  CHECK(mine.live == 0);
  CHECK(mine.frees > 0);
}

// Growth by one page at a time reallocates only when the block is full, and the block at least
// doubles each time: 1 -> 2 -> 4 -> ... -> 128 pages is 7 reallocations for 64 grows, where exact
// sizing (a realloc per grow) copies O(pages^2) bytes whenever realloc moves the block.
TEST_CASE("memory.grow resizes through the realloc hook, not alloc + copy, geometrically", "[allocator]") {
  Counts c;
  ember::Config config;
  config.allocator = counting(&c);
  ember::Module m = load_fixture("api_grow", config);
  ember::Store store(config);
  ember::Instance* inst = instantiate(store, m);
  long allocs_before = c.allocs, reallocs_before = c.reallocs;
  for (int i = 0; i < 64; ++i) call_ok(store, inst, "grow", {ember::Value::i32(1)}, 1);
  CHECK(c.reallocs - reallocs_before == 7);
  CHECK(c.allocs == allocs_before);
  CHECK(call_ok(store, inst, "size", {}, 1)[0].as_i32() == 65);
}

TEST_CASE("without a realloc hook, growth still works (alloc, copy, free)", "[allocator]") {
  Counts c;
  ember::Config config;
  config.allocator = counting(&c, false);
  ember::Module m = load_fixture("api_grow", config);
  ember::Store store(config);
  ember::Instance* inst = instantiate(store, m);
  ember::Memory* mem = inst->memory("memory");
  REQUIRE(mem->write(100, "kept", 4));
  CHECK(call_ok(store, inst, "grow", {ember::Value::i32(2)}, 1)[0].as_i32() == 1);
  char buf[4];
  REQUIRE(mem->read(100, buf, 4));
  CHECK(std::memcmp(buf, "kept", 4) == 0);
  CHECK(c.reallocs == 0);
}

TEST_CASE("Config::max_heap_bytes bounds what a module may hold", "[allocator]") {
  std::vector<uint8_t> bytes = load_test_wasm("api_arith");
  ember::Config config;
  config.max_heap_bytes = 256;
  auto m = ember::Module::load(bytes.data(), bytes.size(), config);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().kind == ember::ErrorKind::OutOfMemory);
  CHECK(std::string(m.error().message) == "heap limit reached");
  CHECK(std::string(m.error().detail).find("Config::max_heap_bytes = 256") != std::string::npos);
}

TEST_CASE("Config::max_heap_bytes bounds a store: memory.grow past it returns -1", "[allocator]") {
  ember::Module m = load_fixture("api_grow");
  ember::Config config;
  config.max_heap_bytes = 4 * ember::Memory::kPageSize;  // one page plus stacks fit, four more do not
  config.stack_bytes = 16 * 1024;
  config.max_call_depth = 100;
  ember::Store store(config);
  ember::Instance* inst = instantiate(store, m);
  CHECK(call_ok(store, inst, "grow", {ember::Value::i32(4)}, 1)[0].as_i32() == -1);
  CHECK(call_ok(store, inst, "grow", {ember::Value::i32(1)}, 1)[0].as_i32() == 1);
  CHECK(store.memory_used() <= config.max_heap_bytes);
}

TEST_CASE("a store whose stacks could not be allocated reports it where it is used", "[allocator]") {
  ember::Module m = load_fixture("api_grow");
  ember::Config config;
  config.max_heap_bytes = 1024;
  config.stack_bytes = 1u << 20;
  ember::Store store(config);
  ember::Result<ember::Instance*> r = store.instantiate(m, nullptr, 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ember::ErrorKind::OutOfMemory);
  CHECK(std::string(r.error().detail).find("Config::stack_bytes") != std::string::npos);
}

TEST_CASE("lazy compilation shows in the module's memory_used", "[allocator]") {
  ember::Config config;
  config.lazy_compile = true;
  ember::Module m = load_fixture("api_arith", config);
  std::size_t before = m.memory_used();
  ember::Store store;
  ember::Instance* inst = instantiate(store, m);
  call_ok(store, inst, "add_i32", {ember::Value::i32(2), ember::Value::i32(3)}, 1);
  CHECK(m.memory_used() > before);
}
