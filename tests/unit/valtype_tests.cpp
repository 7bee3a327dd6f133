// Unit tests of the value type representation (ember::ValType: numbers, references with a
// nullability and an abstract or concrete heap type, in 32 bits), its names and function-type
// identity.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "decode/instr_reader.h"
#include "ember/types.h"

using ember::FuncTypeView;
using ember::HeapType;
using ember::ValType;

namespace {

ValType ref(HeapType ht) { return ValType::ref(ht, true); }
ValType nonnull(HeapType ht) { return ValType::ref(ht, false); }

std::string name(ValType t) {
  char buf[32];
  std::size_t n = ember::to_string(t, buf, sizeof buf);
  REQUIRE(n < sizeof buf);
  return std::string(buf, n);
}

}  // namespace

TEST_CASE("valtype: every WebAssembly 2.0 type is its one-byte binary encoding", "[valtype]") {
  STATIC_REQUIRE(sizeof(ValType) == 4);
  STATIC_REQUIRE(ValType::I32.bits() == 0x7F);
  STATIC_REQUIRE(ValType::I64.bits() == 0x7E);
  STATIC_REQUIRE(ValType::F32.bits() == 0x7D);
  STATIC_REQUIRE(ValType::F64.bits() == 0x7C);
  STATIC_REQUIRE(ValType::V128.bits() == 0x7B);
  STATIC_REQUIRE(ValType::FuncRef.bits() == 0x70);
  STATIC_REQUIRE(ValType::ExternRef.bits() == 0x6F);
  STATIC_REQUIRE(ValType::FuncRef == ValType::ref(HeapType::Func, true));
  STATIC_REQUIRE(ValType::ExternRef == ValType::ref(HeapType::Extern, true));
  STATIC_REQUIRE(ValType::from_bits(0x7E) == ValType::I64);
}

TEST_CASE("valtype: numbers have a code and no reference properties", "[valtype]") {
  const ValType nums[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128};
  const ValType::Code codes[] = {ValType::Code::I32, ValType::Code::I64, ValType::Code::F32,
                                 ValType::Code::F64, ValType::Code::V128};
  for (int i = 0; i < 5; ++i) {
    CHECK(nums[i].is_num());
    CHECK_FALSE(nums[i].is_ref());
    CHECK_FALSE(nums[i].nullable());
    CHECK_FALSE(nums[i].is_concrete());
    CHECK(nums[i].code() == codes[i]);
  }
  CHECK(ember::slot_count(ValType::V128) == 2);
  CHECK(ember::slot_count(ValType::I64) == 1);
  CHECK(ember::slot_count(ValType::FuncRef) == 1);
}

TEST_CASE("valtype: an abstract reference holds its heap type and nullability", "[valtype]") {
  const HeapType all[] = {HeapType::Func, HeapType::Extern, HeapType::Any,      HeapType::Eq,
                          HeapType::I31,  HeapType::Struct, HeapType::Array,    HeapType::Exn,
                          HeapType::None, HeapType::NoFunc, HeapType::NoExtern, HeapType::NoExn};
  for (HeapType ht : all) {
    for (bool nullable : {true, false}) {
      ValType t = ValType::ref(ht, nullable);
      INFO(name(t));
      CHECK(t.is_ref());
      CHECK_FALSE(t.is_num());
      CHECK_FALSE(t.is_concrete());
      CHECK(t.code() == ValType::Code::Ref);
      CHECK(t.nullable() == nullable);
      CHECK(t.heap_type() == ht);
      CHECK(t.with_nullable(!nullable) == ValType::ref(ht, !nullable));
      CHECK(ember::is_ref(t));
    }
  }
}

TEST_CASE("valtype: a concrete reference holds its type index and nullability", "[valtype]") {
  ValType t = ValType::ref_to_type(3, true);
  CHECK(t.is_ref());
  CHECK(t.is_concrete());
  CHECK(t.code() == ValType::Code::Ref);
  CHECK(t.heap_type() == HeapType::Concrete);
  CHECK(t.type_index() == 3);
  CHECK(t.nullable());
  CHECK_FALSE(ValType::ref_to_type(3, false).nullable());
  CHECK(ValType::ref_to_type(3, false).type_index() == 3);

  ValType top = ValType::ref_to_type(ValType::kMaxTypeIndex, false);
  CHECK(top.type_index() == ValType::kMaxTypeIndex);
  CHECK_FALSE(top.nullable());
  CHECK(ValType::ref_to_type(0, true).type_index() == 0);
  CHECK(ValType::from_bits(top.bits()) == top);
}

TEST_CASE("valtype: == compares kind, nullability and heap type exactly", "[valtype]") {
  CHECK(ValType::ref(HeapType::Func, false) != ValType::FuncRef);
  CHECK(ValType::ref(HeapType::NoFunc, true) != ValType::FuncRef);
  CHECK(ValType::FuncRef != ValType::ExternRef);
  CHECK(ValType::ref_to_type(3, true) != ValType::ref_to_type(3, false));
  CHECK(ValType::ref_to_type(3, true) != ValType::ref_to_type(4, true));
  CHECK(ValType::ref_to_type(3, true) == ValType::ref_to_type(3, true));
  CHECK(ValType::ref_to_type(0, true) != ValType::FuncRef);
  CHECK(ValType::I32 != ValType::I64);
  CHECK(ValType() != ValType::I32);
}

TEST_CASE("valtype: ValType() is no type", "[valtype]") {
  ValType none;
  CHECK(none.bits() == 0);
  CHECK_FALSE(none.is_num());
  CHECK_FALSE(none.is_ref());
  CHECK_FALSE(none.nullable());
  CHECK(std::string(ember::to_string(none)) == "?");
}

TEST_CASE("valtype: to_string prints the spec names", "[valtype]") {
  CHECK(std::string(ember::to_string(ValType::I32)) == "i32");
  CHECK(std::string(ember::to_string(ValType::I64)) == "i64");
  CHECK(std::string(ember::to_string(ValType::F32)) == "f32");
  CHECK(std::string(ember::to_string(ValType::F64)) == "f64");
  CHECK(std::string(ember::to_string(ValType::V128)) == "v128");
  CHECK(std::string(ember::to_string(ValType::FuncRef)) == "funcref");
  CHECK(std::string(ember::to_string(ValType::ExternRef)) == "externref");
  CHECK(std::string(ember::to_string(nonnull(HeapType::Func))) == "(ref func)");
  CHECK(std::string(ember::to_string(ref(HeapType::Any))) == "anyref");
  CHECK(std::string(ember::to_string(ref(HeapType::None))) == "nullref");
  CHECK(std::string(ember::to_string(ref(HeapType::NoFunc))) == "nullfuncref");
  CHECK(std::string(ember::to_string(ref(HeapType::NoExtern))) == "nullexternref");
  CHECK(std::string(ember::to_string(nonnull(HeapType::NoExn))) == "(ref noexn)");
  CHECK(std::string(ember::to_string(ValType::ref_to_type(3, true))) == "(ref null $t)");

  CHECK(name(ValType::ref_to_type(3, true)) == "(ref null 3)");
  CHECK(name(ValType::ref_to_type(12, false)) == "(ref 12)");
  CHECK(name(ValType::FuncRef) == "funcref");
  CHECK(name(nonnull(HeapType::Extern)) == "(ref extern)");
}

TEST_CASE("valtype: the buffered to_string cuts short like snprintf", "[valtype]") {
  char buf[6];
  std::memset(buf, 'x', sizeof buf);
  CHECK(ember::to_string(ValType::ref_to_type(3, true), buf, sizeof buf) == 12);
  CHECK(std::string(buf) == "(ref ");
  CHECK(ember::to_string(ValType::I32, buf, 0) == 3);
  CHECK(buf[0] == '(');  // size 0 writes nothing
}

TEST_CASE("functype: == compares signatures element by element, not storage", "[valtype][functype]") {
  const ValType p1[] = {ValType::I32, ValType::ref_to_type(1, true)};
  const ValType p2[] = {ValType::I32, ValType::ref_to_type(1, true)};
  const ValType p3[] = {ValType::I32, ValType::ref_to_type(1, false)};
  const ValType r1[] = {ValType::FuncRef};
  const ValType r2[] = {ValType::ExternRef};
  FuncTypeView a{p1, 2, r1, 1};
  CHECK(a == FuncTypeView{p2, 2, r1, 1});
  CHECK(a != FuncTypeView{p3, 2, r1, 1});
  CHECK(a != FuncTypeView{p1, 2, r2, 1});
  CHECK(a != FuncTypeView{p1, 1, r1, 1});
  CHECK(a != FuncTypeView{p1, 2, r1, 0});
  CHECK(FuncTypeView{} == FuncTypeView{p1, 0, r1, 0});
  // The results are compared as results, not as the params' continuation.
  CHECK(FuncTypeView{p1, 1, p1 + 1, 1} != FuncTypeView{p1, 2, nullptr, 0});
}

TEST_CASE("valtype: the reader maps the one-byte encodings, typed-reference prefixes are not yet types",
          "[valtype][decoder]") {
  using ember::detail::value_type_of_byte;
  ValType t;
  REQUIRE(value_type_of_byte(0x7F, &t));
  CHECK(t == ValType::I32);
  REQUIRE(value_type_of_byte(0x7B, &t));
  CHECK(t == ValType::V128);
  REQUIRE(value_type_of_byte(0x70, &t));
  CHECK(t == ValType::FuncRef);
  REQUIRE(value_type_of_byte(0x6F, &t));
  CHECK(t == ValType::ExternRef);
  for (unsigned b = 0; b < 256; ++b) {
    ValType u;
    bool ok = value_type_of_byte(uint8_t(b), &u);
    INFO("byte " << b);
    CHECK(ok == (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x7B || b == 0x70 || b == 0x6F));
    if (ok) CHECK(u.bits() == b);
  }
  // Single-result block types have storage that outlives the instruction.
  for (ValType s : {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128, ValType::FuncRef,
                    ValType::ExternRef}) {
    const ValType* p = ember::detail::single_type_storage(s);
    REQUIRE(p != nullptr);
    CHECK(*p == s);
  }
  CHECK(ember::detail::single_type_storage(ValType::ref_to_type(0, true)) == nullptr);
}
