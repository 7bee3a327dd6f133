// Unit tests of the SIMD boundary: until SIMD is implemented, a module that uses the v128 type
// anywhere, or any 0xFD-prefixed instruction, is refused at load with ErrorKind::Unsupported,
// "SIMD is not supported by this build" and the byte offset of what uses it; never loaded and run
// with 8-byte slots standing in for 16-byte values. One test per place a value type is read.
// Fixtures: tests/wat/v128_*.wat; the rest are bytes with their WAT beside them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"

using ember::ErrorKind;

namespace {

constexpr const char* kSimdMessage = "SIMD is not supported by this build";
constexpr uint8_t kV128 = 0x7B;
constexpr uint8_t kSimdPrefix = 0xFD;

enum SectionId : uint8_t { kType = 1, kImport = 2, kGlobal = 6, kCode = 10 };

// The id of the section holding byte `offset` of a well-formed module, or -1.
int section_of(const std::vector<uint8_t>& bytes, uint32_t offset) {
  std::size_t pos = 8;
  while (pos < bytes.size()) {
    uint8_t id = bytes[pos++];
    uint32_t size = 0;
    for (unsigned shift = 0; pos < bytes.size(); shift += 7) {
      uint8_t b = bytes[pos++];
      size |= uint32_t(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
    }
    if (offset >= pos && offset < pos + size) return id;
    pos += size;
  }
  return -1;
}

// Loads `bytes`, which must be refused as unsupported; returns the offset the error names, after
// checking that the byte there is `what` (v128 or the SIMD prefix) inside section `section`.
uint32_t require_unsupported(const std::vector<uint8_t>& bytes, uint8_t what, int section) {
  REQUIRE(!bytes.empty());
  ember::Result<ember::Module> m = ember::Module::load(bytes.data(), bytes.size());
  REQUIRE(!m.ok());
  const ember::Error& e = m.error();
  INFO(describe(e));
  REQUIRE(e.kind == ErrorKind::Unsupported);
  CHECK(std::string(e.message) == kSimdMessage);
  REQUIRE(e.offset < bytes.size());
  CHECK(bytes[e.offset] == what);
  CHECK(section_of(bytes, e.offset) == section);
  return e.offset;
}

uint32_t require_unsupported_fixture(const char* name, uint8_t what, int section) {
  INFO("fixture " << name);
  return require_unsupported(load_test_wasm(name), what, section);
}

}  // namespace

// The byte arrays are laid out one section (or entry) per line.
// clang-format off

TEST_CASE("v128: a function parameter is unsupported", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_param");
  uint32_t at = require_unsupported(bytes, kV128, kType);
  // (func (param v128) (result i32)): 0x60, one parameter, v128.
  CHECK(bytes[at - 2] == 0x60);
  CHECK(bytes[at - 1] == 0x01);
}

TEST_CASE("v128: a function result is unsupported", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_result");
  uint32_t at = require_unsupported(bytes, kV128, kType);
  // (func (result v128)): 0x60, no parameters, one result, v128.
  CHECK(bytes[at - 3] == 0x60);
  CHECK(bytes[at - 2] == 0x00);
  CHECK(bytes[at - 1] == 0x01);
}

TEST_CASE("v128: a global's type is unsupported, before its initializer is read", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_global");
  uint32_t at = require_unsupported(bytes, kV128, kGlobal);
  CHECK(bytes[at + 1] == 0x00);         // immutable
  CHECK(bytes[at + 2] == kSimdPrefix);  // v128.const: not reached
}

TEST_CASE("v128: an imported global is unsupported, at load rather than at link", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_import");
  uint32_t at = require_unsupported(bytes, kV128, kImport);
  CHECK(bytes[at - 1] == 0x03);  // import kind: global
}

TEST_CASE("v128: a local is unsupported", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_local");
  uint32_t at = require_unsupported(bytes, kV128, kCode);
  // One run of locals: count 1, then the type.
  CHECK(bytes[at - 2] == 0x01);
  CHECK(bytes[at - 1] == 0x01);
}

TEST_CASE("v128: a typed select is unsupported", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_select");
  uint32_t at = require_unsupported(bytes, kV128, kCode);
  CHECK(bytes[at - 2] == 0x1C);  // select t*
  CHECK(bytes[at - 1] == 0x01);  // one type
}

TEST_CASE("v128: a block type is unsupported", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_block");
  uint32_t at = require_unsupported(bytes, kV128, kCode);
  CHECK(bytes[at - 1] == 0x02);  // block
}

TEST_CASE("v128: block types of loop and if are unsupported", "[simd]") {
  for (uint8_t op : {uint8_t(0x03), uint8_t(0x04)}) {
    INFO("opcode " << int(op));
    // (type (func (param i32))) (func (type 0) local.get 0 loop/if (result v128) unreachable end drop)
    std::vector<uint8_t> bytes = {
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x0A, 0x0B, 0x01, 0x09, 0x00, 0x20, 0x00, op, 0x7B, 0x00, 0x0B, 0x1A, 0x0B,
    };
    CHECK(require_unsupported(bytes, kV128, kCode) == 27);
  }
}

TEST_CASE("v128: a SIMD instruction on i32 values is unsupported, not malformed", "[simd]") {
  // i32x4.splat, i32x4.extract_lane: no v128 in any type, but the instructions are SIMD.
  std::vector<uint8_t> bytes = load_test_wasm("v128_simd_op");
  uint32_t at = require_unsupported(bytes, kSimdPrefix, kCode);
  CHECK(bytes[at + 1] == 0x11);  // i32x4.splat, the first of the two
}

TEST_CASE("v128: a SIMD instruction in a constant expression is unsupported", "[simd]") {
  // (global i32 (i32x4.extract_lane 0 (i32x4.splat (i32.const 0)))): not constant either, but
  // the decoder meets the SIMD prefix first.
  std::vector<uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
      0x06, 0x0B, 0x01, 0x7F, 0x00, 0x41, 0x00, 0xFD, 0x11, 0xFD, 0x1B, 0x00, 0x0B,
  };
  CHECK(require_unsupported(bytes, kSimdPrefix, kGlobal) == 15);
}

TEST_CASE("v128: an unknown SIMD opcode is unsupported too", "[simd]") {
  // (func) whose body is 0xFD with sub-opcode 0x3FFF (not a SIMD instruction) and no immediates.
  std::vector<uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
      0x03, 0x02, 0x01, 0x00,
      0x0A, 0x07, 0x01, 0x05, 0x00, 0xFD, 0xFF, 0x7F, 0x0B,
  };
  CHECK(require_unsupported(bytes, kSimdPrefix, kCode) == 23);
}

TEST_CASE("v128: SIMD in a later function wins over a validation error in an earlier one", "[simd]") {
  // Function 0: i32.add on an empty stack (invalid). Function 1: (drop (i32x4.splat (i32.const 0))).
  // Like the reference, the whole module is decoded before a validation error is reported, so the
  // module is refused for its SIMD.
  std::vector<uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
      0x03, 0x03, 0x02, 0x00, 0x00,
      0x0A, 0x0D, 0x02,
      0x03, 0x00, 0x6A, 0x0B,
      0x07, 0x00, 0x41, 0x00, 0xFD, 0x11, 0x1A, 0x0B,
  };
  CHECK(require_unsupported(bytes, kSimdPrefix, kCode) == 30);
}

TEST_CASE("v128: a SIMD instruction after an invalid one in the same body is unsupported", "[simd]") {
  // (func i32.add i32x4.splat): the validator meets the invalid i32.add first, then the whole
  // module is decoded again for malformed (or unsupported) code, which wins.
  std::vector<uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
      0x03, 0x02, 0x01, 0x00,
      0x0A, 0x07, 0x01, 0x05, 0x00, 0x6A, 0xFD, 0x11, 0x0B,
  };
  CHECK(require_unsupported(bytes, kSimdPrefix, kCode) == 24);
}

TEST_CASE("v128: a table of v128 stays a malformed reference type", "[simd]") {
  // v128 is no reference type, with or without SIMD: (table 0 v128) is malformed.
  std::vector<uint8_t> bytes = {
      0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
      0x04, 0x04, 0x01, 0x7B, 0x00, 0x00,
  };
  ember::Result<ember::Module> m = ember::Module::load(bytes.data(), bytes.size());
  REQUIRE(!m.ok());
  CHECK(m.error().kind == ErrorKind::Malformed);
  CHECK(std::string(m.error().message) == "malformed reference type");
  CHECK(m.error().offset == 11);
}

// clang-format on

TEST_CASE("v128: the unsupported error formats with its kind and offset", "[simd]") {
  std::vector<uint8_t> bytes = load_test_wasm("v128_param");
  ember::Result<ember::Module> m = ember::Module::load(bytes.data(), bytes.size());
  REQUIRE(!m.ok());
  CHECK(std::string(ember::error_kind_name(m.error().kind)) == "unsupported");
  char expected[96];
  std::snprintf(expected, sizeof expected, "unsupported: %s at byte offset 0x%x", kSimdMessage,
                m.error().offset);
  CHECK(describe(m.error()) == expected);
}
