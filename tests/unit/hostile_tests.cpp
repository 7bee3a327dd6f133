// Hostile guests: fuel for every kind of work, resumable stops, interrupts. Each case ends in a
// clean trap, error or interrupt within its limit; a call stopped and resumed any number of times
// must give what an unmetered run gives.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"

using ember::Caller;
using ember::Config;
using ember::Error;
using ember::ErrorKind;
using ember::Extern;
using ember::Function;
using ember::Instance;
using ember::Module;
using ember::Store;
using ember::TrapKind;
using ember::Value;

namespace {

// An instance of hostile.wat in `store`, its host import counting the calls it gets.
struct Hostile {
  Store& store;
  Instance* inst = nullptr;
  int ticks = 0;

  // `tick_fuel`: units each tick charges for its work (Caller::consume_fuel), on top of the call.
  Hostile(Store& s, const Module& m, uint64_t tick_fuel = 0) : store(s) {
    Function* tick = store.create_function([this, tick_fuel](Caller& caller, int32_t x) {
      ++ticks;
      if (tick_fuel) caller.consume_fuel(tick_fuel);
      return x * 3 + 1;
    });
    REQUIRE(tick != nullptr);
    inst = instantiate(store, m, {Extern(tick)});
  }
};

// Calls `name`, refilling `refill` units each time it runs out of fuel and resuming; returns its
// one i32 result and counts the stops.
int32_t call_resuming(Store& store, Instance* inst, const char* name, std::vector<Value> args,
                      uint64_t refill, int* stops) {
  Function* f = inst->function(name);
  REQUIRE(f != nullptr);
  Value result;
  Error e = store.call(f, args.data(), args.size(), &result, 1);
  while (e.kind == ErrorKind::Trap && e.trap == TrapKind::OutOfFuel) {
    REQUIRE(store.suspended());
    if (++*stops > 1000000) FAIL("no progress: still out of fuel after a million refills");
    store.set_fuel(refill);
    e = store.resume(&result, 1);
  }
  INFO(describe(e));
  REQUIRE(e.ok());
  CHECK(!store.suspended());
  return result.as_i32();
}

Config metered(uint64_t fuel) {
  Config c;
  c.fuel = fuel;
  return c;
}

}  // namespace

TEST_CASE("hostile: a call resumed after every stop gives the unmetered result", "[hostile][fuel]") {
  Module plain = load_fixture("hostile");
  Store free_store;
  Hostile free_run(free_store, plain);
  const int32_t expected = call_ok(free_store, free_run.inst, "work", {Value::i32(5)}, 1)[0].as_i32();

  // Budgets small enough to stop inside loops, calls, grows and part-way through bulk operations
  // (each at least the 256 units one page of memory.grow costs, or the grow could never start).
  for (uint64_t refill : {uint64_t(257), uint64_t(300), uint64_t(1000), uint64_t(70000)}) {
    INFO("refill " << refill);
    Module m = load_fixture("hostile", metered(refill));
    Store store(metered(refill));
    Hostile run(store, m);
    int stops = 0;
    CHECK(call_resuming(store, run.inst, "work", {Value::i32(5)}, refill, &stops) == expected);
    CHECK(stops > 0);
    CHECK(run.ticks == free_run.ticks);  // each host call ran once: resuming does not repeat it
    // The instance stays usable, with the same state an unmetered run leaves.
    store.set_fuel(1u << 30);
    CHECK(call_ok(store, run.inst, "sum", {Value::i32(4096)}, 1)[0].as_i32() ==
          call_ok(free_store, free_run.inst, "sum", {Value::i32(4096)}, 1)[0].as_i32());
  }
}

TEST_CASE("hostile: bulk memory work costs fuel by the byte and stops part-way", "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  Store store(metered(1u << 30));
  Hostile run(store, m);
  REQUIRE(call_ok(store, run.inst, "grow_all", {}, 1)[0].as_i32() == 4096);  // 256 MiB of memory
  // One call's budget, 100 units, pays for its entry and 25,344 bytes of a 256 MiB fill: the call
  // stops there.
  store.set_fuel(100);
  Error e = call_error(store, run.inst, "fill", {Value::i32(256 << 20), Value::i32(0xAB)}, 0);
  CHECK(e.trap == TrapKind::OutOfFuel);
  CHECK(store.fuel() == 0);
  REQUIRE(store.suspended());
  ember::Memory* mem = run.inst->memory("memory");
  CHECK(mem->data()[99 * 256 - 1] == 0xAB);
  CHECK(mem->data()[99 * 256] == 0);  // not reached yet
  // What it takes to finish: one unit per 256 bytes (the units the first part took included).
  store.set_fuel((256u << 20) / 256 - 99);
  CHECK(store.resume(nullptr, 0).ok());
  CHECK(store.fuel() == 0);
  CHECK(mem->data()[(256u << 20) - 1] == 0xAB);
}

TEST_CASE("hostile: out-of-bounds bulk operations trap before doing anything", "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  Store store(metered(1000));
  Hostile run(store, m);
  Error e = call_error(store, run.inst, "fill", {Value::i32(4 * 65536 + 1), Value::i32(1)}, 0);
  CHECK(e.trap == TrapKind::OutOfBoundsMemoryAccess);
  CHECK(!store.suspended());
  CHECK(run.inst->memory("memory")->data()[0] == 0);
  CHECK(store.fuel() == 1000 - 1);  // the function entry only
}

TEST_CASE("hostile: memory.grow is charged per page and stops at the store's memory cap", "[hostile][fuel]") {
  Config config = metered(1000000);
  config.max_memory_pages = 300;
  Module m = load_fixture("hostile", config);
  Store store(config);
  Hostile run(store, m);
  CHECK(call_ok(store, run.inst, "grow_all", {}, 1)[0].as_i32() == 300);
  // 296 pages grown (from 4) at 256 units each, plus one unit per loop iteration and the entry;
  // the refused grow costs nothing.
  CHECK(store.fuel() == 1000000 - 296 * 256 - 297 - 1);

  // With too little fuel the same loop stops before a grow, which a refill lets finish.
  config.fuel = 1000;
  Store small(config);
  Hostile again(small, m);
  int stops = 0;
  CHECK(call_resuming(small, again.inst, "grow_all", {}, 1000, &stops) == 300);
  CHECK(stops > 0);
}

TEST_CASE("hostile: a host call costs a unit of fuel", "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  Store store(metered(1000));
  Hostile run(store, m);
  Function* work = run.inst->function("work");
  Value r;
  Value zero = Value::i32(0);
  REQUIRE(store.call(work, &zero, 1, &r, 1).ok());  // no rounds: entry, grow, one loop head
  uint64_t base = 1000 - store.fuel();
  CHECK(base == 1 + 256 + 1);
}

TEST_CASE("hostile: a host function charges for its work; an emptied budget stops at the next check",
          "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  const uint64_t budget = uint64_t(1) << 30;
  Store plain_store(metered(budget));
  Hostile plain(plain_store, m);
  const int32_t expected = call_ok(plain_store, plain.inst, "work", {Value::i32(5)}, 1)[0].as_i32();
  const uint64_t plain_cost = budget - plain_store.fuel();

  // Each tick charges 5,000 units more: the run costs exactly that much more per tick.
  Store store(metered(budget));
  Hostile charged(store, m, 5000);
  CHECK(call_ok(store, charged.inst, "work", {Value::i32(5)}, 1)[0].as_i32() == expected);
  REQUIRE(charged.ticks == plain.ticks);
  CHECK(budget - store.fuel() == plain_cost + 5000 * uint64_t(charged.ticks));

  // Refills smaller than one tick's charge: every tick empties the budget, the call stops at its
  // next check and resumes there; no tick runs twice and the result is the unmetered one.
  Store small(metered(300));
  Hostile stopped(small, m, 5000);
  int stops = 0;
  CHECK(call_resuming(small, stopped.inst, "work", {Value::i32(5)}, 300, &stops) == expected);
  CHECK(stopped.ticks == plain.ticks);
  CHECK(stops > 5000 * plain.ticks / 300);

  // Without a budget, charging is a no-op that reports success.
  Store unmetered;
  Module free_module = load_fixture("hostile");
  Hostile free_run(unmetered, free_module, 5000);
  CHECK(call_ok(unmetered, free_run.inst, "work", {Value::i32(5)}, 1)[0].as_i32() == expected);
}

TEST_CASE("hostile: a new call abandons a suspended one; resume without one is refused", "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  Store store(metered(50));
  Hostile run(store, m);
  CHECK(call_error(store, run.inst, "spin", {}, 0).trap == TrapKind::OutOfFuel);
  REQUIRE(store.suspended());
  store.set_fuel(1000);
  CHECK(call_ok(store, run.inst, "sum", {Value::i32(16)}, 1)[0].as_i32() == 0);
  CHECK(!store.suspended());
  Error e = store.resume(nullptr, 0);
  CHECK(e.kind == ErrorKind::BadArgument);

  store.set_fuel(10);
  CHECK(call_error(store, run.inst, "spin", {}, 0).trap == TrapKind::OutOfFuel);
  store.abandon();
  CHECK(!store.suspended());
  CHECK(store.resume(nullptr, 0).kind == ErrorKind::BadArgument);
}

TEST_CASE("hostile: an interrupt stops metered code without a fuel budget, and resumes",
          "[hostile][interrupt]") {
  Config config;
  config.metered = true;
  Module m = load_fixture("hostile", config);
  Store store;
  Hostile run(store, m);
  ember::InterruptHandle* handle = store.interrupt_handle();
  REQUIRE(handle != nullptr);
  handle->interrupt();  // before the call: seen at its first check
  CHECK(handle->pending());
  Error e = call_error(store, run.inst, "spin", {}, 0);
  CHECK(e.kind == ErrorKind::Trap);
  CHECK(e.trap == TrapKind::Interrupted);
  CHECK(std::string(e.message) == "interrupted");
  CHECK(!handle->pending());  // one request stops one call
  CHECK(store.suspended());
  store.abandon();
  CHECK(call_ok(store, run.inst, "sum", {Value::i32(16)}, 1)[0].as_i32() == 0);
}

TEST_CASE("hostile: an interrupt stops a long fill in unmetered code part-way", "[hostile][interrupt]") {
  Module m = load_fixture("hostile");
  Store store;
  Hostile run(store, m);
  REQUIRE(call_ok(store, run.inst, "grow_all", {}, 1)[0].as_i32() == 4096);
  store.interrupt_handle()->interrupt();
  Error e = call_error(store, run.inst, "fill", {Value::i32(256 << 20), Value::i32(7)}, 0);
  CHECK(e.trap == TrapKind::Interrupted);
  ember::Memory* mem = run.inst->memory("memory");
  CHECK(mem->data()[(256u << 20) - 1] == 0);
  REQUIRE(store.suspended());
  CHECK(store.resume(nullptr, 0).ok());
  CHECK(mem->data()[(256u << 20) - 1] == 7);
}

TEST_CASE("hostile: out of fuel inside a host function's call back into wasm is an ordinary trap",
          "[hostile][fuel]") {
  Module m = load_fixture("hostile", metered(1));
  Store store(metered(100));
  Function* inner_spin = nullptr;
  Function* tick = store.create_function([&](ember::Caller& caller, int32_t) -> int32_t {
    Error e = caller.store().call(inner_spin, nullptr, 0, nullptr, 0);
    CHECK(e.trap == TrapKind::OutOfFuel);
    CHECK(!caller.store().suspended());
    return 0;
  });
  REQUIRE(tick != nullptr);
  Instance* inst = instantiate(store, m, {Extern(tick)});
  inner_spin = inst->function("spin");
  Value r;
  Value one = Value::i32(1);
  store.set_fuel(1000000);
  Error e = store.call(inst->function("work"), &one, 1, &r, 1);
  // The inner call took all the fuel; the outer one then runs out at its next check.
  CHECK(e.trap == TrapKind::OutOfFuel);
  CHECK(store.suspended());
}

TEST_CASE("hostile: host -> wasm -> host re-entry that grows memory in between", "[hostile]") {
  // The host import grows the caller's memory from 5 to 4096 pages (moving its base) by calling
  // back into wasm; the outer call then reads memory through the new base. Run twice, with the
  // grow on the first host call or not at all; the sums of the bytes the rounds wrote agree.
  Module m = load_fixture("hostile");
  int32_t results[2];
  for (int grow = 0; grow < 2; ++grow) {
    Store store;
    Function* grow_all = nullptr;
    bool grown = false;
    Function* tick = store.create_function([&](ember::Caller& caller, int32_t x) -> int32_t {
      if (grow && !grown) {
        grown = true;
        Value pages;
        Error e = caller.store().call(grow_all, nullptr, 0, &pages, 1);
        CHECK(e.ok());
        CHECK(pages.as_i32() == 4096);
      }
      return x * 3 + 1;
    });
    REQUIRE(tick != nullptr);
    Instance* inst = instantiate(store, m, {Extern(tick)});
    grow_all = inst->function("grow_all");
    int32_t r = call_ok(store, inst, "work", {Value::i32(3)}, 1)[0].as_i32();
    // work returns its checksum plus memory.size: take the size out.
    results[grow] = r - int32_t(inst->memory("memory")->pages());
    CHECK(inst->memory("memory")->pages() == (grow ? 4096u : 5u));
  }
  CHECK(results[0] == results[1]);
}

TEST_CASE("hostile: deep recursion ends in call stack exhausted, and the store runs again", "[hostile]") {
  Module m = load_fixture("hostile_recursion");
  Config config;
  config.max_call_depth = 100000;
  Store store(config);
  Instance* inst = instantiate(store, m);
  Error e = call_error(store, inst, "down", {Value::i32(1000000)}, 1);
  CHECK(e.trap == TrapKind::CallStackExhausted);
  CHECK(std::string(e.detail).find("Config::") == 0);
  CHECK(call_ok(store, inst, "down", {Value::i32(100)}, 1)[0].as_i32() == 100);
}
