// Helpers shared by the API, host-function and trap tests: load a WAT fixture, instantiate it, and
// call exports that must succeed (call_ok) or fail (call_error), with the engine's error text in
// Catch2's failure output.
#pragma once

#include <catch2/catch.hpp>

#include <ember/ember.h>

#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

inline std::string describe(const ember::Error& e) {
  char buf[256];
  return ember::format_error(e, buf, sizeof buf);
}

inline ember::Module load_fixture(const char* name, const ember::Config& config = ember::Config{}) {
  std::vector<uint8_t> bytes = load_test_wasm(name);
  INFO("fixture " << name);
  REQUIRE(!bytes.empty());
  ember::Result<ember::Module> m = ember::Module::load(bytes.data(), bytes.size(), config);
  INFO(describe(m.error()));
  REQUIRE(m.ok());
  return std::move(m.value());
}

inline ember::Instance* instantiate(ember::Store& store, const ember::Module& module,
                                    std::vector<ember::Extern> imports = {}) {
  ember::Result<ember::Instance*> r = store.instantiate(module, imports.data(), imports.size());
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  REQUIRE(r.value() != nullptr);
  return r.value();
}

// Instantiates a module through a Linker; the instantiation must succeed.
inline ember::Instance* link(ember::Store& store, const ember::Linker& linker, const ember::Module& module) {
  ember::Result<ember::Instance*> r = linker.instantiate(store, module);
  INFO(describe(r.error()));
  REQUIRE(r.ok());
  return r.value();
}

// Appends v as an unsigned LEB128, for tests that write module bytes by hand.
inline void put_leb(std::vector<uint8_t>& out, uint32_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out.push_back(v ? uint8_t(b | 0x80) : b);
  } while (v);
}

// Calls an export that must succeed and returns its `result_count` results.
inline std::vector<ember::Value> call_ok(ember::Store& store, const ember::Instance* inst, const char* name,
                                         std::vector<ember::Value> args, std::size_t result_count) {
  ember::Function* f = inst->function(name);
  INFO("export " << name);
  REQUIRE(f != nullptr);
  std::vector<ember::Value> results(result_count);
  ember::Error e = store.call(f, args.data(), args.size(), results.data(), results.size());
  INFO(describe(e));
  REQUIRE(e.ok());
  return results;
}

// Calls an export and returns its error (Ok if it did not fail).
inline ember::Error call_error(ember::Store& store, const ember::Instance* inst, const char* name,
                               std::vector<ember::Value> args, std::size_t result_count) {
  ember::Function* f = inst->function(name);
  INFO("export " << name);
  REQUIRE(f != nullptr);
  std::vector<ember::Value> results(result_count);
  return store.call(f, args.data(), args.size(), results.data(), results.size());
}
