// SectionReader: the public, bounds-checked walk over section headers that `ember inspect` uses.
// Every input ends in sections or a clean Malformed error naming the header.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "ember/ember.h"

using ember::ErrorKind;
using ember::SectionInfo;
using ember::SectionReader;

namespace {

std::vector<SectionInfo> walk(const std::vector<uint8_t>& bytes, ember::Error* error) {
  std::vector<SectionInfo> out;
  SectionReader r(bytes.data(), bytes.size());
  for (SectionInfo s; r.next(&s);) out.push_back(s);
  *error = r.error();
  return out;
}

const std::vector<uint8_t> kHeader = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

std::vector<uint8_t> module_with(std::vector<uint8_t> sections) {
  std::vector<uint8_t> b = kHeader;
  b.insert(b.end(), sections.begin(), sections.end());
  return b;
}

}  // namespace

// The 15-byte file of issue #10 that crashed `ember inspect`: a custom section of size 0 (too
// short for its name), then an unknown section whose size runs far past the end.
TEST_CASE("sections: zero-size custom section, then a huge size (inspect crash)", "[sections]") {
  ember::Error e;
  std::vector<SectionInfo> s = walk(module_with({0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}), &e);
  REQUIRE(s.size() == 1);
  CHECK(s[0].id == 0);
  CHECK(s[0].offset == 10);
  CHECK(s[0].size == 0);
  CHECK(s[0].custom_name.empty());
  CHECK(e.kind == ErrorKind::Malformed);
  CHECK(std::string(e.message) == "section size mismatch");
  CHECK(e.offset == 10);
  CHECK(std::string(e.detail).find("33554431 bytes") != std::string::npos);
}

TEST_CASE("sections: a custom name longer than its section is no name", "[sections]") {
  ember::Error e;
  // Section of 2 bytes whose name claims 5.
  std::vector<SectionInfo> s = walk(module_with({0x00, 0x02, 0x05, 'a'}), &e);
  REQUIRE(s.size() == 1);
  CHECK(s[0].custom_name.empty());
  CHECK(e.ok());
}

TEST_CASE("sections: names, ids and offsets of a real module", "[sections]") {
  std::vector<uint8_t> bytes = load_test_wasm("hostile");
  REQUIRE(!bytes.empty());
  ember::Error e;
  std::vector<SectionInfo> s = walk(bytes, &e);
  CHECK(e.ok());
  REQUIRE(s.size() >= 3);
  CHECK(s.front().id == 1);
  CHECK(std::string(ember::section_name(s.front().id)) == "type");
  CHECK(s.back().id == 0);
  CHECK(s.back().custom_name == "name");
  CHECK(s.back().offset + s.back().size == bytes.size());
  for (std::size_t i = 1; i < s.size(); ++i) CHECK(s[i].header_offset == s[i - 1].offset + s[i - 1].size);
}

TEST_CASE("sections: bad magic, bad version, truncated header", "[sections]") {
  ember::Error e;
  CHECK(walk({0x00, 0x61, 0x73}, &e).empty());
  CHECK(std::string(e.message) == "magic header not detected");
  CHECK(walk({0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00}, &e).empty());
  CHECK(std::string(e.message) == "unknown binary version");
  CHECK(walk(module_with({0x01, 0x80}), &e).empty());
  CHECK(e.kind == ErrorKind::Malformed);
  CHECK(std::string(e.message) == "unexpected end");
  CHECK(walk(kHeader, &e).empty());
  CHECK(e.ok());
  CHECK(std::string(ember::section_name(200)) == "unknown");
}

TEST_CASE("sections: every truncation of a real module ends cleanly", "[sections]") {
  std::vector<uint8_t> bytes = load_test_wasm("hostile");
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + std::ptrdiff_t(n));
    ember::Error e;
    std::vector<SectionInfo> s = walk(cut, &e);
    for (const SectionInfo& sec : s) REQUIRE(uint64_t(sec.offset) + sec.size <= n);
    if (n < bytes.size() && n >= 8 && !e.ok()) CHECK(e.kind == ErrorKind::Malformed);
  }
}
