// Unit tests of the binary decoder: malformed inputs (message and byte offset) and what a
// well-formed module decodes to. Offsets count from the start of the module; the 8-byte header
// means the first section id is at offset 8.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "decode/decoder.h"
#include "decode/utf8.h"
#include "module/module_data.h"

using ember::ErrorKind;
using ember::ExternKind;
using ember::ValType;
using namespace ember::detail;

namespace {

#define HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00
// (type (func)) (func (type 0)): a type section and a function section, 10 bytes (offsets 8..17).
#define TYPE_AND_ONE_FUNCTION 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00

struct Decoded {
  explicit Decoded(std::vector<uint8_t> b) : bytes(std::move(b)) {
    m.bytes = bytes.data();
    m.size = uint32_t(bytes.size());
    error = decode_module(m);
  }
  std::vector<uint8_t> bytes;
  ModuleData m;
  ember::Error error;
};

void require_malformed(std::vector<uint8_t> bytes, const std::string& message, uint32_t offset) {
  Decoded d(std::move(bytes));
  INFO("expected: " << message << " at " << offset);
  REQUIRE(d.error.kind == ErrorKind::Malformed);
  CHECK(std::string(d.error.message) == message);
  CHECK(d.error.offset == offset);
}

std::string_view sv(const char* s) { return std::string_view(s); }

}  // namespace

// The byte arrays are laid out one section (or entry) per line.
// clang-format off

// ---------------------------------------------------------------------------------------------
// Header

TEST_CASE("decoder: empty input is an unexpected end", "[decoder]") {
  require_malformed({}, "unexpected end", 0);
}

TEST_CASE("decoder: wrong magic", "[decoder]") {
  // "asm\0" then a version: the magic is checked before the version.
  require_malformed({'a', 's', 'm', 0x00, 0x01, 0x00, 0x00, 0x00}, "magic header not detected", 0);
}

TEST_CASE("decoder: truncated version", "[decoder]") {
  require_malformed({0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00}, "unexpected end", 4);
}

TEST_CASE("decoder: unknown version", "[decoder]") {
  require_malformed({0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00}, "unknown binary version", 4);
}

TEST_CASE("decoder: the empty module decodes", "[decoder]") {
  Decoded d({HEADER});
  REQUIRE(d.error.ok());
  CHECK(d.m.types.empty());
  CHECK(d.m.func_count() == 0);
}

// ---------------------------------------------------------------------------------------------
// Section framing

TEST_CASE("decoder: section id above 12", "[decoder]") {
  require_malformed({HEADER, 0x0E, 0x01, 0x00}, "malformed section id", 8);
}

TEST_CASE("decoder: duplicate section", "[decoder]") {
  // Two empty type sections.
  require_malformed({HEADER, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00}, "unexpected content after last section",
                    11);
}

TEST_CASE("decoder: data count section after the code section", "[decoder]") {
  // Data count (id 12) must come before code (id 10) although its id is larger.
  require_malformed({HEADER, 0x0A, 0x01, 0x00, 0x0C, 0x01, 0x00}, "unexpected content after last section",
                    11);
}

TEST_CASE("decoder: data count section before the code section is in order", "[decoder]") {
  Decoded d({HEADER, 0x0C, 0x01, 0x00, 0x0A, 0x01, 0x00});
  REQUIRE(d.error.ok());
  CHECK(d.m.has_data_count);
  CHECK(d.m.data_count == 0);
}

TEST_CASE("decoder: section size beyond the module", "[decoder]") {
  // Type section claiming 5 bytes, 1 present.
  require_malformed({HEADER, 0x01, 0x05, 0x00}, "length out of bounds", 9);
}

TEST_CASE("decoder: section longer than its contents", "[decoder]") {
  // Type section of size 2 holding (count 0) plus a stray byte.
  require_malformed({HEADER, 0x01, 0x02, 0x00, 0x00}, "section size mismatch", 10);
}

TEST_CASE("decoder: section contents longer than its size", "[decoder]") {
  // Type section of size 1 declaring one type `(func)`: its 3 bytes run past the section.
  require_malformed({HEADER, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00}, "section size mismatch", 10);
}

TEST_CASE("decoder: vector count beyond the module", "[decoder]") {
  // Type section: count 2^32-1 in a module of a few bytes. Must fail without allocating for it.
  require_malformed({HEADER, 0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, "length out of bounds", 10);
}

TEST_CASE("decoder: overlong LEB128 section size", "[decoder]") {
  require_malformed({HEADER, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "integer representation too long",
                    13);
}

// ---------------------------------------------------------------------------------------------
// Types

TEST_CASE("decoder: function type form other than 0x60", "[decoder]") {
  require_malformed({HEADER, 0x01, 0x04, 0x01, 0x61, 0x00, 0x00}, "malformed function type", 11);
}

TEST_CASE("decoder: function type form as a multi-byte LEB", "[decoder]") {
  // -0x20 written as two bytes (e0 7f): the reference reads type bytes as 7-bit LEBs.
  require_malformed({HEADER, 0x01, 0x05, 0x01, 0xE0, 0x7F, 0x00, 0x00}, "integer representation too long",
                    12);
}

TEST_CASE("decoder: unknown value type in a function type", "[decoder]") {
  // (func (param <0x7a>))
  require_malformed({HEADER, 0x01, 0x05, 0x01, 0x60, 0x01, 0x7A, 0x00}, "malformed value type", 13);
}

TEST_CASE("decoder: function types", "[decoder]") {
  // (type (func (param i32 i64) (result f32)))
  // (type (func (result externref funcref)))
  Decoded d({HEADER,
             0x01, 0x0C, 0x02,
             0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D,
             0x60, 0x00, 0x02, 0x6F, 0x70});
  REQUIRE(d.error.ok());
  REQUIRE(d.m.types.size() == 2);
  ember::FuncTypeView t0 = d.m.type_view(0);
  REQUIRE(t0.param_count == 2);
  CHECK(t0.params[0] == ValType::I32);
  CHECK(t0.params[1] == ValType::I64);
  REQUIRE(t0.result_count == 1);
  CHECK(t0.results[0] == ValType::F32);
  ember::FuncTypeView t1 = d.m.type_view(1);
  CHECK(t1.param_count == 0);
  REQUIRE(t1.result_count == 2);
  CHECK(t1.results[0] == ValType::ExternRef);
  CHECK(t1.results[1] == ValType::FuncRef);
}

// ---------------------------------------------------------------------------------------------
// Imports

TEST_CASE("decoder: import kind 4", "[decoder]") {
  // (import "" "" <kind 4>)
  require_malformed({HEADER, 0x02, 0x04, 0x01, 0x00, 0x00, 0x04}, "malformed import kind", 13);
}

TEST_CASE("decoder: import module name that is not UTF-8", "[decoder]") {
  // (import "\c0" "a" (func (type 0))): C0 is an overlong lead byte.
  require_malformed({HEADER, 0x02, 0x07, 0x01, 0x01, 0xC0, 0x01, 0x61, 0x00, 0x00},
                    "malformed UTF-8 encoding", 11);
}

TEST_CASE("decoder: import name length beyond the module", "[decoder]") {
  // (import "" <length 10, 1 byte given>)
  require_malformed({HEADER, 0x02, 0x04, 0x01, 0x00, 0x0A, 0x61}, "length out of bounds", 12);
}

TEST_CASE("decoder: imports of every kind fill the index spaces first", "[decoder]") {
  // (type (func (param i32)))
  // (import "m" "f" (func (type 0)))
  // (import "m" "t" (table 1 2 externref))
  // (import "m" "mem" (memory 1))
  // (import "m" "g" (global (mut i64)))
  // (func (type 0))              ;; defined function 1
  // (global f32 (f32.const 0))   ;; defined global 1
  Decoded d({HEADER,
             0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,                           // type
             0x02, 0x20, 0x04,                                                   // import, 4 entries
             0x01, 'm', 0x01, 'f', 0x00, 0x00,                                   //   func
             0x01, 'm', 0x01, 't', 0x01, 0x6F, 0x01, 0x01, 0x02,                 //   table
             0x01, 'm', 0x03, 'm', 'e', 'm', 0x02, 0x00, 0x01,                   //   memory
             0x01, 'm', 0x01, 'g', 0x03, 0x7E, 0x01,                             //   global
             0x03, 0x02, 0x01, 0x00,                                             // function
             0x06, 0x09, 0x01, 0x7D, 0x00, 0x43, 0x00, 0x00, 0x00, 0x00, 0x0B,   // global
             0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B});                               // code
  REQUIRE(d.error.ok());
  const ModuleData& m = d.m;
  REQUIRE(m.imports.size() == 4);
  CHECK(m.imports[0].module == sv("m"));
  CHECK(m.imports[0].name == sv("f"));
  CHECK(m.imports[0].kind == ExternKind::Func);
  CHECK(m.imports[0].func_type == 0);
  CHECK(m.imports[1].kind == ExternKind::Table);
  CHECK(m.imports[1].table.elem == ValType::ExternRef);
  CHECK(m.imports[1].table.limits.min == 1);
  CHECK(m.imports[1].table.limits.has_max);
  CHECK(m.imports[1].table.limits.max == 2);
  CHECK(m.imports[2].name == sv("mem"));
  CHECK(m.imports[2].kind == ExternKind::Memory);
  CHECK(m.imports[2].memory.limits.min == 1);
  CHECK_FALSE(m.imports[2].memory.limits.has_max);
  CHECK(m.imports[3].kind == ExternKind::Global);
  CHECK(m.imports[3].global.type == ValType::I64);
  CHECK(m.imports[3].global.is_mutable);

  CHECK(m.imported_funcs == 1);
  CHECK(m.imported_tables == 1);
  CHECK(m.imported_memories == 1);
  CHECK(m.imported_globals == 1);
  CHECK(m.func_types.size() == 2);
  CHECK(m.tables.size() == 1);
  CHECK(m.memories.size() == 1);
  REQUIRE(m.global_types.size() == 2);
  CHECK(m.global_types[0].type == ValType::I64);
  CHECK(m.global_types[1].type == ValType::F32);
  CHECK_FALSE(m.global_types[1].is_mutable);
  REQUIRE(m.globals.size() == 1);
  // Global init (f32.const 0) (end) starts after the type byte and mutability byte.
  CHECK(m.globals[0].init.size == 6);
  CHECK(m.bytes[m.globals[0].init.offset] == 0x43);
  CHECK(m.bytes[m.globals[0].init.offset + m.globals[0].init.size - 1] == 0x0B);
  REQUIRE(m.bodies.size() == 1);
  CHECK(m.bodies[0].type_index == 0);
}

// ---------------------------------------------------------------------------------------------
// Tables, memories, globals

TEST_CASE("decoder: memory limits flags 2", "[decoder]") {
  require_malformed({HEADER, 0x05, 0x03, 0x01, 0x02, 0x00}, "integer too large", 11);
}

TEST_CASE("decoder: memory limits flags written as two bytes", "[decoder]") {
  require_malformed({HEADER, 0x05, 0x04, 0x01, 0x81, 0x00, 0x00}, "integer representation too long", 12);
}

TEST_CASE("decoder: table element type not a reference type", "[decoder]") {
  // (table 0 i32)
  require_malformed({HEADER, 0x04, 0x03, 0x01, 0x7F, 0x00}, "malformed reference type", 11);
}

// Typed references ((ref null $t) = 0x63 ht, (ref ht) = 0x64 ht) are not accepted yet: their prefix
// bytes are refused like any other unknown type byte.
TEST_CASE("decoder: typed reference prefixes are not value types yet", "[decoder]") {
  // (func (param (ref null 0)))
  require_malformed({HEADER, 0x01, 0x06, 0x01, 0x60, 0x01, 0x63, 0x00, 0x00}, "malformed value type", 13);
  // (func (result (ref func)))
  require_malformed({HEADER, 0x01, 0x06, 0x01, 0x60, 0x00, 0x01, 0x64, 0x70}, "malformed value type", 14);
  // (global (ref null func) (ref.null func))
  require_malformed({HEADER, 0x06, 0x07, 0x01, 0x63, 0x70, 0x00, 0xD0, 0x70, 0x0B}, "malformed value type",
                    11);
}

TEST_CASE("decoder: typed reference prefixes are not reference types yet", "[decoder]") {
  // (table 0 (ref null func))
  require_malformed({HEADER, 0x04, 0x04, 0x01, 0x63, 0x70, 0x00}, "malformed reference type", 11);
  // (table 0 (ref func))
  require_malformed({HEADER, 0x04, 0x04, 0x01, 0x64, 0x70, 0x00}, "malformed reference type", 11);
}

TEST_CASE("decoder: memory limit above 32 bits", "[decoder]") {
  // (memory 0x1_0000_0000): min needs a fifth LEB byte with more than 4 bits.
  require_malformed({HEADER, 0x05, 0x07, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10}, "integer too large", 16);
}

TEST_CASE("decoder: global mutability 2", "[decoder]") {
  // (global i32 <mut 2> (i32.const 0))
  require_malformed({HEADER, 0x06, 0x06, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B}, "malformed mutability", 12);
}

TEST_CASE("decoder: global init with an opcode that does not exist", "[decoder]") {
  require_malformed({HEADER, 0x06, 0x05, 0x01, 0x7F, 0x00, 0xF3, 0x0B}, "illegal opcode", 13);
}

TEST_CASE("decoder: global init missing its end at the end of the module", "[decoder]") {
  // (global i32 (i32.const 0)   -- no end
  require_malformed({HEADER, 0x06, 0x05, 0x01, 0x7F, 0x00, 0x41, 0x00},
                    "unexpected end of section or function", 15);
}

TEST_CASE("decoder: a non-constant global init still decodes", "[decoder]") {
  // (global i32 (i32.add (i32.const 1) (i32.const 2))): whether it is constant is the validator's call.
  Decoded d({HEADER, 0x06, 0x09, 0x01, 0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B});
  REQUIRE(d.error.ok());
  REQUIRE(d.m.globals.size() == 1);
  CHECK(d.m.globals[0].init.offset == 13);
  CHECK(d.m.globals[0].init.size == 6);
}

// ---------------------------------------------------------------------------------------------
// Exports and start

TEST_CASE("decoder: export kind 4", "[decoder]") {
  // (export "" <kind 4> 0)
  require_malformed({HEADER, 0x07, 0x04, 0x01, 0x00, 0x04, 0x00}, "malformed export kind", 12);
}

TEST_CASE("decoder: exports and start", "[decoder]") {
  // (type (func)) (func $f) (memory 1)
  // (export "run" (func $f)) (export "mem" (memory 0)) (start $f)
  Decoded d({HEADER,
             0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                                      // type
             0x03, 0x02, 0x01, 0x00,                                                  // function
             0x05, 0x03, 0x01, 0x00, 0x01,                                            // memory
             0x07, 0x0D, 0x02, 0x03, 'r', 'u', 'n', 0x00, 0x00, 0x03, 'm', 'e', 'm', 0x02, 0x00,  // export
             0x08, 0x01, 0x00,                                                        // start
             0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B});                                    // code
  REQUIRE(d.error.ok());
  REQUIRE(d.m.exports.size() == 2);
  CHECK(d.m.exports[0].name == sv("run"));
  CHECK(d.m.exports[0].kind == ExternKind::Func);
  CHECK(d.m.exports[0].index == 0);
  CHECK(d.m.exports[1].name == sv("mem"));
  CHECK(d.m.exports[1].kind == ExternKind::Memory);
  CHECK(d.m.has_start);
  CHECK(d.m.start == 0);
}

// ---------------------------------------------------------------------------------------------
// Element segments

TEST_CASE("decoder: element segment flags 8", "[decoder]") {
  require_malformed({HEADER, 0x09, 0x02, 0x01, 0x08}, "malformed elements segment kind", 11);
}

TEST_CASE("decoder: element kind other than 0", "[decoder]") {
  // (elem <passive> <elemkind 1> 0 items)
  require_malformed({HEADER, 0x09, 0x04, 0x01, 0x01, 0x01, 0x00}, "malformed element kind", 12);
}

TEST_CASE("decoder: element expression segment with type i32", "[decoder]") {
  // (elem <passive> i32 (ref.func 0))
  require_malformed({HEADER, 0x09, 0x07, 0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B},
                    "malformed reference type", 12);
}

TEST_CASE("decoder: all eight element segment encodings", "[decoder]") {
  // (type (func)) (func) (table 1 funcref)
  // 0: (elem (i32.const 0) func 0)
  // 1: (elem func 0)                           passive, elemkind
  // 2: (elem (table 0) (i32.const 0) func 0)   explicit table, elemkind
  // 3: (elem declare func 0)                   declarative, elemkind
  // 4: (elem (i32.const 0) funcref (ref.func 0))
  // 5: (elem externref (ref.null extern))      passive
  // 6: (elem (table 0) (i32.const 0) funcref (ref.null func))
  // 7: (elem declare funcref (ref.func 0))
  Decoded d({HEADER,
             0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                          // type
             0x03, 0x02, 0x01, 0x00,                                      // function
             0x04, 0x04, 0x01, 0x70, 0x00, 0x01,                          // table
             0x09, 0x35, 0x08,                                            // element, 8 segments
             0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,                          //   0
             0x01, 0x00, 0x01, 0x00,                                      //   1
             0x02, 0x00, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00,              //   2
             0x03, 0x00, 0x01, 0x00,                                      //   3
             0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B,              //   4
             0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B,                          //   5
             0x06, 0x00, 0x41, 0x00, 0x0B, 0x70, 0x01, 0xD0, 0x70, 0x0B,  //   6
             0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B,                          //   7
             0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B});                        // code
  REQUIRE(d.error.ok());
  const auto& e = d.m.elems;
  REQUIRE(e.size() == 8);
  const SegmentMode modes[8] = {SegmentMode::Active,      SegmentMode::Passive, SegmentMode::Active,
                                SegmentMode::Declarative, SegmentMode::Active,  SegmentMode::Passive,
                                SegmentMode::Active,      SegmentMode::Declarative};
  for (int i = 0; i < 8; ++i) {
    INFO("segment " << i);
    CHECK(e[i].mode == modes[i]);
    CHECK(e[i].table == 0);
    REQUIRE(e[i].items.size() == 1);
    if (i < 4) {
      CHECK(e[i].items[0].expr.size == 0);  // function index form
      CHECK(e[i].items[0].func_index == 0);
    } else {
      CHECK(e[i].items[0].expr.size == 3);
    }
    if (e[i].mode == SegmentMode::Active) {
      CHECK(e[i].offset.size == 3);
      CHECK(d.m.bytes[e[i].offset.offset] == 0x41);
    }
  }
  CHECK(e[5].type == ValType::ExternRef);
  CHECK(e[0].type == ValType::FuncRef);
  CHECK(e[7].type == ValType::FuncRef);
  CHECK(d.m.bytes[e[5].items[0].expr.offset] == 0xD0);
}

// ---------------------------------------------------------------------------------------------
// Data segments and data count

TEST_CASE("decoder: data segment flags 3", "[decoder]") {
  require_malformed({HEADER, 0x0B, 0x03, 0x01, 0x03, 0x00}, "malformed data segment kind", 11);
}

TEST_CASE("decoder: data segment bytes past the end of the module", "[decoder]") {
  // (memory 1) (data (i32.const 0) <7 bytes declared, 6 given>): the length passes the
  // "out of bounds" check (counted from the length byte) and the read runs out.
  require_malformed({HEADER,
                     0x05, 0x03, 0x01, 0x00, 0x01,                                        // memory
                     0x0B, 0x0C, 0x01, 0x00, 0x41, 0x03, 0x0B, 0x07, 'a', 'b', 'c', 'd', 'e', 'f'},  // data
                    "unexpected end of section or function", 21);
}

TEST_CASE("decoder: data count without data section", "[decoder]") {
  require_malformed({HEADER, 0x0C, 0x01, 0x01}, "data count and data section have inconsistent lengths", 11);
}

TEST_CASE("decoder: data segments of every encoding", "[decoder]") {
  // (memory 1) (memory 1)   -- two memories only decode; the validator rejects them without multi-memory
  // (data (i32.const 1) "ab") (data "c") (data (memory 1) (i32.const 2) "")
  Decoded d({HEADER,
             0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01,      // memory x2
             0x0C, 0x01, 0x03,                              // data count 3
             0x0B, 0x11, 0x03,                              // data, 3 segments
             0x00, 0x41, 0x01, 0x0B, 0x02, 'a', 'b',        //   active, memory 0
             0x01, 0x01, 'c',                               //   passive
             0x02, 0x01, 0x41, 0x02, 0x0B, 0x00});          //   active, memory 1
  REQUIRE(d.error.ok());
  const auto& s = d.m.datas;
  REQUIRE(s.size() == 3);
  CHECK(s[0].mode == SegmentMode::Active);
  CHECK(s[0].memory == 0);
  CHECK(s[0].offset.offset == 22);
  CHECK(s[0].offset.size == 3);
  CHECK(s[0].data_size == 2);
  CHECK(d.m.bytes[s[0].data_offset] == 'a');
  CHECK(s[1].mode == SegmentMode::Passive);
  CHECK(s[1].data_size == 1);
  CHECK(d.m.bytes[s[1].data_offset] == 'c');
  CHECK(s[2].mode == SegmentMode::Active);
  CHECK(s[2].memory == 1);
  CHECK(s[2].data_size == 0);
  CHECK(d.m.memories.size() == 2);
}

// ---------------------------------------------------------------------------------------------
// Code

TEST_CASE("decoder: function section without code section", "[decoder]") {
  // (type (func)) (func) with the body missing.
  require_malformed({HEADER, TYPE_AND_ONE_FUNCTION}, "function and code section have inconsistent lengths", 18);
}

TEST_CASE("decoder: code section without function section", "[decoder]") {
  require_malformed({HEADER, 0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B},
                    "function and code section have inconsistent lengths", 14);
}

TEST_CASE("decoder: 2^32 locals", "[decoder]") {
  // (func (local i32 x 0xffffffff) (local i64 x 2))
  require_malformed({HEADER, TYPE_AND_ONE_FUNCTION,
                     0x0A, 0x0C, 0x01, 0x0A, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B},
                    "too many locals", 22);
}

TEST_CASE("decoder: more locals than Config::max_locals is a Limit, not a malformation", "[decoder][limits]") {
  // (func (local i32 x 50001)): valid wasm, over the default host limit.
  Decoded d({HEADER, TYPE_AND_ONE_FUNCTION,
             0x0A, 0x08, 0x01, 0x06, 0x01, 0xD1, 0x86, 0x03, 0x7F, 0x0B});
  REQUIRE(d.error.kind == ErrorKind::Limit);
  CHECK(std::string(d.error.message) == "too many locals");
  CHECK(d.error.offset == 22);
  CHECK(d.error.func_index == 0);
  CHECK(std::string(d.error.detail) == "50001 locals exceed Config::max_locals = 50000");
}

TEST_CASE("decoder: local count above 32 bits", "[decoder]") {
  // (func (local i32 x 0x1_0000_0000))
  require_malformed({HEADER, TYPE_AND_ONE_FUNCTION,
                     0x0A, 0x0A, 0x01, 0x08, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F, 0x0B},
                    "integer too large", 27);
}

TEST_CASE("decoder: locals running past the body", "[decoder]") {
  // Body size 2 but its locals vector takes 3 bytes: (local i32 x 1) then `end`.
  require_malformed({HEADER, TYPE_AND_ONE_FUNCTION,
                     0x0A, 0x06, 0x01, 0x02, 0x01, 0x01, 0x7F, 0x0B},
                    "section size mismatch", 22);
}

TEST_CASE("decoder: a malformed instruction before a later framing error is reported first", "[decoder]") {
  // (func (local i32) (drop (i32.load offset=<2 in 11 bytes> (i32.const 0))))
  // The body size (15) is too small for the over-long offset; the reference decoder reads the
  // instruction first and reports the LEB, not the bytes after the body.
  require_malformed({HEADER, TYPE_AND_ONE_FUNCTION,
                     0x05, 0x03, 0x01, 0x00, 0x01,                                  // memory
                     0x0A, 0x11, 0x01, 0x0F, 0x01, 0x01, 0x7F, 0x41, 0x00, 0x28, 0x02,  // code
                     0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1A, 0x0B},
                    "integer representation too long", 38);
}

TEST_CASE("decoder: bodies and locals", "[decoder]") {
  // (type (func (param i32)))
  // (func (type 0) (local i32 i32) (local f64) (local <0 x i64>) nop)
  // (func (type 0) (local 50000 x i32))        ;; the engine's maximum
  Decoded d({HEADER,
             0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00,                    // type
             0x03, 0x03, 0x02, 0x00, 0x00,                                // function
             0x0A, 0x12, 0x02,                                            // code
             0x09, 0x03, 0x02, 0x7F, 0x01, 0x7C, 0x00, 0x7E, 0x01, 0x0B,  //   body 0
             0x06, 0x01, 0xD0, 0x86, 0x03, 0x7F, 0x0B});                  //   body 1
  REQUIRE(d.error.ok());
  const ModuleData& m = d.m;
  REQUIRE(m.bodies.size() == 2);
  const FunctionBody& b0 = m.bodies[0];
  CHECK(b0.type_index == 0);
  CHECK(b0.body_offset == 24);
  CHECK(b0.body_size == 9);
  CHECK(b0.code_offset == 31);
  CHECK(m.bytes[b0.code_offset] == 0x01);  // nop
  CHECK(b0.local_count == 3);
  REQUIRE(b0.local_run_count == 2);  // the empty i64 run is dropped
  CHECK(m.local_runs[b0.local_first].count == 2);
  CHECK(m.local_runs[b0.local_first].type == ValType::I32);
  CHECK(m.local_runs[b0.local_first + 1].count == 1);
  CHECK(m.local_runs[b0.local_first + 1].type == ValType::F64);
  const FunctionBody& b1 = m.bodies[1];
  CHECK(b1.local_count == 50000);
  CHECK(b1.local_run_count == 1);
  CHECK(b1.code_offset + 1 == b1.body_offset + b1.body_size);
  CHECK(m.code_section_size == 0x12);
}

// ---------------------------------------------------------------------------------------------
// Custom sections and names

TEST_CASE("decoder: custom section name that is not UTF-8", "[decoder]") {
  require_malformed({HEADER, 0x00, 0x02, 0x01, 0xFF}, "malformed UTF-8 encoding", 10);
}

TEST_CASE("decoder: custom section of size 0 has no room for its name", "[decoder]") {
  require_malformed({HEADER, 0x00, 0x00}, "unexpected end of section or function", 10);
}

TEST_CASE("decoder: custom section name longer than the section", "[decoder]") {
  // Size 1, but the name "ab" takes 3 bytes.
  require_malformed({HEADER, 0x00, 0x01, 0x02, 'a', 'b'}, "unexpected end of section or function", 13);
}

TEST_CASE("decoder: name section gives module and function names sorted by index", "[decoder]") {
  // (module $M (type (func)) (func $b) (func $a)) with function names listed out of order.
  Decoded d({HEADER,
             0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                       // type
             0x03, 0x03, 0x02, 0x00, 0x00,                             // function
             0x0A, 0x07, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B,     // code
             0x00, 0x14, 0x04, 'n', 'a', 'm', 'e',                     // custom "name"
             0x00, 0x02, 0x01, 'M',                                    //   module name
             0x01, 0x07, 0x02, 0x01, 0x01, 'a', 0x00, 0x01, 'b',       //   function names
             0x02, 0x00});                                             //   empty local names
  REQUIRE(d.error.ok());
  CHECK(d.m.module_name == sv("M"));
  REQUIRE(d.m.func_names.size() == 2);
  CHECK(d.m.func_names[0].index == 0);
  CHECK(d.m.func_names[0].name == sv("b"));
  CHECK(d.m.func_names[1].index == 1);
  CHECK(d.m.func_names[1].name == sv("a"));
}

TEST_CASE("decoder: a malformed name section is ignored", "[decoder]") {
  // Function-names subsection claiming 5 entries in 2 bytes, then a subsection running past the end.
  Decoded d({HEADER, 0x00, 0x0B, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x02, 0x05, 0x00, 0x01, 0x09});
  REQUIRE(d.error.ok());
  CHECK(d.m.func_names.empty());
  CHECK(d.m.module_name.empty());
}

TEST_CASE("decoder: non-minimal LEB128 encodings are accepted", "[decoder]") {
  // (memory 2) with min written as 82 80 80 80 00.
  Decoded d({HEADER, 0x05, 0x07, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00});
  REQUIRE(d.error.ok());
  REQUIRE(d.m.memories.size() == 1);
  CHECK(d.m.memories[0].limits.min == 2);
}

// ---------------------------------------------------------------------------------------------
// UTF-8

TEST_CASE("utf8: well-formed sequences", "[decoder][utf8]") {
  const uint8_t ok[] = {'a',  0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF,
                        0xEE, 0x80, 0x80, 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF};
  CHECK(is_valid_utf8(ok, sizeof ok));
  CHECK(is_valid_utf8(ok, 0));
}

TEST_CASE("utf8: ill-formed sequences", "[decoder][utf8]") {
  struct Case {
    std::vector<uint8_t> bytes;
    const char* why;
  };
  const Case cases[] = {
      {{0x80}, "stray continuation byte"},
      {{0xC0, 0x80}, "overlong 2-byte NUL"},
      {{0xC1, 0xBF}, "overlong 2-byte"},
      {{0xE0, 0x9F, 0xBF}, "overlong 3-byte"},
      {{0xF0, 0x8F, 0xBF, 0xBF}, "overlong 4-byte"},
      {{0xED, 0xA0, 0x80}, "high surrogate"},
      {{0xED, 0xBF, 0xBF}, "low surrogate"},
      {{0xF4, 0x90, 0x80, 0x80}, "above U+10FFFF"},
      {{0xF5, 0x80, 0x80, 0x80}, "lead byte beyond U+10FFFF"},
      {{0xFF}, "0xFF"},
      {{0xE2, 0x82}, "truncated 3-byte"},
      {{0xC2, 0x41}, "continuation byte missing"},
      {{0xF0, 0x90, 0x80, 0x41}, "last continuation byte missing"},
  };
  for (const Case& c : cases) {
    INFO(c.why);
    CHECK_FALSE(is_valid_utf8(c.bytes.data(), uint32_t(c.bytes.size())));
  }
}

// clang-format on
