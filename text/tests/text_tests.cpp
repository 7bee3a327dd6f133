// Unit tests of ember_text: literals, tokens, module encoding and error positions. The spec suite
// (ctest spec-wast/*) and the round trip through wasm2wat (ctest text/roundtrip) cover the rest.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "ember/ember.h"
#include "ember/text.h"
#include "ember/text_lexer.h"

using ember::text::LiteralStatus;

namespace {

uint64_t f32_bits(const char* text) {
  uint64_t bits = 0;
  REQUIRE(ember::text::parse_float_literal(text, false, &bits) == LiteralStatus::Ok);
  return bits;
}

uint64_t f64_bits(const char* text) {
  uint64_t bits = 0;
  REQUIRE(ember::text::parse_float_literal(text, true, &bits) == LiteralStatus::Ok);
  return bits;
}

std::vector<uint8_t> wasm(const std::string& text) {
  auto r = ember::text::wat_to_wasm(text.data(), text.size());
  if (!r.ok()) {
    char buf[256];
    FAIL(ember::text::format_error(r.error(), buf, sizeof buf));
  }
  return r.value();
}

// The error text ("message detail") of text that must not parse.
std::string error_of(const std::string& text) {
  auto r = ember::text::wat_to_wasm(text.data(), text.size());
  REQUIRE_FALSE(r.ok());
  char buf[256];
  return ember::text::error_text(r.error(), buf, sizeof buf);
}

// Bytes after the 8-byte header.
std::vector<uint8_t> sections(const std::vector<uint8_t>& binary) {
  REQUIRE(binary.size() >= 8);
  return std::vector<uint8_t>(binary.begin() + 8, binary.end());
}

}  // namespace

TEST_CASE("integer literals: ranges, signs, hex and underscores") {
  uint64_t v = 0;
  CHECK(ember::text::parse_int_literal("4294967295", 32, &v) == LiteralStatus::Ok);
  CHECK(v == 0xFFFFFFFFu);
  CHECK(ember::text::parse_int_literal("-0x8000_0000", 32, &v) == LiteralStatus::Ok);
  CHECK(v == 0x80000000u);
  CHECK(ember::text::parse_int_literal("+0x7fffffff", 32, &v) == LiteralStatus::Ok);
  CHECK(ember::text::parse_int_literal("+0x80000000", 32, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_int_literal("4294967296", 32, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_int_literal("-9223372036854775808", 64, &v) == LiteralStatus::Ok);
  CHECK(v == 0x8000000000000000ull);
  CHECK(ember::text::parse_int_literal("18446744073709551616", 64, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_int_literal("1__0", 32, &v) == LiteralStatus::Malformed);
  CHECK(ember::text::parse_int_literal("0x", 32, &v) == LiteralStatus::Malformed);
  CHECK(ember::text::parse_int_literal("1_000", 32, &v) == LiteralStatus::Ok);
  CHECK(v == 1000);
  CHECK(ember::text::parse_nat_literal("-1", 32, &v) == LiteralStatus::Malformed);
}

TEST_CASE("float literals round to nearest, ties to even") {
  CHECK(f32_bits("1") == 0x3F800000u);
  CHECK(f32_bits("-0") == 0x80000000u);
  CHECK(f32_bits("0x1p-149") == 1);                              // smallest subnormal
  CHECK(f32_bits("0x1p-150") == 0);                              // half of it: ties to even (zero)
  CHECK(f32_bits("0x1.8p-149") == 2);                            // 1.5 ulp: ties to even (2)
  CHECK(f32_bits("1.000000059604644775390625") == 0x3F800000u);  // exactly halfway: even
  CHECK(f32_bits("1.00000005960464477539062500001") == 0x3F800001u);
  CHECK(f32_bits("0x1.fffffefffffffffffp127") == 0x7F7FFFFFu);
  CHECK(f32_bits("3.4028234663852886e38") == 0x7F7FFFFFu);
  CHECK(f64_bits("0.1") == 0x3FB999999999999Aull);
  CHECK(f64_bits("2.2250738585072011e-308") == 0x000FFFFFFFFFFFFFull);  // largest subnormal
  CHECK(f64_bits("4.9e-324") == 1);
  CHECK(f64_bits("1e-400") == 0);
  CHECK(f64_bits("0x1.fffffffffffffp1023") == 0x7FEFFFFFFFFFFFFFull);
  CHECK(f64_bits("1_000.000_1e0_1") == f64_bits("10000.001"));
}

namespace {

// A random literal for the cross-check below: decimal or hex digits (1 to 30, a point somewhere
// or nowhere) and an exponent reaching past both ends of f64's range.
std::string random_float_literal(std::mt19937_64& rng, bool hex) {
  auto next = [&rng] { return uint64_t(rng()); };
  const char* digits = "0123456789abcdef";
  const unsigned count = 1 + unsigned(next() % 30);
  const unsigned point = unsigned(next() % (count + 1));  // count: no point
  std::string text = hex ? "0x" : "";
  for (unsigned i = 0; i < count; ++i) {
    if (i == point && i > 0) text += '.';
    text += digits[next() % (hex ? 16 : 10)];
  }
  const int range = hex ? 1100 : 340;
  text += hex ? 'p' : 'e';
  text += std::to_string(int(next() % (2 * range + 1)) - range);
  return text;
}

}  // namespace

// Every finite literal rounds as the C library's strtof and strtod do (glibc's round correctly,
// to nearest, ties to even): random hex literals (a one-limb divisor) and decimal ones (one limb
// up to 10^-13, many limbs beyond), of either width; one out of range where they overflow.
TEST_CASE("float literals round as strtof and strtod do") {
  std::mt19937_64 rng(1);  // the same sequence on every host: the standard defines it
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const bool hex = i % 2 == 1, is_f64 = i % 4 >= 2;
    const std::string text = random_float_literal(rng, hex);
    uint64_t ours = 0, theirs = 0;
    const LiteralStatus status = ember::text::parse_float_literal(text, is_f64, &ours);
    bool overflow;
    if (is_f64) {
      const double d = std::strtod(text.c_str(), nullptr);
      overflow = std::isinf(d);
      std::memcpy(&theirs, &d, sizeof d);
    } else {
      const float f = std::strtof(text.c_str(), nullptr);
      overflow = std::isinf(f);
      uint32_t b;
      std::memcpy(&b, &f, sizeof f);
      theirs = b;
    }
    INFO(text << (is_f64 ? " as f64" : " as f32"));
    if (overflow) {
      CHECK(status == LiteralStatus::OutOfRange);
    } else {
      REQUIRE(status == LiteralStatus::Ok);
      CHECK(ours == theirs);
      ++checked;
    }
  }
  CHECK(checked > 10000);
}

TEST_CASE("float literals: inf, nan, payloads and range") {
  CHECK(f32_bits("inf") == 0x7F800000u);
  CHECK(f32_bits("-inf") == 0xFF800000u);
  CHECK(f32_bits("nan") == 0x7FC00000u);
  CHECK(f32_bits("-nan:0x1") == 0xFF800001u);
  CHECK(f64_bits("nan:0x4_0000_0000_0000") == 0x7FF4000000000000ull);
  uint64_t v = 0;
  CHECK(ember::text::parse_float_literal("nan:0x0", false, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_float_literal("nan:0x80_0000", false, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_float_literal("0x1p128", false, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_float_literal("0x1.ffffffp127", false, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_float_literal("1e309", true, &v) == LiteralStatus::OutOfRange);
  CHECK(ember::text::parse_float_literal(".5", true, &v) == LiteralStatus::Malformed);
  CHECK(ember::text::parse_float_literal("1e", true, &v) == LiteralStatus::Malformed);
}

TEST_CASE("tokens: comments, annotations, strings and reserved words") {
  const char text[] =
      "(module ;; line\n (; block (; nested ;) ;) (@custom \"x\" (a b)) $id \"a\\n\\u{41}\" 0drop)";
  auto tokens = ember::text::tokenize(text, sizeof text - 1);
  using K = ember::text::TokenKind;
  std::vector<K> kinds;
  for (const auto& t : tokens) kinds.push_back(t.kind);
  CHECK(kinds == std::vector<K>{K::LParen, K::Keyword, K::Id, K::String, K::Reserved, K::RParen, K::End});
  CHECK(ember::text::string_value(text, tokens[3]) == "a\nA");
  CHECK(tokens[0].match == 5);
}

TEST_CASE("custom annotations become custom sections at their place") {
  auto binary = wasm(
      "(module (@custom \"end\" \"E\") (func) (@custom \"a\" (after func) \"x\" \"y\")"
      " (@custom \"b\" (before first)) (@custom \"c\" (before data) \"\\01\") (memory 1))");
  const std::vector<uint8_t> expected = {
      0x00, 0x02, 0x01, 'b',                    // before first
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00,       // type section
      0x03, 0x02, 0x01, 0x00,                   // function section
      0x00, 0x04, 0x01, 'a',  'x',  'y',        // after func: the strings concatenated
      0x05, 0x03, 0x01, 0x00, 0x01,             // memory section
      0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B,       // code section
      0x00, 0x03, 0x01, 'c',  0x01,             // before data (which the module lacks)
      0x00, 0x05, 0x03, 'e',  'n',  'd',  'E',  // after last, the default
  };
  CHECK(sections(binary) == expected);
  auto module = ember::Module::load(binary.data(), binary.size());
  CHECK(module.ok());
}

TEST_CASE("custom annotations elsewhere, and other annotations, are skipped") {
  CHECK(sections(wasm("(module (func (@custom \"x\" \"y\") nop) (@other \"z\"))")) ==
        sections(wasm("(module (func nop))")));
  CHECK(sections(wasm("(@custom \"x\" \"y\") (module)")).empty());
  CHECK(error_of("(module (@custom 1))").rfind("unexpected token", 0) == 0);
  CHECK(error_of("(module (@custom \"a\" (after nowhere)))").rfind("unexpected token", 0) == 0);
  CHECK(error_of("(module (@custom \"a\" (before last)))").rfind("unexpected token", 0) == 0);
  CHECK(error_of("(module (@custom \"\\ff\"))") == "malformed UTF-8 encoding");
}

TEST_CASE("a module converts to the bytes wat2wasm writes") {
  auto binary = wasm("(module (func (export \"f\") (param i32) (result i32) local.get 0))");
  const std::vector<uint8_t> expected = {
      0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F,  // type section
      0x03, 0x02, 0x01, 0x00,                          // function section
      0x07, 0x05, 0x01, 0x01, 'f',  0x00, 0x00,        // export section
      0x0A, 0x06, 0x01, 0x04, 0x00, 0x20, 0x00, 0x0B,  // code section
  };
  CHECK(sections(binary) == expected);
}

TEST_CASE("folded and flat instructions encode alike") {
  auto folded = wasm("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))");
  auto flat = wasm("(func (result i32) i32.const 1 i32.const 2 i32.add)");
  CHECK(folded == flat);
  auto folded_if = wasm("(func (param i32) (if (local.get 0) (then nop) (else nop)))");
  auto flat_if = wasm("(func (param i32) local.get 0 if nop else nop end)");
  CHECK(folded_if == flat_if);
}

TEST_CASE("labels resolve by name and must match at end") {
  auto named = wasm("(func block $a block $b br $a end end)");
  auto numbered = wasm("(func block block br 1 end end)");
  CHECK(named == numbered);
  CHECK(error_of("(func block $a end $b)") == "mismatching label $b");
  CHECK(error_of("(func block br $x end)") == "unknown label $x");
}

TEST_CASE("implicit types are appended in text order and reused") {
  auto binary = wasm(
      "(type (func (param i32))) (func (result f64) (f64.const 0)) (func (param i32)) "
      "(func (result f64) (f64.const 1))");
  // Types: [i32]->[] (explicit), []->[f64] (implicit, once).
  const std::vector<uint8_t> type_section = {0x01, 0x09, 0x02, 0x60, 0x01, 0x7F,
                                             0x00, 0x60, 0x00, 0x01, 0x7C};
  auto s = sections(binary);
  REQUIRE(s.size() >= type_section.size());
  CHECK(std::vector<uint8_t>(s.begin(), s.begin() + type_section.size()) == type_section);
  CHECK(error_of("(type $t (func (param i32))) (func (type $t) (param i64))") == "inline function type");
}

TEST_CASE("errors carry the spec's wording and the token's position") {
  auto r = ember::text::wat_to_wasm("(module\n  (func (i32.const 0x100000000) drop))", 41);
  REQUIRE_FALSE(r.ok());
  CHECK(std::string(r.error().message) == "constant out of range");
  CHECK(r.error().line == 2);
  CHECK(r.error().column == 20);
  CHECK(error_of("(func (i32.cons 1))") == "unknown operator i32.cons");
  CHECK(error_of("(func (nop) (local i32))") == "unexpected token local");
  CHECK(error_of("(func (i32.load align=3 (i32.const 0)))").rfind("alignment must be a power of two", 0) ==
        0);
  CHECK(error_of("(memory 0x1_0000_0000)").rfind("i32 constant out of range", 0) == 0);
  CHECK(error_of("(func $f) (func $f)") == "duplicate func $f");
  CHECK(error_of("(func) (import \"m\" \"n\" (func))") == "import after function");
  CHECK(error_of("(func (export \"\\80\"))") == "malformed UTF-8 encoding");
  CHECK(error_of("(start 0) (start 0) (func)") == "multiple start sections");
}

TEST_CASE("binary and quoted modules") {
  auto binary = wasm("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")");
  CHECK(binary == std::vector<uint8_t>{0, 'a', 's', 'm', 1, 0, 0, 0});
  auto quoted = wasm("(module quote \"(func (result i32)\" \"(i32.const 7))\")");
  CHECK(quoted == wasm("(func (result i32) (i32.const 7))"));
  CHECK(error_of("(module quote \"(func (f32.const nan:0x0) drop)\")").rfind("constant out of range", 0) ==
        0);
}

TEST_CASE("the output loads and runs in ember, with names from identifiers") {
  auto binary = wasm(R"((module
    (memory (export "mem") (data "hi"))
    (table funcref (elem $double))
    (func $double (param $x i32) (result i32) (i32.mul (local.get $x) (i32.const 2)))
    (func (export "run") (param i32) (result i32)
      (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)))))");
  auto module = ember::Module::load(binary.data(), binary.size());
  REQUIRE(module.ok());
  CHECK(module.value().function_name(0) == "double");
  ember::Store store;
  ember::Linker linker;
  auto instance = linker.instantiate(store, module.value());
  REQUIRE(instance.ok());
  ember::Value arg = ember::Value::i32(21), result;
  REQUIRE(store.call(instance.value()->function("run"), &arg, 1, &result, 1).ok());
  CHECK(result.as_i32() == 42);
  uint8_t bytes[2];
  REQUIRE(instance.value()->memory("mem")->read(0, bytes, 2));
  CHECK(std::memcmp(bytes, "hi", 2) == 0);
}

TEST_CASE("deep nesting is an error, not a crash") {
  std::string text = "(func";
  for (int i = 0; i < 100000; ++i) text += " (block";
  for (int i = 0; i < 100000; ++i) text += ")";
  text += ")";
  CHECK(error_of(text) == "nesting too deep");
  std::string flat = "(func";
  for (int i = 0; i < 100000; ++i) flat += " block";
  CHECK(error_of(flat) == "nesting too deep");
  std::string ok = "(func";
  for (int i = 0; i < 1000; ++i) ok += " (block";
  for (int i = 0; i < 1000; ++i) ok += ")";
  ok += ")";
  CHECK_FALSE(wasm(ok).empty());
}

TEST_CASE("mutated text never crashes the parser") {
  // Deterministic mutations (byte changes, deletions, insertions of syntax, truncation) of a
  // module that uses most of the syntax; under the sanitizer build this checks memory safety.
  const std::string seed = R"((module $m
    (type $t (func (param i32) (result i32)))
    (import "env" "f" (func $imp (type $t)))
    (memory (export "mem") 1 2) (data (i32.const 8) "a\00\u{263a}")
    (table $tab 2 funcref) (elem (table $tab) (offset (i32.const 0)) func $imp $g)
    (global $c (mut f64) (f64.const -0x1.8p+3))
    (func $g (param $x i32) (result i32) (local $y i64)
      (block $out (result i32)
        (loop $l
          (br_if $out (i32.eqz (local.get $x)))
          (local.set $x (i32.sub (local.get $x) (i32.const 1)))
          (br $l))
        (i32.const 0))
      (call_indirect $tab (type $t) (i32.const 1) (i32.const 0))
      i32.add (;block comment;) ;; line comment
      (select (result i32) (i32.const 1) (i32.const 2) (i32.load offset=4 align=4 (i32.const 0))))
    (func (export "run") (result f32) (f32.const nan:0x1) (@annotation (anything)) drop (f32.const inf)))
  )";
  REQUIRE(ember::text::wat_to_wasm(seed.data(), seed.size()).ok());
  const char* pieces[] = {"(",  ")",   "\"",    "$x",  "0",  "(;", ";)", ";;",
                          "\\", "(@a", "block", "end", "0x", "-",  "\n"};
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, state >> 8; };
  int converted = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string s = seed;
    for (uint32_t e = 0, edits = 1 + next() % 4; e < edits && !s.empty(); ++e) {
      std::size_t pos = next() % s.size();
      switch (next() % 4) {
        case 0: s[pos] = char(next()); break;
        case 1: s.erase(pos, 1 + next() % 8); break;
        case 2: s.insert(pos, pieces[next() % (sizeof pieces / sizeof pieces[0])]); break;
        default: s.resize(pos); break;
      }
    }
    auto r = ember::text::wat_to_wasm(s.data(), s.size());
    if (r.ok()) {
      ++converted;
      auto m = ember::Module::load(r.value().data(), r.value().size());
      (void)m;
    } else {
      CHECK(r.error().message[0] != '\0');
      CHECK(r.error().offset <= s.size());
    }
  }
  CHECK(converted > 0);
}
