// Unit tests of the value type representation (ember::ValType: numbers, references with a
// nullability and an abstract or concrete heap type, in 32 bits), its names, the subtyping
// relation and function-type identity.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "decode/instr_reader.h"
#include "ember/types.h"

using ember::FuncTypeView;
using ember::HeapType;
using ember::TypeContext;
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

bool sub(ValType a, ValType b, const TypeContext* ctx = nullptr) { return ember::is_subtype(a, b, ctx); }

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

TEST_CASE("subtyping: numbers and vectors match only themselves", "[valtype][subtyping]") {
  const ValType nums[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128};
  for (ValType a : nums) {
    for (ValType b : nums) CHECK(sub(a, b) == (a == b));
    CHECK_FALSE(sub(a, ValType::FuncRef));
    CHECK_FALSE(sub(ValType::FuncRef, a));
    CHECK_FALSE(sub(ref(HeapType::NoFunc), a));
  }
}

TEST_CASE("subtyping: (ref ht) is below (ref null ht), never the reverse", "[valtype][subtyping]") {
  CHECK(sub(nonnull(HeapType::Func), ValType::FuncRef));
  CHECK_FALSE(sub(ValType::FuncRef, nonnull(HeapType::Func)));
  CHECK(sub(nonnull(HeapType::Extern), nonnull(HeapType::Extern)));
  CHECK(sub(ValType::ref_to_type(2, false), ValType::ref_to_type(2, true)));
  CHECK_FALSE(sub(ValType::ref_to_type(2, true), ValType::ref_to_type(2, false)));
  CHECK_FALSE(sub(ref(HeapType::NoFunc), nonnull(HeapType::Func)));
  CHECK(sub(nonnull(HeapType::NoFunc), nonnull(HeapType::Func)));
}

TEST_CASE("subtyping: i31, struct, array <: eq <: any, and none is below them all", "[valtype][subtyping]") {
  for (HeapType h : {HeapType::I31, HeapType::Struct, HeapType::Array}) {
    CHECK(sub(ref(h), ref(HeapType::Eq)));
    CHECK(sub(ref(h), ref(HeapType::Any)));
    CHECK_FALSE(sub(ref(HeapType::Eq), ref(h)));
    CHECK(sub(ref(HeapType::None), ref(h)));
  }
  CHECK(sub(ref(HeapType::Eq), ref(HeapType::Any)));
  CHECK_FALSE(sub(ref(HeapType::Any), ref(HeapType::Eq)));
  CHECK_FALSE(sub(ref(HeapType::I31), ref(HeapType::Struct)));
  CHECK(sub(ref(HeapType::None), ref(HeapType::Any)));
  CHECK(sub(ref(HeapType::None), ref(HeapType::Eq)));
  CHECK_FALSE(sub(ref(HeapType::None), ValType::FuncRef));
  CHECK_FALSE(sub(ref(HeapType::None), ValType::ExternRef));
  CHECK_FALSE(sub(ref(HeapType::Any), ValType::ExternRef));
  CHECK_FALSE(sub(ValType::FuncRef, ref(HeapType::Any)));
}

TEST_CASE("subtyping: nofunc, noextern and noexn are the bottoms of their hierarchies",
          "[valtype][subtyping]") {
  CHECK(sub(ref(HeapType::NoFunc), ValType::FuncRef));
  CHECK(sub(ref(HeapType::NoFunc), ValType::ref_to_type(5, true)));
  CHECK_FALSE(sub(ref(HeapType::NoFunc), ValType::ExternRef));
  CHECK_FALSE(sub(ValType::FuncRef, ref(HeapType::NoFunc)));
  CHECK(sub(ref(HeapType::NoExtern), ValType::ExternRef));
  CHECK_FALSE(sub(ref(HeapType::NoExtern), ValType::FuncRef));
  CHECK_FALSE(sub(ValType::ExternRef, ref(HeapType::NoExtern)));
  CHECK(sub(ref(HeapType::NoExn), ref(HeapType::Exn)));
  CHECK_FALSE(sub(ref(HeapType::NoExn), ref(HeapType::Any)));
  CHECK_FALSE(sub(ref(HeapType::NoFunc), ref(HeapType::NoExtern)));
}

TEST_CASE("subtyping: a type index is below func (every defined type is a function type)",
          "[valtype][subtyping]") {
  CHECK(sub(ValType::ref_to_type(0, true), ValType::FuncRef));
  CHECK(sub(ValType::ref_to_type(0, false), nonnull(HeapType::Func)));
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), nonnull(HeapType::Func)));
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), ValType::ExternRef));
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), ref(HeapType::Any)));
  CHECK_FALSE(sub(ValType::FuncRef, ValType::ref_to_type(0, true)));
}

TEST_CASE("subtyping: type indices are identified by canonical id", "[valtype][subtyping]") {
  // $0 and $2 are the same signature, $1 another.
  const uint32_t ids[] = {7, 8, 7};
  TypeContext ctx{ids, 3};
  CHECK(sub(ValType::ref_to_type(0, true), ValType::ref_to_type(2, true), &ctx));
  CHECK(sub(ValType::ref_to_type(2, false), ValType::ref_to_type(0, true), &ctx));
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), ValType::ref_to_type(1, true), &ctx));
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), ValType::ref_to_type(2, false), &ctx));
  // Without a context indices are compared as they are.
  CHECK_FALSE(sub(ValType::ref_to_type(0, true), ValType::ref_to_type(2, true)));
  CHECK(sub(ValType::ref_to_type(1, true), ValType::ref_to_type(1, true)));
  // An index the context does not know is a subtype of nothing, not even itself.
  CHECK_FALSE(sub(ValType::ref_to_type(3, true), ValType::ref_to_type(3, true), &ctx));
  CHECK_FALSE(sub(ValType::ref_to_type(3, true), ValType::FuncRef, &ctx));
  CHECK_FALSE(sub(ref(HeapType::NoFunc), ValType::ref_to_type(3, true), &ctx));
  CHECK(sub(ref(HeapType::NoFunc), ValType::ref_to_type(2, true), &ctx));
}

TEST_CASE("subtyping: the validator's unknown operand is below every type", "[valtype][subtyping]") {
  CHECK(sub(ValType(), ValType::I32));
  CHECK(sub(ValType(), ValType::V128));
  CHECK(sub(ValType(), nonnull(HeapType::Func)));
  CHECK(sub(ValType(), ValType::ref_to_type(4, false)));
  CHECK_FALSE(sub(ValType::I32, ValType()));
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
